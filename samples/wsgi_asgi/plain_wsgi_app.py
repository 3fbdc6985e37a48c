"""A WSGI application without a framework: the whole PEP 3333 contract in one function."""

HELLO = "Hello, WSGI! ✓".encode("utf-8")  # a body is bytes; the ✓ alone takes 3 of them


def application(environ, start_response):
    """Called by the server once per request; returns an iterable of bytestrings."""
    if environ.get("PATH_INFO", "") not in ("", "/"):  # "" is the root of the mount point
        return _respond(start_response, "404 Not Found", b"Not found")
    if environ["REQUEST_METHOD"] != "GET":
        return _respond(start_response, "405 Method Not Allowed", b"Method not allowed", [("Allow", "GET")])
    return _respond(start_response, "200 OK", HELLO)


def _respond(start_response, status, body, extra_headers=()):
    headers = [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),  # len() of the bytes: 16 here, for 14 characters
        *extra_headers,
    ]
    start_response(status, headers)  # status and headers are str ("200 OK"), only the body is bytes
    return [body]  # any iterable of bytestrings will do; the server calls its close() if it has one
