"""An ASGI application without a framework: one coroutine, three arguments, messages as dicts."""

HELLO = "Hello, ASGI! ✓".encode("utf-8")


async def application(scope, receive, send):
    """Called once per connection (an HTTP request) and once for the server's lifespan."""
    if scope["type"] == "lifespan":
        while True:  # start-up, then shut-down: the server waits for each acknowledgement
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})  # once pools etc. are open
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})  # once they are closed
                return
    if scope["type"] != "http":  # e.g. "websocket": fail loudly rather than hang
        raise RuntimeError(f"unsupported scope type: {scope['type']}")
    # path includes root_path, the prefix the server mounts the app under: what the app routes is below it.
    mount = scope.get("root_path", "")
    path = scope["path"][len(mount) :] if scope["path"].startswith(mount) else scope["path"]
    if path not in ("", "/"):
        await _respond(send, 404, b"Not found")
    elif scope["method"] != "GET":
        await _respond(send, 405, b"Method not allowed", [(b"allow", b"GET")])
    else:
        await _respond(send, 200, HELLO)


async def _respond(send, status, body, extra_headers=()):
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"%d" % len(body))]
    # The status is a bare int; header names (lower-case) and values are bytes.
    await send({"type": "http.response.start", "status": status, "headers": [*headers, *extra_headers]})
    await send({"type": "http.response.body", "body": body})  # more_body defaults to False: done
