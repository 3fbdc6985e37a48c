# expect: the Location must include SCRIPT_NAME
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
            location = quote((path + "/").encode("latin-1"))
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
