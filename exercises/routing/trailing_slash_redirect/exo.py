# --- PYODIDE:env --- #
from course_helpers.checks import call as _call
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
_app = _call(TrailingSlashRedirect, site, {"/docs/", "/about"})

_response = call_wsgi(_app, path="/docs")
assert _response.status == "308 Permanent Redirect", (
    f"GET /docs, when only /docs/ exists, should get '308 Permanent Redirect', got {_response.status!r}. "
    "Hint: 308 keeps the method and the body when the client follows it; 301 lets clients switch to GET."
)
assert _response.header("Location") == "/docs/", (
    f"The redirect for GET /docs should say 'Location: /docs/', got {_response.header('Location')!r}. "
    "Hint: send a ('Location', ...) header with the 308: the path the client asked for, plus a '/'."
)

_response = call_wsgi(_app, path="/docs/")
assert (_response.status, _response.body) == ("200 OK", b"Page /docs/"), (
    f"GET /docs/ exists: the middleware should pass it to the app, which answers '200 OK' b'Page /docs/'; "
    f"got {_response.status!r} {_response.body!r}. "
    "Hint: when the path is in known_paths, return self.app's answer as it is instead of redirecting."
)
_response = call_wsgi(_app, path="/about/")
assert _response.status == "404 Not Found", (
    f"GET /about/ should reach the app, which answers 404 (only /about exists; the middleware adds slashes, "
    f"it never removes them); got {_response.status!r}. "
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


def _served(inner, script_name=None, left_out=()):
    """What a server does: the mount prefix moves to SCRIPT_NAME, and a key whose value is empty may be left out."""

    def app_as_served(environ, start_response):
        if script_name is not None:
            environ["SCRIPT_NAME"] = script_name
        for key in left_out:
            environ.pop(key, None)
        return inner(environ, start_response)

    return app_as_served


def _new(known, inner=_echo, shown=None):
    return _call(
        TrailingSlashRedirect,
        inner,
        known,
        described_as=f"TrailingSlashRedirect(app, {shown or repr(known)})",
        advice="__init__ only keeps app and the paths: self.known_paths = set(known_paths).",
    )


_known = {"/docs/", "/about", "/both", "/both/", "/café/", "/"}
_app = _new(_known)

# The redirect itself: HEAD too, an empty body, the three headers.
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
assert _response.header("Content-Type") == "text/plain; charset=utf-8", (
    f"The redirect should say 'Content-Type: text/plain; charset=utf-8', got {_response.header('Content-Type')!r}. "
    "Hint: add ('Content-Type', 'text/plain; charset=utf-8') to the headers of the 308."
)

# The query string, kept as received; none at all when the server leaves QUERY_STRING out.
for _query in ("page=2&q=caf%C3%A9", "a=&b=1&b=2&c", "x=%2F+y", "0"):
    _response = call_wsgi(_app, path="/docs", query=_query)
    assert _response.header("Location") == f"/docs/?{_query}", (
        f"GET /docs?{_query} should be redirected to '/docs/?{_query}', got {_response.header('Location')!r}. "
        "Hint: keep the query string: append '?' and QUERY_STRING exactly as received (parsing and re-encoding it "
        "drops empty values and changes escapes)."
    )
_response = call_wsgi(_app, path="/docs", query=None, why="GET /docs (a server that leaves QUERY_STRING out)")
assert _response.header("Location") == "/docs/", (
    f"GET /docs with no QUERY_STRING in the environ should be redirected to '/docs/', "
    f"got {_response.header('Location')!r}. "
    "Hint: a server may leave out QUERY_STRING when it is empty: read it with environ.get('QUERY_STRING', '')."
)

# Other methods reach the app, body included; so does HEAD to a page the app has.
for _method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
    _response = call_wsgi(_app, method=_method, path="/docs", body=b"title=Dune")
    _expected = f"{_method} /docs title=Dune".encode()
    assert (_response.status, _response.body) == ("404 Not Found", _expected), (
        f"{_method} /docs should reach the app unchanged (it answers 404 with {_expected!r}), got {_response.status!r} "
        f"{_response.body!r}. Hint: only GET and HEAD are redirected; a client would have to send any other request, "
        "and its body, a second time, so the mistake is left for the app to report."
    )
for _method, _path in (
    ("GET", "/about"),
    ("HEAD", "/about"),
    ("GET", "/both"),
    ("GET", "/nowhere"),
    ("GET", "/docs/intro"),
):
    _response = call_wsgi(_app, method=_method, path=_path)
    assert _response.status == "404 Not Found" and _response.body == f"{_method} {_path}".encode(), (
        f"{_method} {_path} should reach the app unchanged, got {_response.status!r} {_response.body!r} "
        f"(Location {_response.header('Location')!r}). Hint: redirect only when the path is not known and the path "
        "with a slash is."
    )

# known_paths in any iterable; the same request twice; two middlewares that share nothing.
for _shown, _paths in (
    ("a list", ["/docs/", "/about"]),
    ("a tuple", ("/about", "/docs/")),
    ("a generator", (p for p in ["/docs/", "/about"])),
):
    _twice = _new(_paths, shown=_shown)
    for _ in range(2):
        _response = call_wsgi(_twice, path="/docs", why=f"GET /docs (known_paths given as {_shown})")
        assert _response.header("Location") == "/docs/", (
            f"With known_paths given as {_shown}, GET /docs (sent twice) should be redirected to '/docs/' each time, "
            f"got {_response.status!r} with Location {_response.header('Location')!r}. "
            "Hint: keep the paths in a set of your own, set(known_paths): a generator can be read only once."
        )
_docs, _blog = _new({"/docs/"}), _new({"/blog/"})
for _middleware, _yes, _no in ((_docs, "/docs", "/blog"), (_blog, "/blog", "/docs"), (_docs, "/docs", "/blog")):
    _moved, _kept = call_wsgi(_middleware, path=_yes), call_wsgi(_middleware, path=_no)
    assert (_moved.header("Location"), _kept.status) == (f"{_yes}/", "404 Not Found"), (
        f"Two middlewares, one knowing /docs/ and one /blog/: the one that knows {_yes}/ should redirect GET {_yes} "
        f"and pass GET {_no} through; got Location {_moved.header('Location')!r} and {_kept.status!r}. "
        "Hint: keep the paths on self, never in a class attribute or a global that every instance shares."
    )

# Mounted under a prefix: the Location is built from SCRIPT_NAME + PATH_INFO.
_response = call_wsgi(
    _served(_app, "/shop"), path="/docs", why="GET /shop/docs (SCRIPT_NAME '/shop', PATH_INFO '/docs')"
)
assert _response.header("Location") == "/shop/docs/", (
    f"For an app mounted at /shop, GET /shop/docs should be redirected to '/shop/docs/', got {_response.header('Location')!r}. "
    "Hint: the path the client sees is SCRIPT_NAME + PATH_INFO; the Location must include SCRIPT_NAME."
)
_response = call_wsgi(_served(_app, "/shop"), path="", why="GET /shop (SCRIPT_NAME '/shop', PATH_INFO '')")
assert (_response.status, _response.header("Location")) == ("308 Permanent Redirect", "/shop/"), (
    f"For an app mounted at /shop, GET /shop has an empty PATH_INFO and should be redirected to '/shop/', "
    f"got {_response.status!r} with Location {_response.header('Location')!r}. "
    "Hint: an empty PATH_INFO is the mount point itself: '' is not known but '/' is, so redirect it like any path."
)
for _why, _served_app, _expected in (
    ("GET /shop (SCRIPT_NAME '/shop', no PATH_INFO at all)", _served(_app, "/shop", ["PATH_INFO"]), "/shop/"),
    ("GET /docs (no SCRIPT_NAME at all)", _served(_app, left_out=["SCRIPT_NAME"]), "/docs/"),
):
    try:
        _response = call_wsgi(_served_app, path="" if "PATH_INFO" in _why else "/docs", why=_why)
    except AssertionError as _error:
        raise AssertionError(
            f"{_error}\nHint: a server may leave out SCRIPT_NAME and PATH_INFO when they are empty; "
            "read them with environ.get(key, '')."
        ) from None
    assert _response.header("Location") == _expected, (
        f"{_why} should be redirected to {_expected!r}, got {_response.status!r} "
        f"with Location {_response.header('Location')!r}. "
        "Hint: a key the server left out counts as empty: environ.get('SCRIPT_NAME', ''), environ.get('PATH_INFO', '')."
    )

# Non-ASCII paths: PATH_INFO carries the bytes as latin-1; the Location must be ASCII.
_response = call_wsgi(_app, path="/café".encode("utf-8").decode("latin-1"), why="GET /caf%C3%A9")
_location = _response.header("Location")
if _location == "/caf%C3%83%C2%A9/":
    _advice = (
        "quote() was given the latin-1 str, so it encoded 'Ã' and '©' as UTF-8, a second time: "
        "give it the client's bytes, (script_name + path + '/').encode('latin-1')."
    )
elif _location is not None and not _location.isascii():
    _advice = (
        "a header value must be ASCII: percent-encode the path's bytes, "
        "quote((script_name + path + '/').encode('latin-1'))."
    )
else:
    _advice = (
        "PATH_INFO holds the request's bytes decoded as latin-1 (PEP 3333): "
        "path.encode('latin-1').decode('utf-8') gives the text to look up, and quote() of those bytes "
        "gives an ASCII Location."
    )
assert _location == "/caf%C3%A9/", (
    f"GET /caf%C3%A9 (the page '/café/' exists) should be redirected to '/caf%C3%A9/', got {_response.status!r} "
    f"with Location {_location!r}. Hint: {_advice}"
)
_response = call_wsgi(
    _served(_app, "/café".encode("utf-8").decode("latin-1")),
    path="/docs",
    why="GET /caf%C3%A9/docs (SCRIPT_NAME '/caf%C3%A9', PATH_INFO '/docs')",
)
assert _response.header("Location") == "/caf%C3%A9/docs/", (
    f"For an app mounted at /café, GET /caf%C3%A9/docs should be redirected to '/caf%C3%A9/docs/', "
    f"got {_response.header('Location')!r}. "
    "Hint: SCRIPT_NAME holds latin-1 text too: percent-encode the bytes of the whole SCRIPT_NAME + PATH_INFO + '/'."
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

# Characters that mean something in a URL are escaped in the Location, '%' first of all.
_escaped = {"/100%": "/100%25/", "/what?": "/what%3F/", "/c#": "/c%23/", "/a b": "/a%20b/", "/x\n": "/x%0A/"}
_app = _new({path + "/" for path in _escaped})
for _path, _expected in _escaped.items():
    _why = f"GET {_expected[:-1]}"
    try:
        _response = call_wsgi(_app, path=_path, why=_why)
    except AssertionError as _error:
        raise AssertionError(f"{_error}\nHint: percent-encode the path in the Location, with quote().") from None
    assert _response.header("Location") == _expected, (
        f"{_why} (PATH_INFO {_path!r}, and the page {_path + '/'!r} exists) should be redirected to {_expected!r}, "
        f"got {_response.status!r} with Location {_response.header('Location')!r}. "
        "Hint: in a URL, '%' starts an escape, '?' the query and '#' the fragment: quote() the path's bytes, which "
        "escapes them all and keeps '/'."
    )

# A response that passes through is untouched: status, headers, body, and close().
_tracked = _TrackedBody([b"one", b"two"])
_headers = [("Content-Type", "text/plain"), ("X-Trace", "abc"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]


def _teapot(environ, start_response):
    start_response("418 I'm a teapot", list(_headers))
    return _tracked


_response = call_wsgi(_new({"/docs/"}, _teapot), path="/tea")
assert (_response.status, _response.headers, _response.body) == ("418 I'm a teapot", _headers, b"onetwo"), (
    f"The app's response should pass through unchanged, got {_response.status!r}, {_response.headers!r}, {_response.body!r}. "
    "Hint: return self.app(environ, start_response) as it is."
)
assert _tracked.closed, (
    "The app's response body was never closed: the server's close() must reach it. "
    "Hint: return the app's iterable itself; joining it into a new list loses its close() (and its streaming)."
)
