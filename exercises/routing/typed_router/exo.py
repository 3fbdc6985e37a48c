# --- PYODIDE:env --- #
from course_helpers.checks import call as _call


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
_router = _call(Router)
_call(_router.add, "GET", "/users/<int:user_id>", show_user)
_call(_router.add, "PUT", "/users/<int:user_id>", update_user)

_result = _call(_router.match, "GET", "/users/7")
assert _result == Match(200, show_user, {"user_id": 7}, None), (
    f"GET /users/7 should give Match(200, show_user, {{'user_id': 7}}, None), got {_result!r}. "
    "Hint: the int converter passes the parameter as an int."
)
_result = _call(_router.match, "GET", "/users/seven")
assert _result == Match(404, None, {}, None), (
    f"GET /users/seven fits no route: expected Match(404, None, {{}}, None), got {_result!r}. "
    "Hint: 'seven' is not digits, so the int converter refuses it; when no route fits, return a 404 Match."
)
_result = _call(_router.match, "DELETE", "/users/7")
assert _result == Match(405, None, {}, "GET, HEAD, OPTIONS, PUT"), (
    f"DELETE /users/7 should give Match(405, None, {{}}, 'GET, HEAD, OPTIONS, PUT'), got {_result!r}. "
    "Hint: Allow holds the methods of the routes that fit the path, plus HEAD (implied by GET) and OPTIONS, "
    "sorted and joined with ', '."
)


# --- PYODIDE:secrets --- #
import random as _random
import re as _re
from urllib.parse import quote as _quote


def _handler(name):
    def handler():
        return name

    handler.__name__ = handler.__qualname__ = name
    return handler


def _match(router_, method, path):
    result = _call(
        router_.match,
        method,
        path,
        described_as=f"router.match({method!r}, {path!r})",
        advice="A path that does not fit a route is a 404 Match, never an exception.",
    )
    if not isinstance(result, Match):
        raise AssertionError(
            f"router.match({method!r}, {path!r}) returned {result!r}; "
            "it must return a Match(status, handler, params, allow). "
            "Hint: end every branch of match() with return Match(...), the named tuple from the starter."
        )
    return result


def _new_router(*routes):
    router_ = _call(Router, described_as="Router()")
    for route in routes:
        _call(router_.add, *route, described_as=f"router.add({route[0]!r}, {route[1]!r}, ...)")
    return router_


# Two routers share nothing: a new one knows no route.
_empty = _new_router()
_result = _match(_empty, "GET", "/users/7")
assert _result == Match(404, None, {}, None), (
    f"A new Router() with no routes should answer GET /users/7 with a 404, got {_result!r}: it sees the routes "
    "of another router. Hint: create the list of routes in __init__ (self.routes = []), not in the class body, "
    "where every router would share it."
)

_list, _create, _show, _update = (_handler(n) for n in ("list_users", "create_user", "show_user", "update_user"))
_file, _post, _table, _home = (_handler(n) for n in ("show_file", "show_post", "show_table", "home"))
_by_id, _by_name, _delete = (_handler(n) for n in ("item_by_id", "item_by_name", "delete_item"))
_router = _new_router(
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
)

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

# Escapes of '%', '+', '&' and a newline, in every kind of segment.
for _path, _name in [
    ("/files/100%25", "100%"),
    ("/files/a%2Bb", "a+b"),
    ("/files/a+b", "a+b"),
    ("/files/a%26b%3Dc", "a&b=c"),
    ("/files/line%0A", "line\n"),
    ("/files/0", "0"),
    ("/files/%20", " "),
]:
    _result = _match(_router, "GET", _path)
    assert _result == Match(200, _file, {"name": _name}, None), (
        f"GET {_path} should give name {_name!r}, got {_result!r}. "
        "Hint: decode each segment with urllib.parse.unquote, which turns each %XX into its byte and leaves '+' "
        "alone (unquote_plus is for query strings); the str converter takes any text of one character or more."
    )
for _path in ("/posts/hello%0A", "/posts/%0A", "/users/%0A7"):
    _result = _match(_router, "GET", _path)
    assert _result.status == 404, (
        f"GET {_path} should be 404 (got {_result!r}): a decoded newline is not a digit, a letter, '-' or '_'. "
        r"Hint: a regex '$' also matches before a final newline; use re.fullmatch (or '\Z') to test the whole "
        "segment."
    )

