# expect: Your app raised KeyError: 'CONTENT_LENGTH'
import json

MAX_BODY = 1000


def app(environ, start_response):
    if environ["REQUEST_METHOD"] != "POST":
        start_response(
            "405 Method Not Allowed", [("Content-Type", "text/plain"), ("Content-Length", "0"), ("Allow", "POST")]
        )
        return [b""]
    length = int(environ["CONTENT_LENGTH"])
    if length > MAX_BODY:
        start_response("413 Content Too Large", [("Content-Type", "text/plain"), ("Content-Length", "0")])
        return [b""]
    try:
        value = json.loads(environ["wsgi.input"].read(length))
    except ValueError:
        start_response("400 Bad Request", [("Content-Type", "text/plain"), ("Content-Length", "0")])
        return [b""]
    body = json.dumps({"received": value}).encode("utf-8")
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
