# --- PYODIDE:env --- #
from course_helpers.checks import call as _call, returning as _returning

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
    if kind == "int" and (type(value) is not int or value < 0):  # type(), not isinstance(): True is an int too
        raise ValueError(f"parameter {name!r} of route {route_name!r} must be an int >= 0, got {value!r}")
    text = str(value)
    if text == "":
        raise ValueError(f"parameter {name!r} of route {route_name!r} must not be empty")
    return quote(text, safe="")  # safe="": a "/" inside a value becomes %2F


def url_for(route_name, **params):
    if route_name not in ROUTES:
        raise KeyError(f"no route named {route_name!r}; the routes are {', '.join(ROUTES)}")
    segments = []
    for segment in ROUTES[route_name].split("/"):
        parameter = PARAMETER.fullmatch(segment)
        if parameter:
            kind, name = parameter.groups()
            segment = path_segment(route_name, kind, name, params.pop(name, None))
        segments.append(segment)
    path = "/".join(segments)  # what is left in params goes to the query string
    query = urlencode(sorted((key, value) for key, value in params.items() if value is not None), doseq=True)
    return f"{path}?{query}" if query else path


# --- PYODIDE:tests --- #
_url = _call(url_for, "user", user_id=7)
assert _url == "/users/7", (
    f"url_for('user', user_id=7) should be '/users/7', got {_url!r}. "
    "Hint: each <int:...> or <str:...> segment of the pattern is replaced by its parameter's value, and only there."
)

_url = _call(url_for, "file", filename="notes 2024.txt")
assert _url == "/files/notes%202024.txt", (
    f"url_for('file', filename='notes 2024.txt') should be '/files/notes%202024.txt', got {_url!r}. "
    "Hint: percent-encode each path parameter with urllib.parse.quote(value, safe=''), which writes a space as %20; "
    "in a path, '+' is a plus sign, not a space (quote_plus() is for query strings)."
)

_url = _call(url_for, "users", q="ada", page=2)
assert _url == "/users?page=2&q=ada", (
    f"url_for('users', q='ada', page=2) should be '/users?page=2&q=ada', got {_url!r}. "
    "Hint: parameters that are not in the pattern go to the query string, sorted by name."
)

# --- PYODIDE:secrets --- #
import random as _random
import re as _re
from urllib.parse import parse_qsl as _parse_qsl
from urllib.parse import quote as _quote
from urllib.parse import unquote as _unquote
from urllib.parse import urlsplit as _urlsplit

_ROUTES_AS_GIVEN = {  # as the starter gives them
    "users": "/users",
    "user": "/users/<int:user_id>",
    "user_post": "/users/<int:user_id>/posts/<str:title>",
    "file": "/files/<str:filename>",
}


def _shown_call(route_name, params):
    return "url_for(" + ", ".join([repr(route_name)] + [f"{k}={v!r}" for k, v in params.items()]) + ")"


def _build(route_name, _advice="", **params):
    return _returning(
        str,
        url_for,
        route_name,
        described_as=_shown_call(route_name, params),
        advice=_advice
        or "Every parameter it needs is there: raise only for an unknown route or a bad path parameter; "
        "every other parameter goes to the query string.",
        **params,
    )


def _refused(expected, hint, route_name, **params):
    """Call url_for, expecting it to raise `expected`; return the error's text."""
    described = _shown_call(route_name, params)
    try:
        url = url_for(route_name, **params)
    except expected as error:
        return str(error)
    except Exception as error:  # noqa: BLE001
        raise AssertionError(
            f"{described} should raise {expected.__name__}, got {type(error).__name__}: {error}. Hint: {hint}"
        ) from None
    raise AssertionError(f"{described} should raise {expected.__name__}, but returned {url!r}. Hint: {hint}")


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
for _value in ("50% off", "a b+c", "über?", "x/y/z", "~user", "line\nbreak", "tab\there", "日本"):
    _segment = _build("file", filename=_value)[len("/files/") :]
    assert "/" not in _segment and "?" not in _segment and _unquote(_segment) == _value, (
        f"url_for('file', filename={_value!r}) gave the segment {_segment!r}, which a router decodes as "
        f"{_unquote(_segment)!r}. Hint: the value must come back unchanged from unquote()."
    )
