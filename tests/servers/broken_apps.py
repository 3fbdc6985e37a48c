"""Apps that break the WSGI or ASGI contract in the ways the WSGI/ASGI chapter's pitfalls describe."""


def wsgi_str_body(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return ["Hello"]


def wsgi_length_too_big(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "20")])
    return [b"Hello"]


def wsgi_length_too_small(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "3")])
    return [b"Hello"]


async def asgi_str_body(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": "Hello"})


async def asgi_length_too_big(scope, receive, send):
    if scope["type"] != "http":
        return
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain"), (b"content-length", b"20")],
        }
    )
    await send({"type": "http.response.body", "body": b"Hello"})


async def asgi_length_too_small(scope, receive, send):
    if scope["type"] != "http":
        return
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain"), (b"content-length", b"3")],
        }
    )
    await send({"type": "http.response.body", "body": b"Hello"})
