"""Call a WSGI application the way a server would, and check it keeps PEP 3333's rules."""

from __future__ import annotations

import io
import traceback
from dataclasses import dataclass
from wsgiref import validate as validate_module
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

from course_helpers.feedback import learner_line


@dataclass
class Response:
    """What a WSGI app answered: the status line ('200 OK'), the headers (a list of (str, str)
    pairs, as passed to start_response) and the whole body, as bytes."""

    status: str
    headers: list
    body: bytes

    @property
    def status_code(self) -> int:
        """The status as a number: 200 for '200 OK'."""
        return int(self.status.split(" ", 1)[0])

    def header(self, name: str):
        """The value of the first header called `name` (any case), or None."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    @property
    def text(self) -> str:
        """The body decoded as UTF-8."""
        return self.body.decode("utf-8")


def call_wsgi(
    app, method="GET", path="/", query="", body=b"", headers=None, content_length="auto", why=None
) -> Response:
    """Send one request to `app`; return its Response.

    `headers` are request headers ({"Accept": "text/html"}); `content_length="auto"` sends
    len(body) when there is a body, None sends no Content-Length at all. Any rule the app
    breaks, and any exception it raises, becomes an AssertionError that says what happened.
    """
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "wsgi.input": io.BytesIO(body),
    }
    if content_length == "auto":
        content_length = str(len(body)) if body else None
    if content_length is not None:
        environ["CONTENT_LENGTH"] = content_length
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        environ[key if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
    setup_testing_defaults(environ)
    if content_length is None:
        environ.pop("CONTENT_LENGTH", None)

    request = why or f"{method} {path}{'?' + query if query else ''}"
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"], started["headers"] = status, response_headers
        return lambda data: None

    try:
        chunks = validator(app)(environ, start_response)
        try:
            body_out = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
    except AssertionError as error:
        if traceback.extract_tb(error.__traceback__)[-1].filename == validate_module.__file__:
            broken, hint = _explain_rule(error, request)
            raise AssertionError(f"{broken}\nHint: {hint}") from None
        raise AssertionError(
            f"Your app raised AssertionError: {error} while handling {request}.\n"
            f"Hint: the line that raised it is {learner_line(error)}"
        ) from None
    except Exception as error:  # noqa: BLE001 - the learner's app may raise anything
        raise AssertionError(
            f"Your app raised {type(error).__name__}: {error} while handling {request}.\n"
            f"Hint: the line that raised it is {learner_line(error)}"
        ) from None
    if "status" not in started:
        raise AssertionError(
            f"Your app never called start_response() for {request}. Hint: call it once, before returning the body."
        )
    return Response(started["status"], started["headers"], body_out)


def _explain_rule(error: AssertionError, request: str) -> tuple[str, str]:
    """What the app broke, and how to fix it, from a failed check of wsgiref.validate."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == validate_module.__file__]
    if any(f.name == "read" for f in frames):
        return (
            f"Your app called wsgi.input.read() without a size while handling {request}.",
            "read exactly int(CONTENT_LENGTH) bytes; with no size, a real server may wait for data that never comes.",
        )
    # wsgiref.validate states most rules as messages; for the rest, its failing line is the rule.
    rule = str(error) or next(
        (f.line for f in reversed(frames) if "assert_(" in (f.line or "")), "see wsgiref.validate"
    )
    return (
        f"Your app broke a WSGI rule while handling {request}: {rule}",
        "the status is a str like '200 OK', the headers a list of (str, str) tuples, "
        "and the body an iterable of bytes (e.g. [b'...']).",
    )


__all__ = ["Response", "call_wsgi"]
