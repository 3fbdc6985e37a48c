# --- PYODIDE:env --- #
import sys as _sys
from wsgiref.util import setup_testing_defaults as _setup_testing_defaults
from wsgiref.validate import validator as _validator

from course_helpers.checks import call as _call
from course_helpers.wsgi import Response as _Response, call_wsgi


def hello_app(environ, start_response):
    """The site's application: a page of plain text."""
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"Hello"]


def call_https(app, method="GET", headers=None, why=None, advice=""):
    """Send one request to `app` as a server that received it over HTTPS (wsgi.url_scheme 'https').

    Returns the Response of the last start_response call; `.calls` lists every call as
    (status, headers, exc_info). What the app raises, or a WSGI rule it breaks, becomes a message."""
    return _serve(app, "https", method, headers, why, advice)


def _serve(app, scheme, method="GET", headers=None, why=None, advice="", extra=None):
    """call_https, over the given wsgi.url_scheme, with `extra` environ variables (SERVER_PORT, HTTPS...)."""
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "wsgi.url_scheme": scheme,
        **(extra or {}),
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    _setup_testing_defaults(environ)
    calls, written = [], []

    def start_response(status, response_headers, exc_info=None):
        calls.append((status, list(response_headers), exc_info))
        return written.append

    def run():
        chunks = _validator(app)(environ, start_response)
        try:
            return b"".join(chunks)
        finally:
            chunks.close()

    request = why or f"{method} {scheme}://127.0.0.1/"
    body = _call(run, described_as=f"Your middleware, handling {request},", advice=advice)
    if not calls:
        raise AssertionError(
            f"Nobody called start_response for {request}. Hint: pass the app a start_response of yours that calls "
            f"the server's one, and return what the app returns. {advice}".rstrip()
        )
    response = _Response(calls[-1][0], calls[-1][1], b"".join(written) + body)
    response.calls = calls
    return response


def _values(response, name):
    """Every value of the header `name` (any case) in the response, in order."""
    return [value for key, value in response.headers if key.lower() == name.lower()]


# --- PYODIDE:code --- #
class SecurityHeaders:
    def __init__(self, app, hsts_max_age=31536000):
        self.app = app

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


# --- PYODIDE:corr --- #
POLICY = [
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
]


