# expect: Status must be of type str
from urllib.parse import parse_qs


def app(environ, start_response):
    name = parse_qs(environ.get("QUERY_STRING", "")).get("name", ["world"])[0]
    body = f"Hello, {name}!".encode("utf-8")
    start_response(
        200,
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
        ],
    )
    return [body]
