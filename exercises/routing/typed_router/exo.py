# --- PYODIDE:env --- #
# Two handlers for the examples and the checks.
def show_user():
    return "show"


def update_user():
    return "update"


# --- PYODIDE:code --- #
import re
from typing import NamedTuple
from urllib.parse import unquote


class Match(NamedTuple):
    status: int  # 200, 204, 404 or 405
    handler: object  # the route's handler for a 200, else None
    params: dict  # the converted parameters for a 200, else {}
    allow: str | None  # the Allow header for a 204 or a 405, else None


class Router:
    def __init__(self):
        self.routes = []

    def add(self, method, pattern, handler): ...

    def match(self, method, path): ...


# --- PYODIDE:corr --- #
import re
from typing import NamedTuple
from urllib.parse import unquote

CONVERTERS = {  # name: (what the whole decoded segment must look like, conversion)
    "int": (re.compile(r"[0-9]+"), int),
    "str": (re.compile(r".+", re.DOTALL), str),
    "slug": (re.compile(r"[A-Za-z0-9_-]+"), str),
}
PARAMETER = re.compile(r"<(\w+):(\w+)>")


class Match(NamedTuple):
    status: int  # 200, 204, 404 or 405
    handler: object  # the route's handler for a 200, else None
    params: dict  # the converted parameters for a 200, else {}
    allow: str | None  # the Allow header for a 204 or a 405, else None


def fit(parts, segments):
    """The converted parameters if the decoded segments fit the pattern's parts, else None."""
    if len(parts) != len(segments):
        return None
    params = {}
    for part, segment in zip(parts, segments):
        if isinstance(part, str):  # a literal segment
            if part != segment:
                return None
        elif CONVERTERS[part[0]][0].fullmatch(segment):
            params[part[1]] = CONVERTERS[part[0]][1](segment)
        else:
            return None
    return params


class Router:
    def __init__(self):
        self.routes = []

    def add(self, method, pattern, handler):
        parts = []
        for segment in pattern.split("/")[1:]:
            parameter = PARAMETER.fullmatch(segment)
            if parameter and parameter[1] not in CONVERTERS:
                raise ValueError(f"unknown converter {parameter[1]!r} in {pattern!r}")
            parts.append((parameter[1], parameter[2]) if parameter else segment)
        self.routes.append((method, parts, handler))

    def match(self, method, path):
        segments = [unquote(segment) for segment in path.split("/")[1:]]  # split first, then decode
        fitting = [(m, handler, fit(parts, segments)) for m, parts, handler in self.routes]
        fitting = [route for route in fitting if route[2] is not None]
        if not fitting:
            return Match(404, None, {}, None)
        for wanted in (method, "GET" if method == "HEAD" else None):
            for route_method, handler, params in fitting:
                if route_method == wanted:
                    return Match(200, handler, params, None)
        methods = {route[0] for route in fitting} | {"OPTIONS"}
        if "GET" in methods:
            methods.add("HEAD")
        return Match(204 if method == "OPTIONS" else 405, None, {}, ", ".join(sorted(methods)))


# --- PYODIDE:tests --- #
router = Router()
router.add("GET", "/users/<int:user_id>", show_user)
router.add("PUT", "/users/<int:user_id>", update_user)

result = router.match("GET", "/users/7")
assert result == Match(200, show_user, {"user_id": 7}, None), (
    f"GET /users/7 should give Match(200, show_user, {{'user_id': 7}}, None), got {result!r}. "
    "Hint: the int converter passes the parameter as an int."
)
result = router.match("GET", "/users/seven")
assert result == Match(404, None, {}, None), (
    f"GET /users/seven fits no route: expected Match(404, None, {{}}, None), got {result!r}. "
    "Hint: 'seven' is not digits, so the int converter refuses it; when no route fits, return a 404 Match."
)
result = router.match("DELETE", "/users/7")
assert result == Match(405, None, {}, "GET, HEAD, OPTIONS, PUT"), (
    f"DELETE /users/7 should give Match(405, None, {{}}, 'GET, HEAD, OPTIONS, PUT'), got {result!r}. "
    "Hint: Allow holds the methods of the routes that fit the path, plus HEAD (implied by GET) and OPTIONS, "
    "sorted and joined with ', '."
)


# --- PYODIDE:secrets --- #
def _handler(name):
    def handler():
        return name

    handler.__name__ = handler.__qualname__ = name
    return handler


