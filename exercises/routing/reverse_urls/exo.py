# --- PYODIDE:code --- #
import re
from urllib.parse import quote, urlencode

ROUTES = {
    "users": "/users",
    "user": "/users/<int:user_id>",
    "user_post": "/users/<int:user_id>/posts/<str:title>",
    "file": "/files/<str:filename>",
}


def url_for(route_name, **params): ...


# --- PYODIDE:corr --- #
import re
from urllib.parse import quote, urlencode

ROUTES = {
    "users": "/users",
    "user": "/users/<int:user_id>",
    "user_post": "/users/<int:user_id>/posts/<str:title>",
    "file": "/files/<str:filename>",
}
PARAMETER = re.compile(r"<(int|str):(\w+)>")


def path_segment(route_name, kind, name, value):
    """One path parameter, checked against its converter and percent-encoded."""
    if value is None:
        raise ValueError(f"route {route_name!r} needs the parameter {name!r}")
    if kind == "int":
        if type(value) is not int or value < 0:
            raise ValueError(f"parameter {name!r} of route {route_name!r} must be an int >= 0, got {value!r}")
        return str(value)
    if str(value) == "":
        raise ValueError(f"parameter {name!r} of route {route_name!r} must not be empty")
    return quote(str(value), safe="")  # safe="": a "/" inside a value becomes %2F


def url_for(route_name, **params):
    if route_name not in ROUTES:
        raise KeyError(f"no route named {route_name!r}; the routes are {', '.join(sorted(ROUTES))}")
    extra = dict(params)
    segments = []
    for segment in ROUTES[route_name].split("/"):
        parameter = PARAMETER.fullmatch(segment)
        if parameter:
            kind, name = parameter.groups()
            segment = path_segment(route_name, kind, name, extra.pop(name, None))
        segments.append(segment)
    path = "/".join(segments)
    query = urlencode(sorted((key, value) for key, value in extra.items() if value is not None), doseq=True)
    return f"{path}?{query}" if query else path


# --- PYODIDE:tests --- #
url = url_for("user", user_id=7)
assert url == "/users/7", (
    f"url_for('user', user_id=7) should be '/users/7', got {url!r}. "
    "Hint: each <int:...> or <str:...> segment of the pattern is replaced by its parameter's value, and only there."
)

url = url_for("file", filename="notes 2024.txt")
assert url == "/files/notes%202024.txt", (
    f"url_for('file', filename='notes 2024.txt') should be '/files/notes%202024.txt', got {url!r}. "
    "Hint: percent-encode each path parameter with urllib.parse.quote(value, safe=''), which writes a space as %20; "
    "in a path, '+' is a plus sign, not a space (quote_plus() is for query strings)."
)

url = url_for("users", q="ada", page=2)
assert url == "/users?page=2&q=ada", (
    f"url_for('users', q='ada', page=2) should be '/users?page=2&q=ada', got {url!r}. "
    "Hint: parameters that are not in the pattern go to the query string, sorted by name."
)

# --- PYODIDE:secrets --- #
from urllib.parse import unquote as _unquote


def _call(route_name, params):
    return "url_for(" + ", ".join([repr(route_name)] + [f"{k}={v!r}" for k, v in params.items()]) + ")"


def _build(route_name, **params):
    try:
        return url_for(route_name, **params)
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"{_call(route_name, params)} raised {type(error).__name__}: {error}, "
            "but every parameter it needs is there. Hint: raise only for an unknown route or a bad path parameter; "
            "every other parameter goes to the query string."
        ) from None


def _refused(expected, hint, route_name, **params):
    """Call url_for, expecting it to raise `expected`; return the error's text."""
    call = _call(route_name, params)
    try:
        url = url_for(route_name, **params)
    except expected as error:
        return str(error)
    except Exception as error:  # noqa: BLE001
        raise AssertionError(
            f"{call} should raise {expected.__name__}, got {type(error).__name__}: {error}. Hint: {hint}"
        ) from None
    raise AssertionError(f"{call} should raise {expected.__name__}, but returned {url!r}. Hint: {hint}")


# Path parameters: one segment each, whatever they contain.
_url = _build("file", filename="report/2024.pdf")
assert _url == "/files/report%2F2024.pdf", (
    f"url_for('file', filename='report/2024.pdf') should be '/files/report%2F2024.pdf', got {_url!r}. "
    "Hint: quote() keeps '/' unless you pass safe=''; a slash left in a value splits it into two segments."
)
_url = _build("file", filename="café.txt")
assert _url == "/files/caf%C3%A9.txt", (
    f"url_for('file', filename='café.txt') should be '/files/caf%C3%A9.txt', got {_url!r}. "
    "Hint: percent-encode each str parameter with urllib.parse.quote(), which writes 'é' as its UTF-8 bytes."
)
_url = _build("file", filename="a?b#c%d&e=f+g")
assert _url == "/files/a%3Fb%23c%25d%26e%3Df%2Bg", (
    f"url_for('file', filename='a?b#c%d&e=f+g') should be '/files/a%3Fb%23c%25d%26e%3Df%2Bg', got {_url!r}. "
    "Hint: '?' would start the query, '#' the fragment, and '%' an escape: quote(value, safe='') encodes them all."
)
for _value in ("50% off", "a b+c", "über?", "x/y/z", "~user"):
    _segment = _build("file", filename=_value)[len("/files/") :]
    assert "/" not in _segment and "?" not in _segment and _unquote(_segment) == _value, (
        f"url_for('file', filename={_value!r}) gave the segment {_segment!r}, which a router decodes as "
        f"{_unquote(_segment)!r}. Hint: the value must come back unchanged from unquote()."
    )