# Bytes that are not UTF-8: decoded as U+FFFD, never an exception.
_result = _match(_router, "GET", "/files/%FF.txt")
assert _result == Match(200, _file, {"name": "\ufffd.txt"}, None), (
    f"GET /files/%FF.txt should give name '\\ufffd.txt' (the byte FF is no UTF-8), got {_result!r}. "
    "Hint: urllib.parse.unquote(segment) replaces bytes that are not UTF-8 with U+FFFD; keep its default errors."
)
for _path in ("/users/%FF", "/caf%E9/3", "/posts/%FF"):
    _result = _match(_router, "GET", _path)
    assert _result.status == 404, (
        f"GET {_path} should be 404, got {_result!r}: %E9 alone is Latin-1, not UTF-8, so it decodes to U+FFFD, "
        "which no literal, int or slug accepts. Hint: decode as UTF-8 (unquote's default), not as Latin-1."
    )
_result = _match(_router, "GET", "/caf%c3%a9/12")
assert _result == Match(200, _table, {"table": 12}, None), (
    f"GET /caf%c3%a9/12 (escapes in lower case) should fit '/café/<int:table>', got {_result!r}. "
    "Hint: %c3 and %C3 are the same byte; let unquote decode both."
)

# Values that are falsy, or large: still values.
_result = _match(_router, "GET", "/users/0")
assert _result == Match(200, _show, {"user_id": 0}, None), (
    f"GET /users/0 should give user_id 0, got {_result!r}. "
    "Hint: 0 is a valid int; test whether a route fits with `is None`, not with the truthiness of what you found."
)
_big = "123456789012345678901234567890"
_result = _match(_router, "GET", f"/users/{_big}")
assert _result == Match(200, _show, {"user_id": int(_big)}, None), (
    f"GET /users/{_big} should give user_id {_big} as an int, got {_result!r}. "
    "Hint: [0-9]+ has no length limit, and Python's int neither."
)

# Allow: each method once, in alphabetical order, HEAD only with GET.
_notes, _edit, _drop, _upload, _feed, _feed_head, _cors = (
    _handler(n) for n in ("notes", "edit_note", "drop_note", "upload", "feed", "feed_head", "cors")
)
_other = _new_router(
    ("PUT", "/notes/<int:note_id>", _edit),
    ("GET", "/notes/<int:note_id>", _notes),
    ("DELETE", "/notes/<int:note_id>", _drop),
    ("POST", "/upload", _upload),
    ("GET", "/feed", _feed),
    ("HEAD", "/feed", _feed_head),
    ("OPTIONS", "/api", _cors),
    ("POST", "/api", _upload),
)
_result = _match(_other, "PATCH", "/notes/5")
assert _result == Match(405, None, {}, "DELETE, GET, HEAD, OPTIONS, PUT"), (
    f"PATCH /notes/5 (routes added as PUT, GET, DELETE) should give "
    f"Match(405, None, {{}}, 'DELETE, GET, HEAD, OPTIONS, PUT'), got {_result!r}. "
    "Hint: sort the methods alphabetically, whatever the order the routes were added in."
)
_result = _match(_router, "PUT", "/items/12")
assert _result == Match(405, None, {}, "DELETE, GET, HEAD, OPTIONS"), (
    f"PUT /items/12 fits two GET routes and a DELETE one: expected Match(405, None, {{}}, "
    f"'DELETE, GET, HEAD, OPTIONS'), got {_result!r}. Hint: gather the methods in a set, so each appears once."
)
for _method in ("GET", "HEAD", "DELETE"):
    _result = _match(_other, _method, "/upload")
    assert _result == Match(405, None, {}, "OPTIONS, POST"), (
        f"{_method} /upload, whose only route is POST, should give Match(405, None, {{}}, 'OPTIONS, POST'), "
        f"got {_result!r}. Hint: add HEAD to Allow only when GET is among the methods of the fitting routes; "
        "a HEAD request falls back on a GET route only, never on another method."
    )
_result = _match(_other, "OPTIONS", "/upload")
assert _result == Match(204, None, {}, "OPTIONS, POST"), (
    f"OPTIONS /upload should give Match(204, None, {{}}, 'OPTIONS, POST'), got {_result!r}. "
    "Hint: OPTIONS is always in Allow, HEAD only when there is a GET route."
)