def _match(router_, method, path):
    try:
        result = router_.match(method, path)
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"router.match({method!r}, {path!r}) raised {type(error).__name__}: {error}. "
            "Hint: a path that does not fit a route is a 404 Match, never an exception."
        ) from None
    if not isinstance(result, tuple) or len(result) != 4:
        raise AssertionError(
            f"router.match({method!r}, {path!r}) returned {result!r}; "
            "it must return a Match(status, handler, params, allow). "
            "Hint: end every branch of match() with return Match(...), the named tuple from the starter."
        )
    return result


_list, _create, _show, _update = (_handler(n) for n in ("list_users", "create_user", "show_user", "update_user"))
_file, _post, _table, _home = (_handler(n) for n in ("show_file", "show_post", "show_table", "home"))
_by_id, _by_name, _delete = (_handler(n) for n in ("item_by_id", "item_by_name", "delete_item"))
_router = Router()
for _route in [
    ("GET", "/", _home),
    ("GET", "/users", _list),
    ("POST", "/users", _create),
    ("GET", "/users/<int:user_id>", _show),
    ("PUT", "/users/<int:user_id>", _update),
    ("GET", "/files/<str:name>", _file),
    ("GET", "/posts/<slug:slug>", _post),
    ("GET", "/café/<int:table>", _table),
    ("GET", "/items/<int:item_id>", _by_id),
    ("GET", "/items/<slug:name>", _by_name),
    ("DELETE", "/items/<slug:name>", _delete),
]:
    _router.add(*_route)

# Percent-encoding: split on "/", then decode each segment.
_result = _match(_router, "GET", "/files/report%2F2024.pdf")
assert _result == Match(200, _file, {"name": "report/2024.pdf"}, None), (
    f"GET /files/report%2F2024.pdf should fit /files/<str:name> with name 'report/2024.pdf', got {_result!r}. "
    "Hint: split the raw path on '/' first, then unquote each segment: %2F is a slash inside a value, not a separator."
)
_result = _match(_router, "GET", "/files/caf%C3%A9%20menu.txt")
assert _result == Match(200, _file, {"name": "café menu.txt"}, None), (
    f"GET /files/caf%C3%A9%20menu.txt should give name 'café menu.txt', got {_result!r}. "
    "Hint: urllib.parse.unquote decodes %XX sequences as UTF-8."
)
_result = _match(_router, "GET", "/users/%37")
assert _result == Match(200, _show, {"user_id": 7}, None), (
    f"GET /users/%37 is GET /users/7 written with an escape; expected user_id 7, got {_result!r}. "
    "Hint: decode each segment before you check it against its converter."
)
_result = _match(_router, "GET", "/caf%C3%A9/3")
assert _result == Match(200, _table, {"table": 3}, None), (
    f"GET /caf%C3%A9/3 should fit the route '/café/<int:table>', got {_result!r}. "
    "Hint: compare literal segments with the decoded segment, too."
)

# The int converter: ASCII digits, nothing else.
for _path in (
    "/users/-1",
    "/users/+7",
    "/users/1_000",
    "/users/%207",
    "/users/7%0A",
    "/users/%D9%A3",
    "/users/%C2%B2",
    "/users/7.0",
    "/users/0x1F",
):
    _result = _match(_router, "GET", _path)
    assert _result.status == 404, (
        f"GET {_path} should be 404 (got {_result!r}): the int converter takes ASCII digits only. "
        "Hint: \\d matches the digits of every script ('٣' too), int() also accepts ' 7', '+7' and '1_000', "
        "and re.match(r'[0-9]+$') accepts '7\\n': test the text with re.fullmatch(r'[0-9]+', text) before converting."
    )
_result = _match(_router, "GET", "/users/0042")
assert _result.params == {"user_id": 42} and type(_result.params.get("user_id")) is int, (
    f"GET /users/0042 should give user_id 42, an int, got {_result!r}. "
    "Hint: once the segment passes the int check, convert it with int(), which drops the leading zeros."
)

# Segments: the same number, none empty, no trailing-slash tolerance.
for _path in ("/users/7/", "/users//7", "/users/", "//users/7", "/files/", "/files/a/b"):
    _result = _match(_router, "GET", _path)
    assert _result.status == 404, (
        f"GET {_path} should be 404, got {_result!r}. Hint: a path fits a pattern only with the same number of "
        "segments; an empty segment is no value, and '/users/7/' is not '/users/7'."
    )

