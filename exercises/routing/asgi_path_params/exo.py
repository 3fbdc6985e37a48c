# --- PYODIDE:env --- #
import json as _json

from course_helpers.asgi import call_asgi


def json_body(response):
    """The response's body, parsed as a JSON object (an AssertionError that says so if it is not one)."""
    try:
        data = _json.loads(response.body)
    except ValueError:
        raise AssertionError(
            f"The body should be JSON, got {response.body!r}. Hint: json.dumps(...).encode('utf-8')."
        ) from None
    if not isinstance(data, dict):
        raise AssertionError(
            f"The body should be a JSON object, got {response.body!r}. "
            "Hint: every answer is a dict turned into JSON, such as {'detail': 'Not Found'}."
        )
    return data


# --- PYODIDE:code --- #
import json
import re
from urllib.parse import parse_qs


async def app(scope, receive, send): ...


# --- PYODIDE:corr --- #
import json
import re
from urllib.parse import parse_qs

ITEM_PATH = re.compile(r"/items/([0-9]+)")


def json_response(status, data, extra_headers=()):
    body = json.dumps(data).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode("ascii"))]
    return status, headers + list(extra_headers), body


def read_query(query_string):
    """(limit, tags) from the raw query string; a ValueError says what is wrong."""
    # bytes in, str out; latin-1 never fails, and parse_qs decodes %XX as UTF-8. limit= is given, empty.
    query = parse_qs(query_string.decode("latin-1"), keep_blank_values=True)
    limit = query.get("limit", ["10"])[-1]  # the last value counts, as in FastAPI
    if not re.fullmatch(r"[0-9]+", limit) or not 1 <= int(limit) <= 100:
        raise ValueError(f"limit must be a whole number from 1 to 100, got {limit!r}")
    return int(limit), query.get("tags", [])


def handle(scope):
    """(status, headers, body) for one request: the path first, then the method, then the query."""
    # ASGI's path includes root_path, the mount prefix: the route matches what follows it.
    found = ITEM_PATH.fullmatch(scope["path"].removeprefix(scope.get("root_path", "")))
    if not found:
        return json_response(404, {"detail": "Not Found"})
    if scope["method"] not in ("GET", "HEAD"):
        return json_response(405, {"detail": "Method Not Allowed"}, [(b"allow", b"GET, HEAD")])
    try:
        limit, tags = read_query(scope["query_string"])
    except ValueError as error:
        return json_response(422, {"detail": str(error)})
    return json_response(200, {"item_id": int(found[1]), "limit": limit, "tags": tags})


async def app(scope, receive, send):
    status, headers, body = handle(scope)
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


# --- PYODIDE:tests --- #
_response = call_asgi(app, path="/items/7", query=b"limit=5&tags=a&tags=b")
assert _response.status == 200, (
    f"GET /items/7?limit=5&tags=a&tags=b should get 200, got {_response.status!r}. "
    "Hint: /items/7 matches the route and limit=5 is valid; a 404 or 422 means the path or limit check is too strict."
)
assert _response.header("content-type") == b"application/json", (
    f"Every answer is JSON: expected the content-type b'application/json', got {_response.header('content-type')!r}. "
    "Hint: ASGI headers are a list of (bytes, bytes) pairs; include (b'content-type', b'application/json')."
)
_got_json = json_body(_response)
assert _got_json.get("limit") == 5, (
    f"For ?limit=5, expected 'limit': 5 in the JSON, got {_got_json!r}. Hint: scope['query_string'] is bytes: decode it "
    "before parse_qs, or the keys come out as bytes too and .get('limit') finds nothing."
)
assert _got_json.get("tags") == ["a", "b"], (
    f"For ?tags=a&tags=b, expected 'tags': ['a', 'b'], got {_got_json.get('tags')!r}. Hint: parse_qs keeps every value of a "
    "repeated parameter in a list; dict(parse_qsl(...)) keeps only the last."
)
assert _got_json == {"item_id": 7, "limit": 5, "tags": ["a", "b"]}, (
    f"Expected the JSON {{'item_id': 7, 'limit': 5, 'tags': ['a', 'b']}}, got {_got_json!r}. Hint: item_id is an int."
)

