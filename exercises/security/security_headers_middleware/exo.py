# --- PYODIDE:env --- #
import sys
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

from course_helpers.checks import call
from course_helpers.wsgi import Response, call_wsgi


def hello_app(environ, start_response):
    """The site's application: a page of plain text."""
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"Hello"]


def call_https(app, method="GET", headers=None, why=None, advice=""):
    """Send one request to `app` as a server that received it over HTTPS (wsgi.url_scheme 'https').

    Returns the Response of the last start_response call; `.calls` lists every call as
    (status, headers, exc_info). What the app raises, or a WSGI rule it breaks, becomes a message."""
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "wsgi.url_scheme": "https",
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    setup_testing_defaults(environ)
    calls, written = [], []

    def start_response(status, response_headers, exc_info=None):
        calls.append((status, list(response_headers), exc_info))
        return written.append

    def run():
        chunks = validator(app)(environ, start_response)
        try:
            return b"".join(chunks)
        finally:
            chunks.close()

    request = why or f"{method} https://127.0.0.1/"
    body = call(run, described_as=f"Your middleware, handling {request},", advice=advice)
    if not calls:
        raise AssertionError(
            f"Nobody called start_response for {request}. Hint: pass the app a start_response of yours that calls "
            f"the server's one, and return what the app returns. {advice}".rstrip()
        )
    response = Response(calls[-1][0], calls[-1][1], b"".join(written) + body)
    response.calls = calls
    return response


def values(response, name):
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
EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
response = call_wsgi(call(SecurityHeaders, hello_app), why="GET http://127.0.0.1/")
for name, value in EXPECTED.items():
    assert values(response, name) == [value], (
        f"GET over HTTP should carry {name}: {value}, got {values(response, name)}. "
        "Hint: add the header in the start_response you pass to the app: headers + [(name, value), ...]."
    )
assert values(response, "Strict-Transport-Security") == [], (
    f"A plain-HTTP response carries Strict-Transport-Security: {values(response, 'Strict-Transport-Security')}. "
    "Hint: send it only when environ['wsgi.url_scheme'] == 'https'."
)
assert (response.status, response.body) == ("200 OK", b"Hello"), (
    f"The middleware changed the app's answer: {response.status!r} {response.body!r}. "
    "Hint: return what the app returns and pass its status on as it is."
)
response = call_https(call(SecurityHeaders, hello_app, hsts_max_age=600))
hsts = values(response, "Strict-Transport-Security")
if len(hsts) > 1:
    advice = (
        "one header per response: keep what an instance needs on self, never on the class, where instances share it."
    )
else:
    advice = "f'max-age={hsts_max_age}; includeSubDomains', when wsgi.url_scheme is 'https'."
assert hsts == ["max-age=600; includeSubDomains"], (
    f"GET over HTTPS with hsts_max_age=600 should carry Strict-Transport-Security: max-age=600; includeSubDomains, "
    f"got {hsts}. Hint: {advice}"
)

