# expect: Hint: decode the query string with urllib.parse.parse_qs
def app(environ, start_response):
    name = "world"
    for pair in environ.get("QUERY_STRING", "").split("&"):
        key, _, value = pair.partition("=")
        if key == "name" and value:
            name = value
    body = f"Hello, {name}!".encode("utf-8")
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
        ],
    )
    return [body]