# A route registered for HEAD or OPTIONS is used like any other.
_result = _match(_other, "HEAD", "/feed")
assert _result == Match(200, _feed_head, {}, None), (
    f"HEAD /feed has a HEAD route of its own, added after the GET one: expected its handler feed_head, "
    f"got {_result!r}. Hint: look for a route with the request's own method first, and fall back on GET only "
    "when there is none."
)
_result = _match(_other, "PUT", "/feed")
assert _result == Match(405, None, {}, "GET, HEAD, OPTIONS"), (
    f"PUT /feed (routes GET and HEAD) should give Match(405, None, {{}}, 'GET, HEAD, OPTIONS'), got {_result!r}. "
    "Hint: HEAD appears once in Allow, whether a route has it or GET implies it."
)
_result = _match(_other, "OPTIONS", "/api")
assert _result == Match(200, _cors, {}, None), (
    f"OPTIONS /api has a route of its own: expected Match(200, cors, {{}}, None), got {_result!r}. "
    "Hint: the router answers OPTIONS itself (204) only when no fitting route has OPTIONS."
)

# The same request twice gives the same answer.
_first = _match(_router, "GET", "/users/31")
if isinstance(_first.params, dict):
    _first.params["user_id"] = 99
_again = _match(_router, "GET", "/users/31")
assert _again == Match(200, _show, {"user_id": 31}, None), (
    f"GET /users/31 asked a second time gave {_again!r}, after the caller changed the first answer's params. "
    "Hint: build a new params dict for every match; keep nothing from one request to the next."
)

# Many generated segments: each converter against its definition, and the round trip of quoting.

_rng = _random.Random(3986)
_POOL = "aZ09-_.~ /%+&?#=\né日٣²\t"
for _ in range(300):
    _text = "".join(_rng.choice(_POOL) for _ in range(_rng.randint(1, 5)))
    _escaped = _quote(_text, safe="")
    _result = _match(_router, "GET", f"/files/{_escaped}")
    assert _result == Match(200, _file, {"name": _text}, None), (
        f"GET /files/{_escaped} should give name {_text!r} (the segment, decoded), got {_result!r}. "
        "Hint: split the raw path on '/', then decode each segment with urllib.parse.unquote; the str converter "
        "takes any text of one character or more, newlines and slashes included."
    )
    _digits = _re.fullmatch(r"[0-9]+", _text) is not None
    _result = _match(_router, "GET", f"/users/{_escaped}")
    _wanted = Match(200, _show, {"user_id": int(_text)}, None) if _digits else Match(404, None, {}, None)
    assert _result == _wanted, (
        f"GET /users/{_escaped} (decoded: {_text!r}) should give {_wanted!r}, got {_result!r}. "
        "Hint: the int converter takes the whole decoded segment when it is ASCII digits 0 to 9 and nothing "
        "else: re.fullmatch(r'[0-9]+', text)."
    )
    _slug = _re.fullmatch(r"[A-Za-z0-9_-]+", _text) is not None
    _result = _match(_router, "GET", f"/posts/{_escaped}")
    _wanted = Match(200, _post, {"slug": _text}, None) if _slug else Match(404, None, {}, None)
    assert _result == _wanted, (
        f"GET /posts/{_escaped} (decoded: {_text!r}) should give {_wanted!r}, got {_result!r}. "
        "Hint: the slug converter takes the whole decoded segment when it is ASCII letters, digits, '-' and '_' "
        "only: re.fullmatch(r'[A-Za-z0-9_-]+', text)."
    )

# A typo in a converter's name fails when the route is added.
for _pattern in ("/prices/<float:price>", "/docs/<path:rest>", "/users/<Int:user_id>"):
    _typo_router = _new_router()
    try:
        _typo_router.add("GET", _pattern, _home)
    except ValueError:
        continue
    except Exception as _error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"router.add('GET', {_pattern!r}, ...) raised {type(_error).__name__}: {_error}; a ValueError was due. "
            "Hint: look the converter's name up in your table of converters and raise ValueError(...) when it is "
            "not there."
        ) from None
    raise AssertionError(
        f"router.add('GET', {_pattern!r}, ...) should raise ValueError: int, str and slug are the only "
        "converters (names are case-sensitive). "
        "Hint: check the converter's name in add(), so a typo fails at start-up, not as a 404 on every request."
    )