# --- PYODIDE:secrets --- #
import sys

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
# Headers the app sets itself (name as the app writes it, value): kept once, as they are, over HTTPS.
APP_HEADER_PAYLOADS = [
    ("content-security-policy", "default-src 'none'"),
    ("Content-Security-Policy", "script-src 'self' https://cdn.example"),
    ("X-FRAME-OPTIONS", "SAMEORIGIN"),
    ("x-content-type-options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("strict-transport-security", "max-age=60"),
]
ALL = {**EXPECTED, "Strict-Transport-Security": "max-age=31536000; includeSubDomains"}


def answering(status, headers, body=b"x"):
    def app(environ, start_response):
        start_response(status, list(headers))
        return [body] if environ["REQUEST_METHOD"] != "HEAD" else []

    return app


def check_all(response, request, expected=ALL, hint=""):
    for name, value in expected.items():
        found = values(response, name)
        assert found == [value], (
            f"{request}: {name} should be [{value!r}], got {found}. "
            f"Hint: {hint or 'add each header once, on every response, whatever the status.'}"
        )


TEXT = ("Content-Type", "text/plain")
# Every status, HEAD, over HTTPS; the default max-age.
for status, headers, body in (
    ("200 OK", [TEXT], b"x"),
    ("404 Not Found", [TEXT], b"Not found"),
    ("500 Internal Server Error", [TEXT], b"Error"),
    ("302 Found", [TEXT, ("Location", "/login")], b""),
    ("204 No Content", [], b""),
):
    for method in ("GET", "HEAD"):
        request = f"{method} https://127.0.0.1/ answered {status}"
        response = call_https(SecurityHeaders(answering(status, headers, body)), method, why=request)
        check_all(response, request)
        assert response.status == status and all(header in response.headers for header in headers), (
            f"{request}: the middleware changed the app's status or dropped its headers: {response.status!r}, "
            f"{response.headers}. Hint: keep the app's status and every header of the app, and add yours after them."
        )


def streaming_app(environ, start_response):
    start_response("200 OK", [TEXT])
    yield b"part 1, "
    yield b"part 2"


STREAM = (
    "the app here is a generator: it calls start_response only when its body is iterated. Add the headers inside "
    "the start_response you pass to the app, never after app() returns."
)
for scheme in ("http", "https"):
    wrapped = SecurityHeaders(streaming_app)
    if scheme == "http":
        response = call_wsgi(wrapped, why="GET http://127.0.0.1/ to an app that streams", advice=STREAM)
        check_all(response, "A streaming app over HTTP", EXPECTED, STREAM)
    else:
        response = call_https(wrapped, why="GET https://127.0.0.1/ to an app that streams", advice=STREAM)
        check_all(response, "A streaming app over HTTPS", ALL, STREAM)
    assert response.body == b"part 1, part 2", (
        f"The streaming app's body became {response.body!r}. Hint: return the app's iterable as it is."
    )

# Two Set-Cookie headers are two cookies.
cookies = [("Set-Cookie", "session=abc; HttpOnly; Secure"), ("Set-Cookie", "theme=dark; Secure")]
response = call_https(SecurityHeaders(answering("200 OK", [TEXT, *cookies])), why="a response setting two cookies")
assert values(response, "Set-Cookie") == [value for _, value in cookies], (
    f"The app set two cookies, the response carries {values(response, 'Set-Cookie')}. "
    "Hint: a list of headers may repeat a name (Set-Cookie above all): never turn it into a dict; append to the list."
)
check_all(response, "A response setting two cookies")

# The app's own headers win, whatever their case, and are never doubled.
for name, value in APP_HEADER_PAYLOADS:
    response = call_https(SecurityHeaders(answering("200 OK", [TEXT, (name, value)])), why=f"an app that sets {name}")
    found = values(response, name)
    assert len(found) <= 1, (
        f"The app set {name}: {value!r}; the response carries that header {len(found)} times: {found}. "
        "Hint: HTTP header names ignore case: compare name.lower() with the lowercased names the app set, and add "
        "yours only when the app set none."
    )
    assert found == [value], (
        f"The app set {name}: {value!r}; the response carries {found} instead. Hint: keep the app's own header "
        "as it is: the app knows what its page needs better than a policy for the whole site."
    )
    others = {key: text for key, text in ALL.items() if key.lower() != name.lower()}
    check_all(response, f"An app that sets {name}", others)

# Plain HTTP, whatever the client claims: no HSTS.
for headers in FORWARDED_PAYLOADS:
    response = call_wsgi(SecurityHeaders(hello_app), headers=headers, why=f"GET http://127.0.0.1/ with {headers}")
    assert values(response, "Strict-Transport-Security") == [], (
        f"A plain-HTTP request with {headers} got Strict-Transport-Security: any client can send that header. "
        "Hint: decide on environ['wsgi.url_scheme'] alone; behind a proxy, a proxy-fixing middleware you "
        "configure sets it from the headers of the proxies you trust."
    )
    check_all(response, f"GET http://127.0.0.1/ with {headers}", EXPECTED)

# max-age as configured, per instance; wrapping twice adds nothing twice.
for max_age in (0, 60, 63072000):
    response = call_https(SecurityHeaders(hello_app, hsts_max_age=max_age), why=f"hsts_max_age={max_age}")
    assert values(response, "Strict-Transport-Security") == [f"max-age={max_age}; includeSubDomains"], (
        f"With hsts_max_age={max_age} the response carries {values(response, 'Strict-Transport-Security')}. "
        "Hint: write the max-age each instance was given, even 0 (it tells the browser to forget the site's HSTS)."
    )
short, long = SecurityHeaders(hello_app, hsts_max_age=60), SecurityHeaders(hello_app, hsts_max_age=86400)
for wrapped, max_age in ((short, 60), (long, 86400), (short, 60)):
    response = call_https(wrapped, why=f"the instance made with hsts_max_age={max_age}")
    assert values(response, "Strict-Transport-Security") == [f"max-age={max_age}; includeSubDomains"], (
        f"Two instances (max-age 60 and 86400): the one made with {max_age} sent "
        f"{values(response, 'Strict-Transport-Security')}. Hint: keep what an instance needs on self, never on the "
        "class or in a module-level list that every instance changes."
    )
response = call_https(SecurityHeaders(SecurityHeaders(hello_app, hsts_max_age=60), hsts_max_age=120), why="twice")
check_all(
    response,
    "SecurityHeaders(SecurityHeaders(app, hsts_max_age=60), hsts_max_age=120)",
    {**ALL, "Strict-Transport-Security": "max-age=60; includeSubDomains"},
    "the outer middleware finds the inner one's headers already set, and keeps them.",
)


# exc_info goes through, and so does the write() callable.
def failing_app(environ, start_response):
    start_response("200 OK", [TEXT])
    try:
        raise RuntimeError("the database went away")
    except RuntimeError:
        start_response("500 Internal Server Error", [TEXT], sys.exc_info())
    return [b"Sorry."]


response = call_https(SecurityHeaders(failing_app), why="an app that fails after start_response")
exc_info = response.calls[-1][2]
assert response.status.startswith("500") and exc_info is not None and exc_info[0] is RuntimeError, (
    f"The app called start_response again with exc_info after an error; the server got {exc_info!r}. "
    "Hint: accept exc_info=None in your start_response and pass it on: the server needs it to replace the "
    "headers (or re-raise when they are already sent)."
)
check_all(response, "The 500 of an app that failed")


def writing_app(environ, start_response):
    write = start_response("200 OK", [TEXT])
    write(b"written, ")
    return [b"returned"]


response = call_https(SecurityHeaders(writing_app), why="an app that uses write()")
assert response.body == b"written, returned", (
    f"An app that writes with the callable start_response returns sent {response.body!r}. "
    "Hint: return what the server's start_response returns."
)