class SecurityHeaders:
    def __init__(self, app, hsts_max_age=31536000):
        self.app = app
        self.hsts = ("Strict-Transport-Security", f"max-age={hsts_max_age}; includeSubDomains")

    def __call__(self, environ, start_response):
        wanted = list(POLICY)
        if environ.get("wsgi.url_scheme") == "https":  # never a header the client chose, such as X-Forwarded-Proto
            wanted.append(self.hsts)

        def start_with_headers(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            added = [(name, value) for name, value in wanted if name.lower() not in present]
            return start_response(status, list(headers) + added, exc_info)

        return self.app(environ, start_with_headers)


# --- PYODIDE:tests --- #
_EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
_response = call_wsgi(_call(SecurityHeaders, hello_app), why="GET http://127.0.0.1/")
for _name, _value in _EXPECTED.items():
    assert _values(_response, _name) == [_value], (
        f"GET over HTTP should carry {_name}: {_value}, got {_values(_response, _name)}. "
        "Hint: add the header in the start_response you pass to the app: headers + [(name, value), ...]."
    )
assert _values(_response, "Strict-Transport-Security") == [], (
    f"A plain-HTTP response carries Strict-Transport-Security: {_values(_response, 'Strict-Transport-Security')}. "
    "Hint: send it only when environ['wsgi.url_scheme'] == 'https'."
)
assert (_response.status, _response.body) == ("200 OK", b"Hello"), (
    f"The middleware changed the app's answer: {_response.status!r} {_response.body!r}. "
    "Hint: return what the app returns and pass its status on as it is."
)
_response = call_https(_call(SecurityHeaders, hello_app, hsts_max_age=600))
_hsts = _values(_response, "Strict-Transport-Security")
if len(_hsts) > 1:
    _advice = (
        "one header per response: keep what an instance needs on self, never on the class, where instances share it."
    )
else:
    _advice = "f'max-age={hsts_max_age}; includeSubDomains', when wsgi.url_scheme is 'https'."
assert _hsts == ["max-age=600; includeSubDomains"], (
    f"GET over HTTPS with hsts_max_age=600 should carry Strict-Transport-Security: max-age=600; includeSubDomains, "
    f"got {_hsts}. Hint: {_advice}"
)

# --- PYODIDE:secrets --- #
import sys as _sys

_SecurityHeaders = SecurityHeaders  # the learner's class, as their code defined it

# Request headers a client sends over plain HTTP to look like HTTPS: none may bring HSTS.
FORWARDED_PAYLOADS = [
    {"X-Forwarded-Proto": "https"},
    {"X-Forwarded-Proto": "HTTPS"},
    {"X-Forwarded-Proto": "https, http"},
    {"X-Forwarded-Ssl": "on"},
    {"X-Forwarded-Scheme": "https"},
    {"Forwarded": "for=203.0.113.7;proto=https"},
    {"Front-End-Https": "on"},
    {"X-Url-Scheme": "https"},
]
# CGI-style variables of a plain-HTTP request that look like HTTPS: none may bring HSTS either.
ENVIRON_PAYLOADS = [
    {"SERVER_PORT": "443"},
    {"HTTPS": "on"},
    {"REQUEST_SCHEME": "https"},
    {"SERVER_PORT": "443", "HTTPS": "on", "REQUEST_SCHEME": "https"},
]
# Headers the app sets itself (name as the app writes it, value): kept once, as they are, over HTTPS.
APP_HEADER_PAYLOADS = [
    ("content-security-policy", "default-src 'none'"),
    ("Content-Security-Policy", "script-src 'self' https://cdn.example"),
    ("X-FRAME-OPTIONS", "SAMEORIGIN"),
    ("x-content-type-options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("strict-transport-security", "max-age=60"),
]
_ALL = {**_EXPECTED, "Strict-Transport-Security": "max-age=31536000; includeSubDomains"}


def _answering(status, headers, body=b"x"):
    def app(environ, start_response):
        start_response(status, list(headers))
        return [body] if environ["REQUEST_METHOD"] != "HEAD" else []

    return app


def _check_all(response, request, expected=_ALL, hint=""):
    for name, value in expected.items():
        found = _values(response, name)
        assert found == [value], (
            f"{request}: {name} should be [{value!r}], got {found}. "
            f"Hint: {hint or 'add each header once, on every response, whatever the status.'}"
        )


_TEXT = ("Content-Type", "text/plain")
# Every status, HEAD, over HTTPS; the default max-age.
for _status, _headers, _body in (
    ("200 OK", [_TEXT], b"x"),
    ("404 Not Found", [_TEXT], b"Not found"),
    ("500 Internal Server Error", [_TEXT], b"Error"),
    ("302 Found", [_TEXT, ("Location", "/login")], b""),
    ("204 No Content", [], b""),
):
    for _method in ("GET", "HEAD"):
        _request = f"{_method} https://127.0.0.1/ answered {_status}"
        _response = call_https(_SecurityHeaders(_answering(_status, _headers, _body)), _method, why=_request)
        _check_all(_response, _request)
        assert _response.status == _status and all(header in _response.headers for header in _headers), (
            f"{_request}: the middleware changed the app's status or dropped its headers: {_response.status!r}, "
            f"{_response.headers}. Hint: keep the app's status and every header of the app, and add yours after them."
        )


def _streaming_app(environ, start_response):
    start_response("200 OK", [_TEXT])
    yield b"part 1, "
    yield b"part 2"


_STREAM = (
    "the app here is a generator: it calls start_response only when its body is iterated. Add the headers inside "
    "the start_response you pass to the app, never after app() returns."
)
for _scheme in ("http", "https"):
    _wrapped = _SecurityHeaders(_streaming_app)
    if _scheme == "http":
        _response = call_wsgi(_wrapped, why="GET http://127.0.0.1/ to an app that streams", advice=_STREAM)
        _check_all(_response, "A streaming app over HTTP", _EXPECTED, _STREAM)
    else:
        _response = call_https(_wrapped, why="GET https://127.0.0.1/ to an app that streams", advice=_STREAM)
        _check_all(_response, "A streaming app over HTTPS", _ALL, _STREAM)
    assert _response.body == b"part 1, part 2", (
        f"The streaming app's body became {_response.body!r}. Hint: return the app's iterable as it is."
    )

# Two Set-Cookie headers are two cookies.
_cookies = [("Set-Cookie", "session=abc; HttpOnly; Secure"), ("Set-Cookie", "theme=dark; Secure")]
_response = call_https(_SecurityHeaders(_answering("200 OK", [_TEXT, *_cookies])), why="a response setting two cookies")
assert _values(_response, "Set-Cookie") == [_value for _, _value in _cookies], (
    f"The app set two cookies, the response carries {_values(_response, 'Set-Cookie')}. "
    "Hint: a list of headers may repeat a name (Set-Cookie above all): never turn it into a dict; append to the list."
)
_check_all(_response, "A response setting two cookies")

# The app's own headers win, whatever their case, and are never doubled.
for _name, _value in APP_HEADER_PAYLOADS:
    _response = call_https(
        _SecurityHeaders(_answering("200 OK", [_TEXT, (_name, _value)])), why=f"an app that sets {_name}"
    )
    _found = _values(_response, _name)
    assert len(_found) <= 1, (
        f"The app set {_name}: {_value!r}; the response carries that header {len(_found)} times: {_found}. "
        "Hint: HTTP header names ignore case: compare name.lower() with the lowercased names the app set, and add "
        "yours only when the app set none."
    )
    assert _found == [_value], (
        f"The app set {_name}: {_value!r}; the response carries {_found} instead. Hint: keep the app's own header "
        "as it is: the app knows what its page needs better than a policy for the whole site."
    )
    _others = {key: text for key, text in _ALL.items() if key.lower() != _name.lower()}
    _check_all(_response, f"An app that sets {_name}", _others)

# Plain HTTP, whatever the client claims: no HSTS.
for _headers in FORWARDED_PAYLOADS:
    _response = call_wsgi(_SecurityHeaders(hello_app), headers=_headers, why=f"GET http://127.0.0.1/ with {_headers}")
    assert _values(_response, "Strict-Transport-Security") == [], (
        f"A plain-HTTP request with {_headers} got Strict-Transport-Security: any client can send that header. "
        "Hint: decide on environ['wsgi.url_scheme'] alone; behind a proxy, a proxy-fixing middleware you "
        "configure sets it from the headers of the proxies you trust."
    )
    _check_all(_response, f"GET http://127.0.0.1/ with {_headers}", _EXPECTED)

# max-age as configured, per instance; wrapping twice adds nothing twice.
for _max_age in (0, 60, 63072000):
    _response = call_https(_SecurityHeaders(hello_app, hsts_max_age=_max_age), why=f"hsts_max_age={_max_age}")
    assert _values(_response, "Strict-Transport-Security") == [f"max-age={_max_age}; includeSubDomains"], (
        f"With hsts_max_age={_max_age} the response carries {_values(_response, 'Strict-Transport-Security')}. "
        "Hint: write the max-age each instance was given, even 0 (it tells the browser to forget the site's HSTS)."
    )
_short, _long = _SecurityHeaders(hello_app, hsts_max_age=60), _SecurityHeaders(hello_app, hsts_max_age=86400)
for _wrapped, _max_age in ((_short, 60), (_long, 86400), (_short, 60)):
    _response = call_https(_wrapped, why=f"the instance made with hsts_max_age={_max_age}")
    assert _values(_response, "Strict-Transport-Security") == [f"max-age={_max_age}; includeSubDomains"], (
        f"Two instances (max-age 60 and 86400): the one made with {_max_age} sent "
        f"{_values(_response, 'Strict-Transport-Security')}. Hint: keep what an instance needs on self, never on the "
        "class or in a module-level list that every instance changes."
    )
_response = call_https(_SecurityHeaders(_SecurityHeaders(hello_app, hsts_max_age=60), hsts_max_age=120), why="twice")
_check_all(
    _response,
    "_SecurityHeaders(_SecurityHeaders(app, hsts_max_age=60), hsts_max_age=120)",
    {**_ALL, "Strict-Transport-Security": "max-age=60; includeSubDomains"},
    "the outer middleware finds the inner one's headers already set, and keeps them.",
)


# exc_info goes through, and so does the write() callable.
def _failing_app(environ, start_response):
    start_response("200 OK", [_TEXT])
    try:
        raise RuntimeError("the database went away")
    except RuntimeError:
        start_response("500 Internal Server Error", [_TEXT], _sys.exc_info())
    return [b"Sorry."]


_response = call_https(_SecurityHeaders(_failing_app), why="an app that fails after start_response")
_exc_info = _response.calls[-1][2]
assert _response.status.startswith("500") and _exc_info is not None and _exc_info[0] is RuntimeError, (
    f"The app called start_response again with exc_info after an error; the server got {_exc_info!r}. "
    "Hint: accept exc_info=None in your start_response and pass it on: the server needs it to replace the "
    "headers (or re-raise when they are already sent)."
)
_check_all(_response, "The 500 of an app that failed")


def _writing_app(environ, start_response):
    write = start_response("200 OK", [_TEXT])
    write(b"written, ")
    return [b"returned"]


_response = call_https(_SecurityHeaders(_writing_app), why="an app that uses write()")
assert _response.body == b"written, returned", (
    f"An app that writes with the callable start_response returns sent {_response.body!r}. "
    "Hint: return what the server's start_response returns."
)


# Plain HTTP, whatever the server's other variables say: wsgi.url_scheme decides.
for _extra in ENVIRON_PAYLOADS:
    _response = _serve(
        _SecurityHeaders(hello_app), "http", why=f"GET http://127.0.0.1/ with the environ {_extra}", extra=_extra
    )
    assert _values(_response, "Strict-Transport-Security") == [], (
        f"A plain-HTTP request (wsgi.url_scheme 'http') with the environ {_extra} got Strict-Transport-Security: "
        "SERVER_PORT, HTTPS and REQUEST_SCHEME are not WSGI's: a server may serve plain HTTP on port 443, and some "
        "configurations fill REQUEST_SCHEME or HTTPS from a client's X-Forwarded-Proto. PEP 3333 gives the scheme "
        "of the request in wsgi.url_scheme. Hint: decide on environ['wsgi.url_scheme'] == 'https' alone."
    )
    _check_all(_response, f"GET http://127.0.0.1/ with the environ {_extra}", _EXPECTED)

# An app that hands start_response the same module-level list every time: the middleware must not change it.
_SHARED = [_TEXT]


def _shared_list_app(environ, start_response):
    start_response("200 OK", _SHARED)
    return [b"x"]


_wrapped = _SecurityHeaders(_shared_list_app)
for _scheme in ("https", "http"):
    _response = _serve(_wrapped, _scheme, why=f"GET {_scheme}://127.0.0.1/ to an app that reuses one header list")
    _check_all(
        _response,
        f"GET {_scheme}://127.0.0.1/ to an app that reuses one header list (HTTPS first, then HTTP)",
        _ALL if _scheme == "https" else _EXPECTED,
        "build a new list, list(headers) + added: extending the app's own list changes it for every later response, "
        "and an HTTP response then carries the HSTS header of an earlier HTTPS one.",
    )
    _hsts = _values(_response, "Strict-Transport-Security")
    assert _scheme == "https" or _hsts == [], (
        f"GET http://127.0.0.1/ to an app that reuses one header list, after an HTTPS request, carries "
        f"Strict-Transport-Security: {_hsts}. Hint: build a new list, list(headers) + added: extending the app's "
        "own list leaves the HSTS header of the HTTPS response in it for every later response."
    )
assert _SHARED == [_TEXT], (
    f"The app's own header list became {_SHARED} after two requests. Hint: never change the list the app gives "
    "start_response: the app may reuse it; pass the server list(headers) + added, a new list."
)


# The app's body is the server's to iterate and close; what the app writes reaches the server first.
class _Body:
    """An app's iterable that records in `log` when it is iterated and when it is closed."""

    def __init__(self, log, chunks):
        self.log, self.chunks = log, chunks

    def __iter__(self):
        self.log.append("iterated")
        return iter(self.chunks)

    def close(self):
        self.log.append("closed")


def _drive(app, log):
    """Run `app` as a server would: start_response, iterate, close; the server's write() logs what it gets."""
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "wsgi.url_scheme": "https",
    }
    _setup_testing_defaults(environ)

    def start_response(status, headers, exc_info=None):
        return lambda data: log.append(("written", data))

    result = _call(app, environ, start_response, described_as="Your middleware, called by the server,")
    body = b"".join(_call(list, result, described_as="Iterating what your middleware returned"))
    if hasattr(result, "close"):
        result.close()
    return body


def _writing_body_app(environ, start_response):
    write = start_response("200 OK", [_TEXT])
    write(b"written, ")
    return _Body(_log, [b"returned"])


_log = []
_body = _drive(_SecurityHeaders(_writing_body_app), _log)
assert _log[:2] == [("written", b"written, "), "iterated"] and _body == b"returned", (
    f"An app wrote b'written, ' with write() and then returned its body; the server saw {_log} and the body "
    f"{_body!r}: the written bytes must reach the server when the app writes them, before its body is iterated. "
    "Hint: return the server's write unchanged, what the server's start_response returns; a middleware that "
    "collects the body and the writes first delays every byte and breaks streaming."
)
assert "closed" in _log, (
    f"The app's body was iterated but never closed: the server saw {_log}. PEP 3333: the server calls close() on "
    "the iterable it gets, and the app frees its resources there (a file, a database cursor). Hint: return the "
    "app's iterable itself; a generator of yours that re-yields it must call its close() in a finally."
)
