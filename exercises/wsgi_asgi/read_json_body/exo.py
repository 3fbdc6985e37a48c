# --- PYODIDE:env --- #
from course_helpers.checks import call as _call
from course_helpers.wsgi import Response as _Response, call_wsgi

# --- PYODIDE:code --- #
import json

MAX_BODY = 1000


def app(environ, start_response): ...


# --- PYODIDE:corr --- #
import json
import re

MAX_BODY = 1000
TEXT = "text/plain; charset=utf-8"


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
        return respond(start_response, "405 Method Not Allowed", TEXT, b"Use POST.", [("Allow", "POST")])
    declared = environ.get("CONTENT_LENGTH") or "0"
    if not re.fullmatch(r"[0-9]+", declared):
        return respond(start_response, "400 Bad Request", TEXT, b"Content-Length is not a number of bytes.")
    length = int(declared)
    if length > MAX_BODY:
        return respond(start_response, "413 Content Too Large", TEXT, b"Body too large.")
    raw = environ["wsgi.input"].read(length)
    try:
        value = json.loads(raw.decode("utf-8"))
    except ValueError:
        return respond(start_response, "400 Bad Request", TEXT, b"The body is not JSON.")
    return respond(start_response, "200 OK", "application/json", json.dumps({"received": value}).encode("utf-8"))


# --- PYODIDE:tests --- #
import json as _json

_response = call_wsgi(app, method="POST", body=b'{"id": 7}')
assert _response.status == "200 OK", (
    f"A valid JSON POST should get '200 OK', got {_response.status!r}. "
    "Hint: for a POST, read the body from environ['wsgi.input'], parse it with json.loads, then answer '200 OK'."
)
assert _response.header("Content-Type") == "application/json", (
    f"Expected Content-Type 'application/json', got {_response.header('Content-Type')!r}. "
    "Hint: the 200 carries ('Content-Type', 'application/json'); text/plain is for the error responses."
)
try:
    _answer = _json.loads(_response.body)
except ValueError:
    _answer = "not JSON"
assert _answer == {"received": {"id": 7}}, (
    f"Expected {{'received': {{'id': 7}}}}, got {_response.body!r}. "
    "Hint: put the parsed value under the key 'received', then json.dumps the dict and encode it to bytes."
)

_response = call_wsgi(app, method="GET")
assert _response.status_code == 405, (
    f"A GET should get 405, got {_response.status!r}. "
    "Hint: check environ['REQUEST_METHOD'] first and answer '405 Method Not Allowed' to anything but POST."
)
assert _response.header("Allow") == "POST", (
    f"A 405 must say what is allowed: expected 'Allow: POST', got {_response.header('Allow')!r}. "
    "Hint: add ('Allow', 'POST') to the headers you pass to start_response with the 405."
)

# --- PYODIDE:secrets --- #
import io as _io
import json as _json
import re as _re
from wsgiref.util import setup_testing_defaults as _setup_testing_defaults

_PLAIN = "text/plain; charset=utf-8"


def _check_error(response, code, request, hint):
    """An error response: the status, then plain text that says what went wrong, measured in bytes."""
    assert response.status_code == code, f"For {request}, expected {code}, got {response.status!r}. Hint: {hint}"
    assert response.header("Content-Type") == _PLAIN, (
        f"The {code} for {request} has the Content-Type {response.header('Content-Type')!r}. "
        "Hint: send every error response as ('Content-Type', 'text/plain; charset=utf-8')."
    )
    assert response.body, (
        f"The {code} for {request} has an empty body. "
        "Hint: say in a few words of plain text what went wrong, for the person reading the response."
    )
    assert response.header("Content-Length") == str(len(response.body)), (
        f"The {code} for {request} declares Content-Length {response.header('Content-Length')!r} "
        f"for a body of {len(response.body)} bytes. Hint: take len() of the encoded body, on every response."
    )