_url = _build("user_post", user_id=3, title="Hello, world!")
assert _url == "/users/3/posts/Hello%2C%20world%21", (
    f"url_for('user_post', user_id=3, title='Hello, world!') should be '/users/3/posts/Hello%2C%20world%21', "
    f"got {_url!r}. Hint: fill in every parameter segment of the pattern, "
    "and quote the str one with safe='' so ',' and '!' are escaped."
)
_url = _build("user", user_id=0)
assert _url == "/users/0", (
    f"url_for('user', user_id=0) should be '/users/0', got {_url!r}. Hint: 0 is a value, not a missing one."
)

# Extra parameters: the query string.
_url = _build("users", tags=["a", "b"])
assert _url == "/users?tags=a&tags=b", (
    f"url_for('users', tags=['a', 'b']) should be '/users?tags=a&tags=b', got {_url!r}. "
    "Hint: urlencode(..., doseq=True) writes one key=value pair per item of a list."
)
_url = _build("users", q="café au lait")
assert _url == "/users?q=caf%C3%A9+au+lait", (
    f"url_for('users', q='café au lait') should be '/users?q=caf%C3%A9+au+lait', got {_url!r}. "
    "Hint: urllib.parse.urlencode builds the query string; it writes 'é' as %C3%A9 and a space as '+', not %20."
)
_url = _build("users", q="a&b=c")
assert _url == "/users?q=a%26b%3Dc", (
    f"url_for('users', q='a&b=c') should be '/users?q=a%26b%3Dc', got {_url!r}. "
    "Hint: an unescaped '&' or '=' in a value starts a new parameter; let urlencode escape them."
)
_url = _build("users", z=1, a=2, m="x")
assert _url == "/users?a=2&m=x&z=1", (
    f"url_for('users', z=1, a=2, m='x') should be '/users?a=2&m=x&z=1', got {_url!r}. "
    "Hint: give urlencode the extra parameters sorted by name, not in the order of the call."
)
_url = _build("users", page=None)
assert _url == "/users", (
    f"url_for('users', page=None) should be '/users' (None means leave it out), got {_url!r}. "
    "Hint: drop the parameters whose value is None, and add '?' only when the query string is not empty."
)
_url = _build("users", page=None, q="x")
assert _url == "/users?q=x", (
    f"url_for('users', page=None, q='x') should be '/users?q=x', got {_url!r}. "
    "Hint: leave out only the parameters that are None; the others still go to the query string."
)
_url = _build("user", user_id=7, tab="posts")
assert _url == "/users/7?tab=posts", (
    f"url_for('user', user_id=7, tab='posts') should be '/users/7?tab=posts', got {_url!r}. "
    "Hint: a parameter used in the path does not go to the query string as well."
)

# Errors that name what is wrong.
_text = _refused(KeyError, "look the name up in ROUTES and raise KeyError when it is not there.", "usr", user_id=7)
assert "usr" in _text, (
    f"The KeyError for the unknown route 'usr' should name it, but says {_text!r}. "
    "Hint: put route_name in the message you give to KeyError(...)."
)
_missing_hint = "a missing path parameter is a ValueError whose message names the parameter."
_text = _refused(ValueError, _missing_hint, "user")
assert "user_id" in _text, (
    f"The ValueError for url_for('user') should name 'user_id', but says {_text!r}. "
    "Hint: put the missing parameter's name, as written in the pattern, in the ValueError's message."
)
_text = _refused(ValueError, _missing_hint, "user_post", user_id=3)
assert "title" in _text, (
    f"The ValueError for url_for('user_post', user_id=3) should name 'title', but says {_text!r}. "
    "Hint: check each parameter of the pattern in turn and name the one that is missing, not the first of the route."
)
_refused(ValueError, "a path parameter set to None is missing too.", "file", filename=None)
_refused(ValueError, "an empty segment matches no route: refuse an empty str parameter.", "file", filename="")
for _value in (-1, True, "7", 7.0):
    _refused(
        ValueError,
        "an int parameter takes an int of 0 or more and nothing else (no str, float or bool): "
        "anything else may build a URL the route never matches, such as /users/-1 or /users/True.",
        "user",
        user_id=_value,
    )
