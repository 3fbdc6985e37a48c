# expect: for a 'lifespan' scope
async def app(scope, receive, send):
    assert scope["type"] == "http", "only HTTP is supported"
    found = scope["path"] == "/"
    await send(
        {
            "type": "http.response.start",
            "status": 200 if found else 404,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": b"Hello, ASGI!" if found else b"Not found"})