_response = call_asgi(app, path="/items/7")
assert json_body(_response) == {"item_id": 7, "limit": 10, "tags": []}, (
    f"With no query string, expected {{'item_id': 7, 'limit': 10, 'tags': []}}, got {_response.body!r}. "
    "Hint: parse_qs has no key for an absent parameter; fall back to the defaults, limit 10 and tags []."
)
_response = call_asgi(app, path="/items/7", query=b"limit=0")
assert _response.status == 422, (
    f"?limit=0 is out of range (1 to 100): expected 422, got {_response.status!r}. "
    "Hint: after checking that limit is digits, check 1 <= int(limit) <= 100 and answer 422 otherwise."
)


# --- PYODIDE:secrets --- #
def _call(
    method,
    path,
    query=b"",
    root_path="",
    hint="answer every bad request with a status (404, 405, 422), never an exception.",
):
    shown = f"{method} {path}" + (f"?{query.decode('latin-1')}" if query else "")
    if root_path:
        shown += f" (root_path {root_path!r})"
    try:
        return shown, call_asgi(app, method=method, path=path, query=query, root_path=root_path)
    except AssertionError as error:
        raise AssertionError(f"{error} (the request: {shown})\nHint: {hint}") from None


def _data(shown, response):
    """The JSON of a response to a GET, once its two headers are checked."""
    assert response.header("content-type") == b"application/json", (
        f"{shown}: every answer is JSON, but the content-type is {response.header('content-type')!r} "
        f"(status {response.status!r}). Hint: send (b'content-type', b'application/json') with errors too."
    )
    length = response.header("content-length")
    assert length == str(len(response.body)).encode(), (
        f"{shown}: the body has {len(response.body)} bytes, but the content-length says {length!r} "
        f"(status {response.status!r}). Hint: the content-length counts the bytes of the encoded body, "
        "str(len(body)).encode(), on every answer."
    )
    return json_body(response)


def _limit_of(query):
    shown, response = _call("GET", "/items/3", query)
    data = _data(shown, response)
    return shown, response, data.get("limit") if response.status == 200 else data


# limit: ASCII digits, 1 to 100; the last of repeated values counts; other parameters are ignored.
for _query, _limit in [
    (b"limit=1", 1),
    (b"limit=100", 100),
    (b"limit=007", 7),
    (b"limit=%35", 5),
    (b"sort=asc&limit=3", 3),
    (b"tags=a&limit=42&tags=b", 42),
    (b"LIMIT=5&lim=6&limits=7", 10),
]:
    _shown, _response, _got = _limit_of(_query)
    assert _response.status == 200 and _got == _limit, (
        f"{_shown} should get 200 with 'limit': {_limit}, got {_response.status!r} {_got!r}. "
        "Hint: parse_qs decodes %XX; names are compared exactly ('LIMIT' is not 'limit'), and other parameters are "
        "ignored."
    )
for _query, _limit in [(b"limit=5&limit=7", 7), (b"limit=9&limit=2&limit=30", 30), (b"limit=abc&limit=5", 5)]:
    _shown, _response, _got = _limit_of(_query)
    assert _response.status == 200 and _got == _limit, (
        f"{_shown} should get 200 with 'limit': {_limit}, got {_response.status!r} {_got!r}. "
        "Hint: when limit is given more than once, the last value counts, as in FastAPI: "
        "parse_qs(...)['limit'][-1], not [0]."
    )
_bad_hint = "a query value is client input: answer 422 for one you cannot use; never let int() raise."
for _raw in (
    "abc",
    "%2B5",
    "%205",
    "1_0",
    "%D9%A3",
    "%C2%B2",
    "%EF%BC%95",
    "0",
    "00",
    "101",
    "-5",
    "2.5",
    "5.0",
    "1e2",
    "0x10",
    "99999999999999999999",
):
    _shown, _response = _call("GET", "/items/3", f"limit={_raw}".encode(), hint=_bad_hint)
    assert _response.status == 422, (
        f"{_shown} should get 422, got {_response.status!r} {_response.body!r}: limit takes ASCII digits only, "
        "from 1 to 100. Hint: int() also accepts '+5', ' 5', '1_0' and digits of other scripts; check the text with "
        "re.fullmatch(r'[0-9]+', ...) before converting it."
    )
    _detail = _data(_shown, _response).get("detail")
    assert isinstance(_detail, str) and "limit" in _detail, (
        f"{_shown}: the 422 body should be {{'detail': <a message that names limit>}}, got {_response.body!r}. "
        "Hint: put a str under 'detail' that says what is wrong with limit, e.g. the allowed range and the value."
    )
for _query in (b"limit=", b"limit=5&limit=", b"limit=&tags=a"):
    _shown, _response = _call("GET", "/items/3", _query, hint=_bad_hint)
    assert _response.status == 422, (
        f"{_shown} should get 422 (an empty limit is given, and is no number), got {_response.status!r} "
        f"{_response.body!r}. Hint: parse_qs leaves empty values out unless you pass keep_blank_values=True."
    )
