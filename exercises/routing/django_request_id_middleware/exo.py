# --- PYODIDE:env --- #
from course_helpers.packages import import_after_require as _import_after_require, require as _require

await _require("django")
import re as _re
import sys as _sys
import types as _types

from course_helpers.checks import call as _call
from course_helpers.django_setup import configure_django as _configure_django, serve as _serve

_configure_django()

_Http404, _HttpResponseRedirect, _JsonResponse, _StreamingHttpResponse = _import_after_require(
    "django.http", "Http404", "HttpResponseRedirect", "JsonResponse", "StreamingHttpResponse"
)
_path = _import_after_require("django.urls", "path")
_require_POST = _import_after_require("django.views.decorators.http", "require_POST")


# A small site for the checks: a view that reads the id, and one view per kind of answer.
def _hello(request):
    return _JsonResponse({"request_id": getattr(request, "request_id", None)})


def _item(request, item_id):
    if item_id != 7:
        raise _Http404()
    return _JsonResponse({"id": item_id})


@_require_POST
def _only_post(request):
    return _JsonResponse({"posted": True})


def _boom(request):
    raise RuntimeError("a bug in a view")


def _stream(request):
    return _StreamingHttpResponse(iter([b"id,title\n", b"7,Dune\n"]), content_type="text/csv")


def _moved(request):
    return _HttpResponseRedirect("/hello/")


_SITE = [
    _path("hello/", _hello),
    _path("items/<int:item_id>/", _item),
    _path("only-post/", _only_post),
    _path("boom/", _boom),
    _path("stream/", _stream),
    _path("moved/", _moved),
]
_GENERATED_ID = _re.compile(r"[0-9a-f]{32}")


def serve_with(middleware, raise_request_exception=True):
    """A test client for SITE, `middleware` first in MIDDLEWARE (the outermost), Django's CommonMiddleware next."""
    module = _types.ModuleType("exercise_middleware")  # MIDDLEWARE names each middleware by its import path
    module.Middleware = middleware
    _sys.modules["exercise_middleware"] = module
    client = _serve(_SITE, MIDDLEWARE=["exercise_middleware.Middleware", "django.middleware.common.CommonMiddleware"])
    client.raise_request_exception = raise_request_exception  # False: a view's exception becomes a 500 answer
    # Build the middleware chain now (Django calls the factory once, with get_response), from these settings.
    _call(
        client.handler.load_middleware, described_as="Building the middleware chain (RequestIdMiddleware(get_response))"
    )
    return client


def _json_of(response):
    """The JSON a response carries, or None when it declares another type or is not JSON."""
    if response.headers.get("Content-Type") != "application/json":
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _fetch(
    client, path, method="GET", headers=None, advice="A middleware must let every request through, and never raise."
):
    """Send one request; what the middleware (or a view) raises becomes a message."""
    shown = f"{method} {path}" + "".join(
        f" with the header {name}: {value!r}" for name, value in (headers or {}).items()
    )
    return _call(client.generic, method, path, headers=headers, described_as=shown, advice=advice)


# --- PYODIDE:code --- #
import re
import uuid


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)


# --- PYODIDE:corr --- #
import re
import uuid

VALID_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response  # called once, when Django builds its middleware chain

    def __call__(self, request):  # called for every request
        sent = request.headers.get("X-Request-ID", "")
        # fullmatch: the whole value, with no final newline ($ would allow one), ASCII only (\w would not be).
        request_id = sent if VALID_ID.fullmatch(sent) else uuid.uuid4().hex
        request.request_id = request_id  # before the view runs, so that the view can log it
        response = self.get_response(request)  # whatever happens inside, a response comes back: 404 and 500 too
        response["X-Request-ID"] = request_id
        return response


# --- PYODIDE:tests --- #
_client = serve_with(RequestIdMiddleware)