def _check_received(response, value, request, hint):
    """A 200 whose JSON body is {"received": value}."""
    assert response.status == "200 OK", f"For {request}, expected '200 OK', got {response.status!r}. Hint: {hint}"
    assert response.header("Content-Type") == "application/json", (
        f"The 200 for {request} has the Content-Type {response.header('Content-Type')!r}. "
        "Hint: a 200 is ('Content-Type', 'application/json')."
    )
    try:
        answer = _json.loads(response.body)
    except ValueError:
        answer = "not JSON"
    assert answer == {"received": value}, (
        f"For {request}, expected the JSON {{'received': {value!r}}}, got {response.body!r}. Hint: {hint}"
    )
    assert response.header("Content-Length") == str(len(response.body)), (
        f"The 200 for {request} declares Content-Length {response.header('Content-Length')!r} "
        f"for a body of {len(response.body)} bytes. Hint: encode the JSON text first, then take len() of those bytes."
    )


for _method in ("PUT", "DELETE", "HEAD", "PATCH"):
    _response = call_wsgi(app, method=_method, body=b"{}")
    _check_error(
        _response,
        405,
        f"a {_method} request",
        "accept only REQUEST_METHOD == 'POST' and refuse every other method, HEAD included.",
    )
    assert _response.header("Allow") == "POST", (
        f"The 405 for {_method} has no 'Allow: POST'. Hint: every 405 needs an Allow header listing the methods that work."
    )

_NO_LENGTH = "a missing or empty CONTENT_LENGTH means no body: read 0 bytes, and 0 bytes are not JSON, so 400."
_response = call_wsgi(app, method="POST", content_length=None, why="a POST with no Content-Length header")
_check_error(
    _response, 400, "a POST with no Content-Length", _NO_LENGTH + " Read it with environ.get('CONTENT_LENGTH')."
)
_response = call_wsgi(app, method="POST", content_length="", why="a POST with an empty Content-Length")
_check_error(_response, 400, "a POST with an empty Content-Length", _NO_LENGTH + " int('') raises ValueError.")
for _declared in (None, "0"):
    _request = f"a POST with Content-Length {_declared!r} and b'7' waiting on the connection"
    _response = call_wsgi(app, method="POST", body=b"7", content_length=_declared, why=_request)
    _check_error(
        _response, 400, _request, _NO_LENGTH + " Whatever else the connection holds is not this request's body."
    )

_AT_LIMIT = "a body of exactly MAX_BODY (1000) bytes is allowed: refuse only a length larger than that (>, not >=)."
_exactly = b'"' + b"x" * 998 + b'"'
_check_received(call_wsgi(app, method="POST", body=_exactly), "x" * 998, "a JSON body of exactly 1000 bytes", _AT_LIMIT)
_one_more = b'"' + b"x" * 999 + b'"'
_check_error(
    call_wsgi(app, method="POST", body=_one_more),
    413,
    "a 1001-byte body",
    "compare the declared length with MAX_BODY before reading, and answer 413 above it.",
)


class _CountingInput:
    """A wsgi.input that counts the bytes the app takes from it."""

    def __init__(self, data):
        self.stream = _io.BytesIO(data)
        self.taken = 0

    def read(self, size=-1):
        chunk = self.stream.read(size)
        self.taken += len(chunk)
        return chunk