for _raw in ("5%0A", "%0A5", "5%0D%0A"):
    _shown, _response = _call("GET", "/items/3", f"limit={_raw}".encode(), hint=_bad_hint)
    assert _response.status == 422, (
        f"{_shown} should get 422 (limit ends or starts with a newline), got {_response.status!r} {_response.body!r}. "
        "Hint: in a regex, $ also matches before a final newline; re.fullmatch(r'[0-9]+', text) matches the whole "
        "text and nothing more."
    )

# tags: every value, decoded, in the order given, empty ones included.
for _query, _tags in [
    (b"tags=caf%C3%A9&tags=a+b&tags=&tags=x%26y", ["café", "a b", "", "x&y"]),
    (b"tags=%2F%25%2B%0A", ["/%+\n"]),
    (b"tags=b&tags=a&tags=b", ["b", "a", "b"]),
    (b"tags=0&tags=10", ["0", "10"]),
    (b"tags=", [""]),
    (b"tags=%FF", ["\N{REPLACEMENT CHARACTER}"]),
]:
    _shown, _response = _call("GET", "/items/3", _query)
    _got = _data(_shown, _response).get("tags")
    assert _got == _tags, (
        f"{_shown} should give 'tags': {_tags!r}, got {_got!r}. "
        "Hint: parse_qs(..., keep_blank_values=True) decodes %XX (as UTF-8, a bad byte giving U+FFFD) and '+', and "
        "keeps every value, empty ones included, in order, as str."
    )
for _query, _status in ((b"tags=caf\xc3\xa9", 200), (b"tags=\xff", 200), (b"limit=\xff", 422)):
    _shown, _response = _call(
        "GET",
        "/items/3",
        _query,
        hint="query_string may hold bytes that are not UTF-8: decode it with 'latin-1', which never fails.",
    )
    assert _response.status == _status, (
        f"{_shown} (raw bytes, not percent-encoded, and not always UTF-8) should get {_status}, got {_response.status!r} "
        f"{_response.body!r}. Hint: decode query_string with 'latin-1', which maps every byte to a character and never "
        "fails; .decode('utf-8') raises UnicodeDecodeError, a ValueError, on a stray byte."
    )

# The path: /items/<ASCII digits> below the mount prefix, nothing else.
for _path in (
    "/items",
    "/items/",
    "/items/7/",
    "/items/abc",
    "/items/-1",
    "/items/+7",
    "/items/ 7",
    "/items/7.0",
    "/items/7\n",
    "/items/\n7",
    "/items/٣",
    "/items/²",
    "/item/7",
    "/items/7/reviews",
    "/",
):
    _shown, _response = _call("GET", _path, hint="a path that is not /items/<digits> is a 404, not an exception.")
    assert _response.status == 404 and _data(_shown, _response) == {"detail": "Not Found"}, (
        f"GET {_path!r} should get 404 with {{'detail': 'Not Found'}}, got {_response.status!r} {_response.body!r}. "
        "Hint: match the whole path with re.fullmatch(r'/items/([0-9]+)', path); isdigit() also accepts '²', and "
        "a regex ending in $ also matches before a final newline."
    )
for _path, _item_id in (
    ("/items/0042", 42),
    ("/items/0", 0),
    ("/items/123456789012345678901234567890", 123456789012345678901234567890),
):
    _shown, _response = _call("GET", _path)
    _got = _data(_shown, _response).get("item_id")
    assert _response.status == 200 and _got == _item_id and isinstance(_got, int), (
        f"{_shown} should give 200 with 'item_id': {_item_id}, got {_response.status!r} {_response.body!r}. "
        "Hint: item_id is the int value of the digits, so convert the matched text with int(), which drops leading "
        "zeros; 0 is an id like any other."
    )