_url = _build("file", filename="A-Z_a.z~09")
assert _url == "/files/A-Z_a.z~09", (
    f"url_for('file', filename='A-Z_a.z~09') should be '/files/A-Z_a.z~09', got {_url!r}. "
    "Hint: ASCII letters, digits and _.-~ are never escaped; quote(value, safe='') leaves them as they are."
)
_url = _build("file", filename="line\n")
assert _url == "/files/line%0A", (
    f"url_for('file', filename='line\\n') should be '/files/line%0A', got {_url!r}. "
    "Hint: a newline is a character like any other: quote() writes it %0A; never strip or drop it."
)
_url = _build("user_post", user_id=3, title="Hello, world!")
assert _url == "/users/3/posts/Hello%2C%20world%21", (
    f"url_for('user_post', user_id=3, title='Hello, world!') should be '/users/3/posts/Hello%2C%20world%21', "
    f"got {_url!r}. Hint: fill in every parameter segment of the pattern, "
    "and quote the str one with safe='' so ',' and '!' are escaped."
)
_url = _build("user", "0 is a value, not a missing one: test `value is None`, not `not value`.", user_id=0)
assert _url == "/users/0", (
    f"url_for('user', user_id=0) should be '/users/0', got {_url!r}. Hint: 0 is a value, not a missing one."
)
_big = 10**30
_url = _build("user", user_id=_big)
assert _url == f"/users/{_big}", (
    f"url_for('user', user_id=10**30) should be '/users/{_big}', got {_url!r}. "
    "Hint: an int has no upper limit; write it with str()."
)
for _value, _text in [(2024, "2024"), (0, "0"), (1.5, "1.5"), (False, "False"), ("0", "0")]:
    _url = _build(
        "file",
        "a str parameter takes any value but None, turned into text with str(): 0 and False give '0' and 'False'.",
        filename=_value,
    )
    assert _url == f"/files/{_text}", (
        f"url_for('file', filename={_value!r}) should be '/files/{_text}', got {_url!r}. "
        "Hint: turn a str parameter's value into text with str() before quoting it; only None and '' are refused."
    )

