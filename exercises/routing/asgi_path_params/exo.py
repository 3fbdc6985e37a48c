# --- PYODIDE:env --- #
import json

from course_helpers.asgi import call_asgi


def json_body(response):
    """The response's body, parsed as JSON (an AssertionError that says so if it is not JSON)."""
    try:
        return json.loads(response.body)
    except ValueError:
        raise AssertionError(
            f"The body should be JSON, got {response.body!r}. Hint: json.dumps(...).encode('utf-8')."
        ) from None


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
    query = parse_qs(query_string.decode("latin-1"))  # bytes in, str out; empty values left out
    limit = query.get("limit", ["10"])[0]
    if not re.fullmatch(r"[0-9]+", limit) or not 1 <= int(limit) <= 100:
        raise ValueError(f"limit must be a whole number from 1 to 100, got {limit!r}")
    return int(limit), query.get("tags", [])


def handle(scope):
    """(status, headers, body) for one request: the path first, then the method, then the query."""
    found = ITEM_PATH.fullmatch(scope["path"])
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
response = call_asgi(app, path="/items/7", query=b"limit=5&tags=a&tags=b")
assert response.status == 200, (
    f"GET /items/7?limit=5&tags=a&tags=b should get 200, got {response.status!r}. "
    "Hint: /items/7 matches the route and limit=5 is valid; a 404 or 422 means the path or limit check is too strict."
)
assert response.header("content-type") == b"application/json", (
    f"Every answer is JSON: expected the content-type b'application/json', got {response.header('content-type')!r}. "
    "Hint: ASGI headers are a list of (bytes, bytes) pairs; include (b'content-type', b'application/json')."
)
data = json_body(response)
assert data.get("limit") == 5, (
    f"For ?limit=5, expected 'limit': 5 in the JSON, got {data!r}. Hint: scope['query_string'] is bytes: decode it "
    "before parse_qs, or the keys come out as bytes too and .get('limit') finds nothing."
)
assert data.get("tags") == ["a", "b"], (
    f"For ?tags=a&tags=b, expected 'tags': ['a', 'b'], got {data.get('tags')!r}. Hint: parse_qs keeps every value of a "
    "repeated parameter in a list; dict(parse_qsl(...)) keeps only the last."
)
assert data == {"item_id": 7, "limit": 5, "tags": ["a", "b"]}, (
    f"Expected the JSON {{'item_id': 7, 'limit': 5, 'tags': ['a', 'b']}}, got {data!r}. Hint: item_id is an int."
)

response = call_asgi(app, path="/items/7")
assert json_body(response) == {"item_id": 7, "limit": 10, "tags": []}, (
    f"With no query string, expected {{'item_id': 7, 'limit': 10, 'tags': []}}, got {response.body!r}. "
    "Hint: parse_qs has no key for an absent parameter; fall back to the defaults, limit 10 and tags []."
)
response = call_asgi(app, path="/items/7", query=b"limit=0")
assert response.status == 422, (
    f"?limit=0 is out of range (1 to 100): expected 422, got {response.status!r}. "
    "Hint: after checking that limit is digits, check 1 <= int(limit) <= 100 and answer 422 otherwise."
)


# --- PYODIDE:secrets --- #
def _call(method, path, query=b"", hint="answer every bad request with a status (404, 405, 422), never an exception."):
    shown = f"{method} {path}" + (f"?{query.decode()}" if query else "")
    try:
        return shown, call_asgi(app, method=method, path=path, query=query)
    except AssertionError as error:
        raise AssertionError(f"{error} (the request: {shown})\nHint: {hint}") from None


def _data(shown, response):
    assert response.header("content-type") == b"application/json", (
        f"{shown}: every answer is JSON, but the content-type is {response.header('content-type')!r} "
        f"(status {response.status!r}). Hint: send (b'content-type', b'application/json') with errors too."
    )
    return json_body(response)


# limit: ASCII digits, 1 to 100.
for _query, _limit in [
    (b"limit=1", 1),
    (b"limit=100", 100),
    (b"limit=007", 7),
    (b"limit=", 10),
    (b"sort=asc&limit=3", 3),
    (b"limit=5&limit=7", 5),
]:
    _shown, _response = _call("GET", "/items/3", _query)
    _got = _data(_shown, _response) if _response.status == 200 else _response.body
    assert _response.status == 200 and _got.get("limit") == _limit, (
        f"{_shown} should get 200 with 'limit': {_limit}, got {_response.status!r} {_got!r}. "
        "Hint: an empty value counts as absent (parse_qs leaves it out), the first of repeated values counts, "
        "and other parameters are ignored."
    )
_bad_hint = "a query value is client input: answer 422 for one you cannot use; never let int() raise."
for _raw in ("abc", "%2B5", "%205", "1_0", "%D9%A3", "%C2%B2", "101", "-5", "2.5", "1e2", "99999999999999999999"):
    _shown, _response = _call("GET", "/items/3", f"limit={_raw}".encode(), _bad_hint)
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

# tags: every value, decoded, empty ones left out.
_shown, _response = _call("GET", "/items/3", b"tags=caf%C3%A9&tags=a+b&tags=&tags=x%26y")
_got = _data(_shown, _response).get("tags")
assert _got == ["café", "a b", "x&y"], (
    f"{_shown} should give 'tags': ['café', 'a b', 'x&y'], got {_got!r}. "
    "Hint: parse_qs decodes %XX and '+', and leaves the empty value out."
)

# The path: /items/<ASCII digits>, nothing else.
for _path in (
    "/items",
    "/items/",
    "/items/7/",
    "/items/abc",
    "/items/-1",
    "/items/7.0",
    "/items/٣",
    "/items/²",
    "/item/7",
    "/items/7/reviews",
    "/",
):
    _shown, _response = _call("GET", _path, hint="a path that is not /items/<digits> is a 404, not an exception.")
    assert _response.status == 404 and _data(_shown, _response) == {"detail": "Not Found"}, (
        f"{_shown} should get 404 with {{'detail': 'Not Found'}}, got {_response.status!r} {_response.body!r}. "
        "Hint: match the whole path with re.fullmatch(r'/items/([0-9]+)', path); isdigit() also accepts '²'."
    )
_shown, _response = _call("GET", "/items/0042")
assert _data(_shown, _response).get("item_id") == 42, (
    f"{_shown} should give 'item_id': 42, got {_response.body!r}. "
    "Hint: item_id is the int value of the digits, so convert the matched text with int(), which drops leading zeros."
)

# Methods: GET and HEAD; the path is checked first, then the method, then the query.
for _method in ("POST", "PUT", "DELETE", "OPTIONS"):
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

_, _get = _call("GET", "/items/7", b"limit=5")
_shown, _head = _call("HEAD", "/items/7", b"limit=5")
assert (_head.status, _head.headers, _head.body) == (200, _get.headers, b""), (
    f"{_shown} should get the same status and headers as GET, and an empty body; got {_head.status!r} "
    f"{_head.headers!r} {_head.body!r}. Hint: HEAD is GET without the body."
)
_, _get = _call("GET", "/items/7", b"limit=500")
_shown, _head = _call("HEAD", "/items/7", b"limit=500")
assert (_head.status, _head.headers, _head.body) == (422, _get.headers, b""), (
    f"{_shown} should get the same 422 and headers as GET, with an empty body; got {_head.status!r} {_head.body!r}. "
    "Hint: decide the status and headers the same way for GET and HEAD, and only leave the body out for HEAD."
)
