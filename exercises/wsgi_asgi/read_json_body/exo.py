# --- PYODIDE:env --- #
from course_helpers.wsgi import call_wsgi

# --- PYODIDE:code --- #
import json

MAX_BODY = 1000


def app(environ, start_response): ...


# --- PYODIDE:corr --- #
import json

MAX_BODY = 1000


def respond(start_response, status, content_type, body, extra_headers=()):
    start_response(
        status,
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            *extra_headers,
        ],
    )
    return [body]


def app(environ, start_response):
    if environ["REQUEST_METHOD"] != "POST":
        return respond(
            start_response, "405 Method Not Allowed", "text/plain; charset=utf-8", b"Use POST.", [("Allow", "POST")]
        )
    length = int(environ.get("CONTENT_LENGTH") or "0")
    if length > MAX_BODY:
        return respond(start_response, "413 Content Too Large", "text/plain; charset=utf-8", b"Body too large.")
    raw = environ["wsgi.input"].read(length)
    try:
        value = json.loads(raw.decode("utf-8"))
    except ValueError:
        return respond(start_response, "400 Bad Request", "text/plain; charset=utf-8", b"The body is not JSON.")
    return respond(start_response, "200 OK", "application/json", json.dumps({"received": value}).encode("utf-8"))


# --- PYODIDE:tests --- #
response = call_wsgi(app, method="POST", body=b'{"id": 7}')
assert response.status == "200 OK", (
    f"A valid JSON POST should get '200 OK', got {response.status!r}. "
    "Hint: for a POST, read the body from environ['wsgi.input'], parse it with json.loads, then answer '200 OK'."
)
assert response.header("Content-Type") == "application/json", (
    f"Expected Content-Type 'application/json', got {response.header('Content-Type')!r}. "
    "Hint: the 200 carries ('Content-Type', 'application/json'); text/plain is for the error responses."
)
assert json.loads(response.body) == {"received": {"id": 7}}, (
    f"Expected {{'received': {{'id': 7}}}}, got {response.body!r}. "
    "Hint: put the parsed value under the key 'received', then json.dumps the dict and encode it to bytes."
)

response = call_wsgi(app, method="GET")
assert response.status_code == 405, (
    f"A GET should get 405, got {response.status!r}. "
    "Hint: check environ['REQUEST_METHOD'] first and answer '405 Method Not Allowed' to anything but POST."
)
assert response.header("Allow") == "POST", (
    f"A 405 must say what is allowed: expected 'Allow: POST', got {response.header('Allow')!r}. "
    "Hint: add ('Allow', 'POST') to the headers you pass to start_response with the 405."
)

# --- PYODIDE:secrets --- #
for method in ("PUT", "DELETE", "HEAD"):
    response = call_wsgi(app, method=method, body=b"{}")
    assert response.status_code == 405, (
        f"{method} should get 405, got {response.status!r}. "
        "Hint: accept only REQUEST_METHOD == 'POST' and refuse every other method, HEAD included."
    )
    assert response.header("Allow") == "POST", (
        f"The 405 for {method} has no 'Allow: POST'. Hint: every 405 needs an Allow header listing the methods that work."
    )

response = call_wsgi(app, method="POST", content_length=None, why="a POST with no Content-Length header")
assert response.status_code == 400, (
    f"A POST with no Content-Length has no body, so no JSON: expected 400, got {response.status!r}. "
    "Hint: use environ.get('CONTENT_LENGTH'), treat a missing length as 0 bytes, and answer 400 when it is not JSON."
)

response = call_wsgi(app, method="POST", content_length="", why="a POST with an empty Content-Length")
assert response.status_code == 400, (
    f"An empty Content-Length means no body: expected 400, got {response.status!r}. "
    "Hint: int('') raises ValueError; turn an empty CONTENT_LENGTH into '0' before calling int()."
)

response = call_wsgi(app, method="POST", body=b'"' + b"x" * 2000 + b'"')
assert response.status_code == 413, (
    f"A 2002-byte body is over MAX_BODY: expected 413, got {response.status!r}. Hint: compare the declared length before reading."
)

response = call_wsgi(app, method="POST", body=b"{not json")
assert response.status_code == 400, (
    f"Invalid JSON should get 400, got {response.status!r}. "
    "Hint: wrap decode() and json.loads in try/except ValueError and answer '400 Bad Request' there."
)
assert (response.header("Content-Type") or "").startswith("text/plain"), (
    f"The 400 for invalid JSON should be text/plain, got {response.header('Content-Type')!r}. "
    "Hint: send ('Content-Type', 'text/plain; charset=utf-8') with the 400; only the 200 is application/json."
)

response = call_wsgi(
    app,
    method="POST",
    body=b'[1, 2]{"next": "request"}',
    content_length="6",
    why="a POST whose connection already holds the next request",
)
assert response.status_code == 200 and json.loads(response.body) == {"received": [1, 2]}, (
    f"With Content-Length 6 the body is b'[1, 2]', the rest belongs to the next request; got {response.status!r} {response.body!r}. "
    "Hint: read(length), exactly CONTENT_LENGTH bytes."
)

response = call_wsgi(app, method="POST", body='{"name": "Zoë"}'.encode("utf-8"))
assert response.header("Content-Length") == str(len(response.body)), (
    "Content-Length must be the body's size in bytes. "
    "Hint: encode the JSON text first, then take len() of those bytes, not of the str (ë is 2 bytes in UTF-8)."
)
