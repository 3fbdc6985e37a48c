# --- PYODIDE:env --- #
from course_helpers.wsgi import call_wsgi


def site(environ, start_response):
    """The app behind the middleware: it has the pages /docs/ and /about."""
    path = environ["PATH_INFO"]
    if path in ("/docs/", "/about"):
        status, body = "200 OK", f"Page {path}".encode("utf-8")
    else:
        status, body = "404 Not Found", b"Not found"
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


# --- PYODIDE:code --- #
from urllib.parse import quote


class TrailingSlashRedirect:
    """WSGI middleware: send GET /docs to /docs/ when only /docs/ exists."""

    def __init__(self, app, known_paths):
        self.app = app
        self.known_paths = set(known_paths)

    def __call__(self, environ, start_response): ...


# --- PYODIDE:corr --- #
from urllib.parse import quote


class TrailingSlashRedirect:
    """WSGI middleware: send GET /docs to /docs/ when only /docs/ exists."""

    def __init__(self, app, known_paths):
        self.app = app
        self.known_paths = set(known_paths)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        # PEP 3333: PATH_INFO holds the request's bytes, decoded as latin-1. Get the text back.
        text = path.encode("latin-1").decode("utf-8", "replace")
        if (
            environ["REQUEST_METHOD"] in ("GET", "HEAD")
            and text not in self.known_paths
            and text + "/" in self.known_paths
        ):
            # The same bytes, percent-encoded: a Location header must be ASCII.
            location = quote((environ.get("SCRIPT_NAME", "") + path + "/").encode("latin-1"))
            if environ.get("QUERY_STRING"):
                location += "?" + environ["QUERY_STRING"]
            start_response(
                "308 Permanent Redirect",
                [
                    ("Location", location),
                    ("Content-Type", "text/plain; charset=utf-8"),
                    ("Content-Length", "0"),
                ],
            )
            return []
        return self.app(environ, start_response)  # untouched: status, headers, body and its close()


# --- PYODIDE:tests --- #
app = TrailingSlashRedirect(site, {"/docs/", "/about"})

response = call_wsgi(app, path="/docs")
assert response.status == "308 Permanent Redirect", (
    f"GET /docs, when only /docs/ exists, should get '308 Permanent Redirect', got {response.status!r}. "
    "Hint: 308 keeps the method and the body when the client follows it; 301 lets clients switch to GET."
)
assert response.header("Location") == "/docs/", (
    f"The redirect for GET /docs should say 'Location: /docs/', got {response.header('Location')!r}. "
    "Hint: send a ('Location', ...) header with the 308: the path the client asked for, plus a '/'."
)

response = call_wsgi(app, path="/docs/")
assert (response.status, response.body) == ("200 OK", b"Page /docs/"), (
    f"GET /docs/ exists: the middleware should pass it to the app, which answers '200 OK' b'Page /docs/'; "
    f"got {response.status!r} {response.body!r}. "
    "Hint: when the path is in known_paths, return self.app's answer as it is instead of redirecting."
)
response = call_wsgi(app, path="/about/")
assert response.status == "404 Not Found", (
    f"GET /about/ should reach the app, which answers 404 (only /about exists; the middleware adds slashes, "
    f"it never removes them); got {response.status!r}. "
    "Hint: redirect only when path + '/' is in known_paths; never strip a slash."
)


# --- PYODIDE:secrets --- #
class _TrackedBody:
    """A response body that remembers whether the server closed it."""

    def __init__(self, chunks):
        self.chunks, self.closed = chunks, False

    def __iter__(self):
        return iter(self.chunks)

    def close(self):
        self.closed = True


def _echo(environ, start_response):
    """An app that answers 404 and says what it received."""
    length = int(environ.get("CONTENT_LENGTH") or "0")
    sent = environ["wsgi.input"].read(length)
    body = f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']} {sent.decode()}".strip().encode("utf-8")
    start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


def _mounted(script_name, inner):
    """What a server does for an app mounted under script_name: the prefix moves to SCRIPT_NAME."""

    def app_under_prefix(environ, start_response):
        environ["SCRIPT_NAME"] = script_name
        return inner(environ, start_response)

    return app_under_prefix


_known = {"/docs/", "/about", "/both", "/both/", "/café/", "/"}
_app = TrailingSlashRedirect(_echo, _known)

# Redirects: HEAD too, the query string kept as it is, the body empty.
_response = call_wsgi(_app, method="HEAD", path="/docs")
assert (_response.status, _response.header("Location")) == ("308 Permanent Redirect", "/docs/"), (
    f"HEAD /docs should be redirected like GET, to /docs/; got {_response.status!r} "
    f"with Location {_response.header('Location')!r}. "
    "Hint: check REQUEST_METHOD against both GET and HEAD before redirecting."
)
assert _response.body == b"" and _response.header("Content-Length") == "0", (
    f"The redirect should have an empty body and 'Content-Length: 0', "
    f"got {_response.body!r} and {_response.header('Content-Length')!r}. "
    "Hint: send ('Content-Length', '0') with the 308 and return an empty iterable as its body."
)
for _query in ("page=2&q=caf%C3%A9", "a=&b=1&b=2&c", "x=%2F+y"):
    _response = call_wsgi(_app, path="/docs", query=_query)
    assert _response.header("Location") == f"/docs/?{_query}", (
        f"GET /docs?{_query} should be redirected to '/docs/?{_query}', got {_response.header('Location')!r}. "
        "Hint: keep the query string: append '?' and QUERY_STRING exactly as received (parsing and re-encoding it "
        "drops empty values and changes escapes)."
    )

