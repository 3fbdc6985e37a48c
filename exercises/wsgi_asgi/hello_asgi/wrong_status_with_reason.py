# expect: In ASGI the status must be an int
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
        found = scope["path"] == "/"
        await send({"type": "http.response.start", "status": "200 OK" if found else "404 Not Found", "headers": TEXT})
        await send({"type": "http.response.body", "body": b"Hello, ASGI!" if found else b"Not found"})