_response = _fetch(_client, "/hello/", headers={"X-Request-ID": "abc-123"})
assert _response.headers.get("X-Request-ID") == "abc-123", (
    f"GET /hello/ with X-Request-ID: abc-123 should answer with the same header, got "
    f"{_response.headers.get('X-Request-ID')!r}. Hint: read request.headers.get('X-Request-ID'), and set "
    "response['X-Request-ID'] on the response that get_response(request) returns."
)
assert _response.headers.get("Content-Type") == "application/json", (
    f"GET /hello/ should answer the view's JSON, with its Content-Type application/json, got "
    f"{_response.headers.get('Content-Type')!r}. Hint: return the response that get_response(request) gave, with "
    "one header added; a new HttpResponse loses the others."
)
assert _json_of(_response) == {"request_id": "abc-123"}, (
    f"The view should see request.request_id == 'abc-123', it saw {_json_of(_response)!r}. "
    "Hint: set request.request_id before you call get_response(request): that call runs the view."
)

_response = _fetch(
    _client,
    "/hello/",
    advice="Read the header with request.headers.get('X-Request-ID', ''): a request may come without it.",
)
_generated = _response.headers.get("X-Request-ID") or ""
assert _GENERATED_ID.fullmatch(_generated), (
    f"GET /hello/ without X-Request-ID should get a new id of 32 lowercase hex digits, got {_generated!r}. "
    "Hint: uuid.uuid4().hex; request.headers.get('X-Request-ID', '') gives '' when the header is absent."
)

_response = _fetch(
    _client,
    "/nowhere/",
    advice="No view runs for a URL that matches no route, and Django calls no process_view() then: make the id "
    "in __call__, before get_response(request).",
)
assert _response.status_code == 404 and _GENERATED_ID.fullmatch(_response.headers.get("X-Request-ID") or ""), (
    f"GET /nowhere/ (no route) should get 404 with an X-Request-ID header too, got {_response.status_code} and "
    f"{_response.headers.get('X-Request-ID')!r}. Hint: a middleware wraps the whole request: Django turns an "
    "unknown URL into a 404 response inside get_response(request), and your middleware gets that response back."
)

# --- PYODIDE:secrets --- #
import uuid as _uuid

_client = serve_with(RequestIdMiddleware)

# What a client sends is kept when it is 1 to 64 ASCII letters, digits, '-' or '_'.
for _sent in ("a", "0", "-", "_", "AbC", "A-Z_a-z_0-9", "x" * 64, "0" * 64, str(_uuid.uuid4())):
    _response = _fetch(_client, "/hello/", headers={"X-Request-ID": _sent})
    _got = _response.headers.get("X-Request-ID")
    assert _got == _sent and _json_of(_response) == {"request_id": _sent}, (
        f"GET /hello/ with X-Request-ID: {_sent!r} should keep that id, in the header and in request.request_id; "
        f"got {_got!r} and {_json_of(_response)!r}. Hint: an id of 1 to 64 characters, each an ASCII letter, a digit, '-' "
        "or '_', is kept exactly as sent: '0' and '-' too."
    )

# Anything else is replaced by a new id, never copied into the response.
for _sent, _advice in (
    ("a b", "a space is not allowed"),
    ("", "an empty header is no id"),
    ("x" * 65, "65 characters is one too many"),
    ("abc\n", "a regex $ also matches before a final newline: use re.fullmatch, or \\Z"),
    ("\nabc", "a newline is not allowed"),
    ("abc def\r\nSet-Cookie: admin=1", "a client must never write headers into your response"),
    ("café", "\\w matches the letters of every script: write [A-Za-z0-9_-]"),
    ("١٢٣", "\\w and str.isalnum() accept the digits of every script (here Arabic-Indic)"),
    ("a.b", "'.' is not allowed"),
    ("a/b", "'/' is not allowed"),
    ("%41", "the header is not percent-decoded, and '%' is not allowed"),
    ("<script>", "'<' is not allowed"),
):
    _response = _fetch(
        _client,
        "/hello/",
        headers={"X-Request-ID": _sent},
        advice="Check the whole value the client sent before you keep it, with re.fullmatch: re.match with a $ "
        "lets a final newline through, and Django refuses a header value with a newline (BadHeaderError).",
    )
    _got = _response.headers.get("X-Request-ID") or ""
    assert _GENERATED_ID.fullmatch(_got) and _json_of(_response) == {"request_id": _got}, (
        f"GET /hello/ with X-Request-ID: {_sent!r} should get a new id of 32 hex digits ({_advice}), got {_got!r}, and "
        f"the view saw {_json_of(_response)!r}. Hint: keep the client's id only when re.fullmatch(r'[A-Za-z0-9_-]{{1,64}}', "
        "id) matches it; otherwise use uuid.uuid4().hex, in the header and in request.request_id."
    )