# Other methods reach the app, body included.
for _method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
    _response = call_wsgi(_app, method=_method, path="/docs", body=b"title=Dune")
    _expected = f"{_method} /docs title=Dune".encode()
    assert (_response.status, _response.body) == ("404 Not Found", _expected), (
        f"{_method} /docs should reach the app unchanged (it answers 404 with {_expected!r}), got {_response.status!r} "
        f"{_response.body!r}. Hint: only GET and HEAD are redirected; a client would have to send any other request, "
        "and its body, a second time, so the mistake is left for the app to report."
    )

# Paths the app knows, or that nothing would fix, pass through.
for _path in ("/about", "/both", "/nowhere", "/docs/intro"):
    _response = call_wsgi(_app, path=_path)
    assert _response.status == "404 Not Found" and _response.body == f"GET {_path}".encode(), (
        f"GET {_path} should reach the app unchanged, got {_response.status!r} {_response.body!r} "
        f"(Location {_response.header('Location')!r}). Hint: redirect only when the path is not known and the path "
        "with a slash is."
    )

# Mounted under a prefix: the Location is built from SCRIPT_NAME + PATH_INFO.
_response = call_wsgi(
    _mounted("/shop", _app), path="/docs", why="GET /shop/docs (SCRIPT_NAME '/shop', PATH_INFO '/docs')"
)
assert _response.header("Location") == "/shop/docs/", (
    f"For an app mounted at /shop, GET /shop/docs should be redirected to '/shop/docs/', got {_response.header('Location')!r}. "
    "Hint: the path the client sees is SCRIPT_NAME + PATH_INFO; the Location must include SCRIPT_NAME."
)
_response = call_wsgi(_mounted("/shop", _app), path="", why="GET /shop (SCRIPT_NAME '/shop', PATH_INFO '')")
assert (_response.status, _response.header("Location")) == ("308 Permanent Redirect", "/shop/"), (
    f"For an app mounted at /shop, GET /shop has an empty PATH_INFO and should be redirected to '/shop/', "
    f"got {_response.status!r} with Location {_response.header('Location')!r}. "
    "Hint: an empty PATH_INFO is the mount point itself: '' is not known but '/' is, so redirect it like any path."
)

# Non-ASCII paths: PATH_INFO carries the bytes as latin-1; the Location must be ASCII.
_response = call_wsgi(_app, path="/café".encode("utf-8").decode("latin-1"), why="GET /caf%C3%A9")
assert _response.header("Location") == "/caf%C3%A9/", (
    f"GET /caf%C3%A9 (the page '/café/' exists) should be redirected to '/caf%C3%A9/', got {_response.status!r} "
    f"with Location {_response.header('Location')!r}. Hint: PATH_INFO holds the request's bytes decoded as latin-1 "
    "(PEP 3333): path.encode('latin-1').decode('utf-8') gives the text to look up, and quote() of those bytes "
    "gives an ASCII Location."
)
try:
    _response = call_wsgi(_app, path="/\xff", why="GET /%FF (bytes that are not UTF-8)")
except AssertionError as _error:
    raise AssertionError(
        f"{_error}\nHint: a client may send bytes that are not UTF-8; decode with errors='replace', so they give a path "
        "that is simply unknown."
    ) from None
assert _response.status == "404 Not Found", (
    f"GET /%FF should reach the app, got {_response.status!r}. Hint: decode with errors='replace', so bytes that are "
    "not UTF-8 give a path that is simply unknown."
)

# A response that passes through is untouched: status, headers, body, and close().
_tracked = _TrackedBody([b"one", b"two"])
_headers = [("Content-Type", "text/plain"), ("X-Trace", "abc"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]


def _teapot(environ, start_response):
    start_response("418 I'm a teapot", list(_headers))
    return _tracked


_response = call_wsgi(TrailingSlashRedirect(_teapot, {"/docs/"}), path="/tea")
assert (_response.status, _response.headers, _response.body) == ("418 I'm a teapot", _headers, b"onetwo"), (
    f"The app's response should pass through unchanged, got {_response.status!r}, {_response.headers!r}, {_response.body!r}. "
    "Hint: return self.app(environ, start_response) as it is."
)
assert _tracked.closed, (
    "The app's response body was never closed: the server's close() must reach it. "
    "Hint: return the app's iterable itself; joining it into a new list loses its close() (and its streaming)."
)