# The slug converter.
_result = _match(_router, "GET", "/posts/hello-world_2")
assert _result == Match(200, _post, {"slug": "hello-world_2"}, None), (
    f"GET /posts/hello-world_2 is a valid slug, got {_result!r}. "
    "Hint: the slug converter accepts '-' and '_' as well as ASCII letters and digits, and keeps the text as is."
)
for _path in ("/posts/caf%C3%A9", "/posts/hello%20world", "/posts/a.b", "/posts/%C5%BF"):
    _result = _match(_router, "GET", _path)
    assert _result.status == 404, (
        f"GET {_path} should be 404 (got {_result!r}): a slug is ASCII letters, digits, '-' and '_'. "
        r"Hint: \w and str.isalnum() accept 'é' too; spell the ranges out: [A-Za-z0-9_-]+."
    )

# Routes tried in the order added; 404 before 405.
_result = _match(_router, "GET", "/items/12")
assert _result == Match(200, _by_id, {"item_id": 12}, None), (
    f"GET /items/12 fits both /items/<int:item_id> and /items/<slug:name>; the first added wins, got {_result!r}. "
    "Hint: keep the routes in a list in the order add() got them, and return the first that fits."
)
_result = _match(_router, "GET", "/items/kettle")
assert _result == Match(200, _by_name, {"name": "kettle"}, None), (
    f"GET /items/kettle should fall through to /items/<slug:name>, got {_result!r}. "
    "Hint: a route whose converter refuses the segment does not match: try the next route."
)
_result = _match(_router, "PUT", "/items/kettle")
assert _result == Match(405, None, {}, "DELETE, GET, HEAD, OPTIONS"), (
    f"PUT /items/kettle should give Match(405, None, {{}}, 'DELETE, GET, HEAD, OPTIONS'), got {_result!r}. "
    "Hint: Allow gathers the methods of every route that fits the path."
)
for _method in ("DELETE", "OPTIONS"):
    _result = _match(_router, _method, "/users/abc")
    assert _result == Match(404, None, {}, None), (
        f"{_method} /users/abc fits no pattern, so it is 404 whatever the method; got {_result!r}. "
        "Hint: 405 is for a path that fits a route with another method."
    )

# HEAD, OPTIONS and other methods.
_result = _match(_router, "HEAD", "/users/9")
assert _result == Match(200, _show, {"user_id": 9}, None), (
    f"HEAD /users/9 should be answered by the GET route, got {_result!r}. "
    "Hint: HEAD is implied by GET; with no HEAD route, use the GET one."
)
_result = _match(_router, "OPTIONS", "/users")
assert _result == Match(204, None, {}, "GET, HEAD, OPTIONS, POST"), (
    f"OPTIONS /users should give Match(204, None, {{}}, 'GET, HEAD, OPTIONS, POST'), got {_result!r}. "
    "Hint: the router answers OPTIONS itself, with the same Allow list as a 405."
)
for _method in ("PATCH", "BREW"):
    _result = _match(_router, _method, "/users")
    assert _result == Match(405, None, {}, "GET, HEAD, OPTIONS, POST"), (
        f"{_method} /users should give Match(405, None, {{}}, 'GET, HEAD, OPTIONS, POST'), got {_result!r}. "
        "Hint: any method that no fitting route has, except OPTIONS (and HEAD with a GET route), is a 405."
    )
_result = _match(_router, "get", "/users")
assert _result.status == 405, (
    f"'get' in lower case is not GET: expected 405, got {_result!r}. "
    "Hint: HTTP methods are case-sensitive; compare them as they are."
)
_result = _match(_router, "HEAD", "/files/x")
assert _result == Match(200, _file, {"name": "x"}, None), (
    f"HEAD /files/x should use the GET route, got {_result!r}. "
    "Hint: apply the HEAD-to-GET fallback to every route, and let the str converter pass 'x' through unchanged."
)
_result = _match(_router, "GET", "/")
assert _result == Match(200, _home, {}, None), (
    f"GET / should fit the route '/', got {_result!r}. "
    "Hint: split '/' and the pattern '/' the same way, so both give one empty segment that compares equal."
)

# A typo in a converter's name fails when the route is added.
try:
    Router().add("GET", "/prices/<float:price>", _home)
except ValueError:
    pass
else:
    raise AssertionError(
        "router.add('GET', '/prices/<float:price>', ...) should raise ValueError: there is no float converter. "
        "Hint: check the converter's name in add(), so a typo fails at start-up, not as a 404 on every request."
    )
