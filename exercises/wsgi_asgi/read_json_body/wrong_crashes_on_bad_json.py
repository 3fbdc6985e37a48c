# expect: Your app raised JSONDecodeError
import json

MAX_BODY = 1000


def app(environ, start_response):
    if environ["REQUEST_METHOD"] != "POST":
        start_response(
            "405 Method Not Allowed", [("Content-Type", "text/plain"), ("Content-Length", "0"), ("Allow", "POST")]
        )
        return [b""]
    length = int(environ.get("CONTENT_LENGTH") or "0")
    if length > MAX_BODY:
        start_response("413 Content Too Large", [("Content-Type", "text/plain"), ("Content-Length", "0")])
        return [b""]
    value = json.loads(environ["wsgi.input"].read(length))
    body = json.dumps({"received": value}).encode("utf-8")
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