def _post_as_sent(content_length, body, request, hint):
    """POST with CONTENT_LENGTH exactly as the client wrote it, as wsgiref's own server passes it on.

    call_wsgi cannot send these: the validator it runs refuses such a length itself."""
    source = _CountingInput(body)
    environ = {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": content_length, "wsgi.input": source}
    _setup_testing_defaults(environ)
    started = []

    def start_response(status, headers, exc_info=None):
        started.append((status, headers))
        return lambda data: None

    chunks = _call(app, environ, start_response, described_as=f"Your app, handling {request},", advice=hint)
    if chunks is None or isinstance(chunks, (str, bytes)):
        raise AssertionError(
            f"For {request} your app returned {chunks!r}. Hint: return the body as a list of bytes, [body]."
        )
    body = _call(b"".join, chunks, described_as=f"Joining the body your app returned for {request}")
    if not started or not isinstance(started[-1][0], str) or not _re.fullmatch(r"[1-9][0-9]{2} .+", started[-1][0]):
        raise AssertionError(
            f"For {request} your app called start_response with {started!r}. "
            "Hint: call start_response('400 Bad Request', [(name, value), ...]) once, before returning the body."
        )
    return _Response(started[-1][0], list(started[-1][1]), body), source.taken


def _check_refused(content_length, body, code, hint):
    request = f"a POST with Content-Length {content_length!r}"
    response, taken = _post_as_sent(content_length, body, request, hint)
    _check_error(response, code, request, hint)
    assert taken == 0, (
        f"Your app read {taken} bytes of the body for {request} before answering {code}. "
        "Hint: decide from CONTENT_LENGTH alone, before calling wsgi.input.read()."
    )


_TOO_LARGE = (
    "refuse a body by its declared length, before reading it: a client can declare 5000 bytes, "
    "and a check of what read() returned comes after the memory is spent."
)
for _declared in ("5000", "1001", "99999999999999999999"):
    _check_refused(_declared, b"{}", 413, _TOO_LARGE)

_NOT_A_NUMBER = "a Content-Length that is not a number of bytes makes the request malformed: answer 400, read nothing."
_LENIENT = (
    "int() accepts more than a Content-Length may hold: int('+2'), int('1_0') and int('2\\n') all work. "
    "Accept the ASCII digits 0-9 only, with re.fullmatch(r'[0-9]+', text) (re.match with $ lets a final newline through)."
)
_MALFORMED = [
    ("abc", b"{}", _NOT_A_NUMBER + " int('abc') raises ValueError: test the text before calling int()."),
    ("1.5", b"{}", _NOT_A_NUMBER),
    ("1e3", b"{}", _NOT_A_NUMBER),
    ("-1", b"{}", "a negative length is malformed: answer 400 (read(-1) would read the whole stream)."),
    ("+2", b"{}", _LENIENT),
    ("1_0", b"[1,2,3,45]", _LENIENT),
    ("2\n", b"{}", _LENIENT),
    (
        "\u00b2",
        b"{}",
        "'\u00b2' (superscript two) passes str.isdigit(), yet int('\u00b2') raises: accept the ASCII digits 0-9 only.",
    ),
]
for _declared, _body, _hint in _MALFORMED:
    _check_refused(_declared, _body, 400, _hint)

_NOT_JSON = "decode the body as UTF-8 and parse it inside try/except ValueError; answer 400 there."
for _body in (b"{not json", b'{"id": 7', b"'single quotes'", b"   ", b'"\xff"', b'{"name": "Zo\xeb"}'):
    _response = call_wsgi(app, method="POST", body=_body)
    _check_error(_response, 400, f"a POST of {_body!r}", _NOT_JSON)

_FALSY = 'every JSON value is a valid body, even 0, "", [], {}, false and null: test for a parse error, not for a falsy value.'
for _value in (0, "", [], {}, False, None, "7", 7, -1.5, "Zoë", {"nested": {"list": [1, "two", None]}}):
    _body = _json.dumps(_value, ensure_ascii=False).encode("utf-8")
    _check_received(call_wsgi(app, method="POST", body=_body), _value, f"a POST of {_body!r}", _FALSY)
_check_received(
    call_wsgi(app, method="POST", body=b' \n{"id": 7}\n'), {"id": 7}, "a JSON body with spaces around it", _FALSY
)

_response = call_wsgi(
    app,
    method="POST",
    body=b'[1, 2]{"next": "request"}',
    content_length="6",
    why="a POST whose connection already holds the next request",
)
_check_received(
    _response,
    [1, 2],
    "Content-Length 6 followed by the next request's bytes",
    "the body is exactly CONTENT_LENGTH bytes: read(length), the rest belongs to the next request.",
)

for _attempt in ("first", "second"):
    _response = call_wsgi(app, method="POST", body=b'{"id": 7}', script_name="/api", path="/echo")
    _check_received(
        _response,
        {"id": 7},
        f"POST /api/echo (mounted under SCRIPT_NAME /api), {_attempt} time",
        "answer the same way under any prefix and for every request: keep no state between requests.",
    )
