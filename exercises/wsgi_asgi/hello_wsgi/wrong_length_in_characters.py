# expect: Content-Length must count bytes
from urllib.parse import parse_qs


def app(environ, start_response):
    name = parse_qs(environ.get("QUERY_STRING", "")).get("name", ["world"])[0]
    text = f"Hello, {name}!"
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(text))),
        ],
    )
    return [text.encode("utf-8")]
