"""WSGI middleware that gives every path one spelling: /books/ is redirected to /books."""

from urllib.parse import quote


class RemoveTrailingSlash:
    """Wrap any WSGI app. It runs before the app's router, so it works for every route at once."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/" or not path.endswith("/"):
            return self.app(environ, start_response)  # already canonical: pass it on untouched
        # strip("/") also drops extra leading slashes: "//evil.example/" must not become a
        # Location of "//evil.example", which a browser reads as another host.
        target = environ.get("SCRIPT_NAME", "") + "/" + path.strip("/")
        # PEP 3333 hands PATH_INFO over as bytes decoded as latin-1: undo that, then percent-encode.
        location = quote(target.encode("latin-1"))
        if environ.get("QUERY_STRING"):
            location += "?" + environ["QUERY_STRING"]
        # 308, not 301: a client that sent POST /books/ repeats a POST, body included, at /books.
        start_response("308 Permanent Redirect", [("Location", location), ("Content-Length", "0")])
        return [b""]
