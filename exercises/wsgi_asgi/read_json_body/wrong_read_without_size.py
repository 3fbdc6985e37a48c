# expect: called wsgi.input.read() without a size
import json

MAX_BODY = 1000


def app(environ, start_response):
    if environ["REQUEST_METHOD"] != "POST":
        start_response(
            "405 Method Not Allowed", [("Content-Type", "text/plain"), ("Content-Length", "0"), ("Allow", "POST")]
        )
        return [b""]
    raw = environ["wsgi.input"].read()
    try:
        value = json.loads(raw)
    except ValueError:
        start_response("400 Bad Request", [("Content-Type", "text/plain"), ("Content-Length", "0")])
        return [b""]
    body = json.dumps({"received": value}).encode("utf-8")
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