# Extra parameters: the query string.
_url = _build("users", tags=["a", "b"])
assert _url == "/users?tags=a&tags=b", (
    f"url_for('users', tags=['a', 'b']) should be '/users?tags=a&tags=b', got {_url!r}. "
    "Hint: urlencode(..., doseq=True) writes one key=value pair per item of a list."
)
_url = _build("users", tags=["b", "a c", "é"])
assert _url == "/users?tags=b&tags=a+c&tags=%C3%A9", (
    f"url_for('users', tags=['b', 'a c', 'é']) should be '/users?tags=b&tags=a+c&tags=%C3%A9', got {_url!r}. "
    "Hint: sort the parameters by name, but keep the items of a list in their order."
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
_url = _build("users", q="a/b+c%d\n#")
assert _url == "/users?q=a%2Fb%2Bc%25d%0A%23", (
    f"url_for('users', q='a/b+c%d\\n#') should be '/users?q=a%2Fb%2Bc%25d%0A%23', got {_url!r}. "
    "Hint: in a query string, '+' means a space and '#' starts the fragment: let urlencode escape "
    "'/', '+', '%', a newline and '#' in values."
)
_url = _build("users", **{"café": "x", "a&b": "y"})
assert _url == "/users?a%26b=y&caf%C3%A9=x", (
    f"url_for('users', **{{'café': 'x', 'a&b': 'y'}}) should be '/users?a%26b=y&caf%C3%A9=x', got {_url!r}. "
    "Hint: the names are encoded like the values: give urlencode (name, value) pairs and let it escape both."
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
_url = _build("users", page=0, q="", flag=False)
assert _url == "/users?flag=False&page=0&q=", (
    f"url_for('users', page=0, q='', flag=False) should be '/users?flag=False&page=0&q=', got {_url!r}. "
    "Hint: only None leaves a parameter out: 0, '' and False are values (test `value is not None`, not `value`)."
)
_url = _build("users", tags=[])
assert _url == "/users", (
    f"url_for('users', tags=[]) should be '/users', got {_url!r}. "
    "Hint: an empty list gives no pair at all, so the query string is empty and there is no '?'."
)
_url = _build("user", user_id=7, tab="posts")
assert _url == "/users/7?tab=posts", (
    f"url_for('user', user_id=7, tab='posts') should be '/users/7?tab=posts', got {_url!r}. "
    "Hint: a parameter used in the path does not go to the query string as well."
)
_url = _build("users", user_id=7, title="x")
assert _url == "/users?title=x&user_id=7", (
    f"url_for('users', user_id=7, title='x') should be '/users?title=x&user_id=7', got {_url!r}. "
    "Hint: a name is a path parameter only for a route whose pattern has it; for '/users', both go to the query."
)
_params = {"user_id": 3, "title": "a/b", "tags": ["x"], "page": None}
_first, _second = _build("user_post", **_params), _build("user_post", **_params)
assert _first == _second == "/users/3/posts/a%2Fb?tags=x", (
    f"url_for('user_post', **{_params!r}) twice gave {_first!r} then {_second!r}; "
    "expected '/users/3/posts/a%2Fb?tags=x' both times. "
    "Hint: keep no state between calls: work on the call's own params, never on a dict kept outside."
)

# Many generated values: each comes back unchanged from the router's side.

_rng = _random.Random(1738)
_POOL = "aZ09-_.~ /%+&?#=\né日\t:@!*'()"
_UNRESERVED = _re.compile(r"(?:[A-Za-z0-9_.~-]|%[0-9A-F]{2})+")
for _ in range(200):
    _value = "".join(_rng.choice(_POOL) for _ in range(_rng.randint(1, 6)))
    _segment = _build("file", filename=_value)[len("/files/") :]
    assert _UNRESERVED.fullmatch(_segment) and _unquote(_segment) == _value, (
        f"url_for('file', filename={_value!r}) gave the segment {_segment!r}; expected {_quote(_value, safe='')!r}. "
        "Hint: quote(str(value), safe='') escapes every character but ASCII letters, digits and _.-~, "
        "as %XX in capitals, and a router's unquote() gives the value back."
    )
    _extra = {
        f"k{_rng.randint(0, 99)}": _rng.choice([_value, _rng.randint(0, 9), None, [_value, "x y"]])
        for _ in range(_rng.randint(1, 4))
    }
    _url = _build("users", **_extra)
    _wanted = [
        (key, str(item))
        for key, value in sorted(_extra.items())
        if value is not None
        for item in (value if isinstance(value, list) else [value])
    ]
    _query = _urlsplit(_url).query
    _got = _parse_qsl(_query, keep_blank_values=True)
    assert _url.startswith("/users") and _got == _wanted and ("?" in _url) == bool(_wanted), (
        f"{_shown_call('users', _extra)} gave {_url!r}, whose query string reads back as {_got!r}; expected "
        f"{_wanted!r}. Hint: urlencode(sorted(pairs), doseq=True) with the None values left out; "
        "add '?' only when that query string is not empty."
    )

# Errors that name what is wrong.
_text = _refused(KeyError, "look the name up in ROUTES and raise KeyError when it is not there.", "usr", user_id=7)
assert "usr" in _text, (
    f"The KeyError for the unknown route 'usr' should name it, but says {_text!r}. "
    "Hint: put route_name in the message you give to KeyError(...)."
)
_unnamed = [name for name in _ROUTES_AS_GIVEN if not _re.search(rf"\b{name}\b", _text)]
assert not _unnamed, (
    f"The KeyError for the unknown route 'usr' should list the routes of ROUTES, but says {_text!r}, "
    f"without {', '.join(_unnamed)}. Hint: a message such as \"no route named 'usr'; the routes are "
    "users, user, ...\" shows the typo at once: add ', '.join(ROUTES) to it."
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
for _value, _hint in [
    (True, "True and False are bools, and bool is a subclass of int: test type(value) is int, not isinstance()."),
    (False, "True and False are bools, and bool is a subclass of int: test type(value) is int, not isinstance()."),
    (-1, "an int parameter takes an int of 0 or more: /users/-1 is a URL the route never matches."),
    ("7", "an int parameter takes an int, not a str that looks like one: convert it before calling url_for."),
    (7.0, "an int parameter takes an int, not a float, even a whole one: /users/7.0 matches no route."),
]:
    _text = _refused(ValueError, _hint, "user", user_id=_value)
    assert "user_id" in _text, (
        f"The ValueError for url_for('user', user_id={_value!r}) should name 'user_id', but says {_text!r}. "
        "Hint: name the parameter whose value is refused in the ValueError's message."
    )

# The routes are read from ROUTES at each call.
assert ROUTES == _ROUTES_AS_GIVEN, (
    f"After these calls ROUTES is {ROUTES!r}, no longer the routes the starter gives. "
    "Hint: build the URL in a variable of your own; never write into ROUTES."
)
ROUTES["archive"] = "/archive/<int:year>/<str:slug>/edit"
ROUTES["pair"] = "/<str:left>/<str:right>"
ROUTES["root"] = "/"
try:
    for _name, _params, _wanted in [
        ("archive", {"year": 2024, "slug": "a b", "page": 2}, "/archive/2024/a%20b/edit?page=2"),
        ("pair", {"right": "r/2", "left": "l"}, "/l/r%2F2"),
        ("root", {}, "/"),
        ("root", {"q": "x"}, "/?q=x"),
    ]:
        _url = _build(
            _name,
            "url_for must work for any route of ROUTES, even one added after the start.",
            **_params,
        )
        assert _url == _wanted, (
            f"With ROUTES[{_name!r}] = {ROUTES[_name]!r}, {_shown_call(_name, _params)} should be {_wanted!r}, "
            f"got {_url!r}. Hint: read the pattern from ROUTES at each call, and replace each <kind:name> "
            "segment, wherever it is, by its own parameter."
        )
finally:
    for _name in ("archive", "pair", "root"):
        ROUTES.pop(_name, None)