# A new id for every request that brings none, whatever the instance of the middleware.
_seen = [_fetch(_client, "/hello/").headers.get("X-Request-ID") for _ in range(40)]
_seen += [_fetch(serve_with(RequestIdMiddleware), "/hello/").headers.get("X-Request-ID") for _ in range(5)]
assert len(set(_seen)) == len(_seen), (
    f"45 requests without X-Request-ID got only {len(set(_seen))} different ids. Hint: make the id in __call__, "
    "once per request: __init__ runs once, when Django builds the middleware chain, and a module-level value "
    "once for good."
)

# Every answer gets the header, and is otherwise left as it was: compare with the same site without the middleware.
_plain = _serve(_SITE, MIDDLEWARE=["django.middleware.common.CommonMiddleware"])
_plain.raise_request_exception = False
_plain.handler.load_middleware()
_tolerant = serve_with(RequestIdMiddleware, raise_request_exception=False)
for _method, _url, _status in (
    ("GET", "/items/7/", 200),
    ("GET", "/items/99/", 404),
    ("GET", "/items/abc/", 404),
    ("GET", "/nowhere/", 404),
    ("GET", "/items/7", 301),
    ("GET", "/moved/", 302),
    ("GET", "/only-post/", 405),
    ("POST", "/only-post/", 200),
    ("GET", "/boom/", 500),
    ("GET", "/stream/", 200),
    ("HEAD", "/items/7/", 200),
    ("HEAD", "/nowhere/", 404),
    ("OPTIONS", "/items/7/", 200),
):
    for _sent in ("trace-42", None):
        _headers = {"X-Request-ID": _sent} if _sent else None
        _expected = _plain.generic(_method, _url, headers=_headers)
        _response = _fetch(
            _tolerant if _status == 500 else _client,
            _url,
            _method,
            headers=_headers,
            advice="A middleware must let every answer through, whatever its status, streamed ones included.",
        )
        _got = _response.headers.get("X-Request-ID") or ""
        assert (_got == _sent) if _sent else _GENERATED_ID.fullmatch(_got), (
            f"{_method} {_url} ({_response.status_code}) should carry X-Request-ID: {_sent or '<a new id>'}, got "
            f"{_got!r}. Hint: set the header on every response get_response(request) returns, whatever its status: "
            "404s, redirects and 500s are the answers you will need an id for."
        )
        _kept = {key: value for key, value in _response.headers.items() if key != "X-Request-ID"}
        assert (_response.status_code, _kept) == (_expected.status_code, dict(_expected.headers)), (
            f"{_method} {_url} should get {_expected.status_code} with the headers {dict(_expected.headers)!r} (plus "
            f"X-Request-ID), as without the middleware; got {_response.status_code} with {_kept!r}. Hint: return the "
            "response that get_response(request) gave, with one header added; a new HttpResponse loses the others."
        )
        _body = b"".join(_response.streaming_content) if _response.streaming else _response.content
        _expected_body = b"".join(_expected.streaming_content) if _expected.streaming else _expected.content
        assert (_response.streaming, _body) == (_expected.streaming, _expected_body), (
            f"{_method} {_url} should keep its body {_expected_body[:80]!r} (streamed: {_expected.streaming}), got "
            f"{_body[:80]!r} (streamed: {_response.streaming}). Hint: never read or rebuild the response's content: "
            "a streamed response has no .content, and reading it would buffer it."
        )

# Header names have no case: a client that writes x-request-id sends the same header.
_response = _fetch(_client, "/hello/", headers={"x-request-id": "lower-case"})
assert _response.headers.get("X-Request-ID") == "lower-case", (
    f"GET /hello/ with x-request-id: lower-case should keep that id, got {_response.headers.get('X-Request-ID')!r}. "
    "Hint: read it with request.headers.get('X-Request-ID'), which ignores the case of header names."
)
