# --- PYODIDE:env --- #
from course_helpers.asgi import BrokenRule as _BrokenRule, call_asgi, run_coroutine as _run_coroutine, run_lifespan
from course_helpers.checks import call as _call


# --- PYODIDE:code --- #
async def app(scope, receive, send): ...


# --- PYODIDE:corr --- #
TEXT = [(b"content-type", b"text/plain; charset=utf-8")]


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    elif scope["type"] == "http":
        path = scope["path"].removeprefix(scope.get("root_path", ""))
        found = path == "/"
        await send({"type": "http.response.start", "status": 200 if found else 404, "headers": TEXT})
        await send({"type": "http.response.body", "body": b"Hello, ASGI!" if found else b"Not found"})
    else:
        raise NotImplementedError(scope["type"])


# --- PYODIDE:tests --- #
_response = call_asgi(app, path="/")
assert _response.status == 200, (
    f"GET / should get status 200, got {_response.status!r}. "
    "Hint: for an 'http' scope whose scope['path'] is '/', send 'http.response.start' with 'status': 200."
)
assert _response.body == b"Hello, ASGI!", (
    f"GET / should get b'Hello, ASGI!', got {_response.body!r}. "
    "Hint: put the greeting, as bytes, under 'body' in the 'http.response.body' message."
)
assert _response.header("content-type") == b"text/plain; charset=utf-8", (
    f"Expected the content-type b'text/plain; charset=utf-8', got {_response.header('content-type')!r}. "
    "Hint: add a (b'content-type', ...) pair, both items bytes, to the 'headers' of 'http.response.start'."
)

# --- PYODIDE:secrets --- #
import inspect as _inspect

_GREETING, _NOT_FOUND = b"Hello, ASGI!", b"Not found"
_TEXT_TYPE = b"text/plain; charset=utf-8"


def _check_answer(path, found, hint, method="GET", root_path=""):
    shown = path if path.isprintable() else repr(path)
    request = f"{method} {shown}" + (f" (root_path {root_path!r})" if root_path else "")
    response = call_asgi(app, method=method, path=path, root_path=root_path, advice=hint)
    status, body = (200, _GREETING) if found else (404, _NOT_FOUND)
    assert response.status == status, f"{request} should get {status}, got {response.status!r}. Hint: {hint}"
    if method != "HEAD":  # the server sends no body for HEAD: what the app sends there is dropped
        assert response.body == body, f"{request} should get {body!r}, got {response.body!r}. Hint: {hint}"
    assert response.header("content-type") == _TEXT_TYPE, (
        f"{request} got the content-type {response.header('content-type')!r}. "
        "Hint: send (b'content-type', b'text/plain; charset=utf-8') with the 404 as with the 200."
    )


_ONLY_SLASH = "only the path '/' exists: compare scope['path'] with '/' exactly, not with startswith or a regex."
for _path in ("/missing", "/hello/", "//", "/\n", "/%2F", "/é"):
    _check_answer(_path, False, _ONLY_SLASH)

_PATH_ALONE = "choose the answer from the path alone; do not look at scope['method']."
for _method in ("POST", "PUT", "HEAD"):
    _check_answer("/", True, _PATH_ALONE, method=_method)
    _check_answer("/missing", False, _PATH_ALONE, method=_method)

for _attempt in ("first", "second"):
    _sent = run_lifespan(app)
    assert _sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"], (
        f"For the {_attempt} lifespan scope your app sent {_sent}; expected lifespan.startup.complete then "
        "lifespan.shutdown.complete. Hint: loop on receive() and answer each lifespan message."
    )


def _run_by_hand(scope, incoming):
    """Run the app on a scope call_asgi does not build; return the messages it sent."""
    sent = []

    async def receive():
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    running = app(scope, receive, send)
    if not _inspect.isawaitable(running):
        raise AssertionError(
            f"Calling your app returned {running!r}, not a coroutine. "
            "Hint: an ASGI app is a coroutine function: `async def app(scope, receive, send):`."
        )
    _run_coroutine(running, f"Your app, for a {scope['type']!r} scope,")
    return sent


_websocket = {
    "type": "websocket",
    "asgi": {"version": "3.0", "spec_version": "2.4"},
    "http_version": "1.1",
    "scheme": "ws",
    "path": "/",
    "raw_path": b"/",
    "query_string": b"",
    "root_path": "",
    "headers": [],
    "subprotocols": [],
}
try:
    _sent = _run_by_hand(_websocket, [{"type": "websocket.connect"}])
except _BrokenRule:
    raise
except Exception:  # noqa: BLE001 - raising, of any type, is what the spec asks here
    _sent = None
assert _sent is None, (
    f"For a 'websocket' scope your app sent {_sent or 'nothing'} and returned, as if it spoke WebSocket. "
    "Hint: for any scope type other than 'http' and 'lifespan', raise an exception (the ASGI spec asks "
    "an app to reject a protocol it does not speak that way); send nothing."
)

_MOUNTED = (
    "under a mount prefix, scope['path'] starts with scope['root_path'] ('/shop/' for the app's own '/'): "
    "remove root_path from the start of path before comparing it with '/'."
)
for _root in ("/shop", "/api/v1"):
    _check_answer(_root + "/", True, _MOUNTED, root_path=_root)
    for _rest in ("/missing", _root + "/", "//"):
        _check_answer(_root + _rest, False, _MOUNTED + " Only root_path + '/' is the greeting.", root_path=_root)

_without_root = {
    "type": "http",
    "asgi": {"version": "3.0", "spec_version": "2.4"},
    "http_version": "1.1",
    "method": "GET",
    "scheme": "http",
    "path": "/",
    "raw_path": b"/",
    "query_string": b"",
    "headers": [],
}
_OPTIONAL_ROOT = "root_path is optional in ASGI: read it with scope.get('root_path', '')."
_sent = _call(
    _run_by_hand,
    _without_root,
    [{"type": "http.request", "body": b"", "more_body": False}],
    described_as="Your app, for GET / in a scope without 'root_path',",
    advice=_OPTIONAL_ROOT,
)
_statuses = [m.get("status") for m in _sent if isinstance(m, dict) and m.get("type") == "http.response.start"]
assert _statuses == [200], (
    f"For GET / in a scope that has no 'root_path', your app answered the statuses {_statuses}, not [200]. "
    f"Hint: {_OPTIONAL_ROOT}"
)