# Mounted under a prefix: path includes root_path, and the route is what follows it.
for _root_path, _path, _expected in (
    ("/api", "/api/items/7", 200),
    ("/api", "/api/items/7/", 404),
    ("/api", "/api", 404),
    ("/api", "/api/", 404),
    ("/shop/v1", "/shop/v1/items/12", 200),
    ("/café", "/café/items/5", 200),
    ("/items", "/items/items/8", 200),
    ("/items", "/items/8", 404),
):
    _shown, _response = _call("GET", _path, root_path=_root_path)
    _got_json = _data(_shown, _response)
    if _path.count(_root_path) > 1:
        _advice = "strip root_path once, from the start of the path, with removeprefix; .replace() cuts it everywhere."
    elif _response.status == 404 and _expected == 200:
        _advice = (
            "scope['path'] includes root_path (the mount prefix); match the route against what follows it, "
            "scope['path'].removeprefix(scope.get('root_path', ''))."
        )
    else:
        _advice = (
            f"the route is matched against what follows root_path: here the path below the mount is "
            f"{_path.removeprefix(_root_path)!r}."
        )
    assert _response.status == _expected, (
        f"{_shown} should get {_expected}, got {_response.status!r} {_response.body!r}. Hint: {_advice}"
    )
    if _expected == 200:
        _item_id = int(_path.rsplit("/", 1)[1])
        assert _got_json == {"item_id": _item_id, "limit": 10, "tags": []}, (
            f"{_shown} should give {{'item_id': {_item_id}, 'limit': 10, 'tags': []}}, got {_got_json!r}. "
            "Hint: take item_id from the path below the mount prefix."
        )


async def _no_root_path(scope, receive, send):
    """A server that leaves out root_path, which ASGI makes optional."""
    await app({key: value for key, value in scope.items() if key != "root_path"}, receive, send)


try:
    _response = call_asgi(_no_root_path, path="/items/9")
except AssertionError as _error:
    raise AssertionError(
        f"{_error} (the request: GET /items/9, with no root_path in the scope)\n"
        "Hint: root_path is optional in the scope: read it with scope.get('root_path', '')."
    ) from None
assert _response.status == 200, (
    f"GET /items/9 with no root_path in the scope should get 200, got {_response.status!r}. "
    "Hint: a missing root_path means the app is not mounted: scope.get('root_path', '')."
)

# Methods: GET and HEAD; the path is checked first, then the method, then the query.
for _method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
    _shown, _response = _call(_method, "/items/7")
    assert _response.status == 405 and _data(_shown, _response) == {"detail": "Method Not Allowed"}, (
        f"{_shown} should get 405 with {{'detail': 'Method Not Allowed'}}, "
        f"got {_response.status!r} {_response.body!r}. "
        "Hint: once the path matches, answer 405 to any scope['method'] other than GET and HEAD."
    )
    assert _response.header("allow") == b"GET, HEAD", (
        f"{_shown}: a 405 must carry the header allow: GET, HEAD, got {_response.header('allow')!r}. "
        "Hint: add the pair (b'allow', b'GET, HEAD') to the headers of the 405 answer."
    )
_shown, _response = _call("POST", "/items/7", b"limit=0")
assert _response.status == 405, (
    f"{_shown} should get 405, got {_response.status!r}. Hint: check the method before the query: "
    "no query can make a POST acceptable here."
)
_shown, _response = _call("DELETE", "/nowhere")
assert _response.status == 404, (
    f"{_shown} should get 404 (no such path, whatever the method), got {_response.status!r}. "
    "Hint: check the path before the method: a path that names no item is a 404 whatever the method."
)

# HEAD: the status and headers of GET, content-length included, and no body; for every status.
for _path, _query, _status in (
    ("/items/7", b"limit=5&tags=caf%C3%A9", 200),
    ("/items/7", b"limit=500", 422),
    ("/items/x", b"", 404),
):
    _, _get = _call("GET", _path, _query)
    _shown, _head = _call("HEAD", _path, _query)
    assert (_head.status, _head.headers, _head.body) == (_status, _get.headers, b""), (
        f"{_shown} should get the same {_status} and headers as GET (content-length included), and an empty body; "
        f"got {_head.status!r} {_head.headers!r} {_head.body!r}. "
        "Hint: decide the status and headers the same way for GET and HEAD, and only leave the body out for HEAD."
    )

# Nothing leaks from one request to the next.
_first = _call("GET", "/items/1", b"limit=3&tags=a&tags=b")[1].body
_shown, _response = _call("GET", "/items/2")
assert json_body(_response) == {"item_id": 2, "limit": 10, "tags": []}, (
    f"{_shown}, after a request with limit=3&tags=a&tags=b, should get the defaults, got {_response.body!r}. "
    "Hint: build the defaults anew for each request; never change a list or dict kept at module level."
)
assert _call("GET", "/items/1", b"limit=3&tags=a&tags=b")[1].body == _first, (
    "The same request, sent twice, got two different answers. "
    "Hint: keep nothing from one request to the next: the answer depends on the scope alone."
)
