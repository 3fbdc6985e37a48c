"""Call a WSGI application the way a server would, and check it keeps PEP 3333's rules."""

from __future__ import annotations

import io
import traceback
import warnings
from dataclasses import dataclass
from wsgiref import validate as validate_module
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import WSGIWarning, validator

from course_helpers.feedback import learner_line, message_of


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
    app,
    method="GET",
    path="/",
    query="",
    body=b"",
    headers=None,
    content_length="auto",
    why=None,
    script_name="",
    advice="",
) -> Response:
    """Send one request to `app`; return its Response.

    `headers` are request headers ({"Accept": "text/html"}); `content_length="auto"` sends
    len(body) when there is a body, None sends no Content-Length at all, and any other str is sent
    as it is, even one that is not a number ("abc", "-1"); `query=None` sends no
    QUERY_STRING (PEP 3333 lets a server leave it out); `script_name` mounts the app under a
    prefix. Any rule the app breaks, and any exception it raises, becomes an AssertionError
    that says what happened and how to fix it; `why` names the request in that message and
    `advice` is added to its hint.
    """
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": script_name,
        "PATH_INFO": path,
        "QUERY_STRING": query or "",
        "wsgi.input": io.BytesIO(body),
    }
    if content_length == "auto":
        content_length = str(len(body)) if body else None
    # wsgiref.validate refuses an environ whose CONTENT_LENGTH is not a number before the app
    # runs; a check that sends a malformed one on purpose shows the validator a valid one and
    # hands the app the malformed value (see `as_sent` below).
    malformed = content_length is not None and not (content_length.isascii() and content_length.isdigit())
    if content_length is not None:
        environ["CONTENT_LENGTH"] = "0" if malformed else content_length
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        environ[key if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
    setup_testing_defaults(environ)
    if content_length is None:
        environ.pop("CONTENT_LENGTH", None)
    if query is None:
        environ.pop("QUERY_STRING", None)

    request = why or f"{method} {path}{'?' + query if query else ''}"
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"], started["headers"] = status, response_headers
        return lambda data: None

    def as_sent(validated_environ, validated_start_response):
        if malformed:
            validated_environ = {**validated_environ, "CONTENT_LENGTH": content_length}
        return app(validated_environ, validated_start_response)

    try:
        with warnings.catch_warnings():
            if query is None:  # left out on purpose (PEP 3333 allows it): the validator need not warn
                warnings.filterwarnings("ignore", "QUERY_STRING is not in the WSGI environment", WSGIWarning)
            chunks = validator(as_sent)(environ, start_response)
        try:
            body_out = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
    except AssertionError as error:
        if traceback.extract_tb(error.__traceback__)[-1].filename == validate_module.__file__:
            broken, hint = _explain_rule(error, request)
            raise AssertionError(f"{broken}\nHint: {hint} {advice}".rstrip()) from None
        raise AssertionError(
            f"Your app raised AssertionError: {error} while handling {request}.\n"
            f"Hint: the line that raised it is {learner_line(error)}. {advice}".rstrip()
        ) from None
    except Exception as error:  # noqa: BLE001 - the learner's app may raise anything
        raise AssertionError(
            f"Your app raised {type(error).__name__}: {message_of(error)} while handling {request}.\n"
            f"Hint: the line that raised it is {learner_line(error)}. {advice}".rstrip()
        ) from None
    if "status" not in started:
        raise AssertionError(
            f"Your app never called start_response() for {request}. "
            f"Hint: call it once, before returning the body. {advice}".rstrip()
        )
    return Response(started["status"], started["headers"], body_out)


# What wsgiref.validate says -> the rule to state and how to keep it.
RULES = (
    ("Status must be of type str", "pass the status as one str, the code and its reason phrase: '200 OK', not 200."),
    (
        "Status codes must be three characters",
        "the status starts with a three-digit code, then a space: '404 Not Found'.",
    ),
    ("Status code is invalid", "the status starts with a three-digit code from 100 up: '404 Not Found'."),
    ("must be of type list", "pass the headers as a list of (name, value) tuples: [('Content-Type', 'text/plain')]."),
    ("Individual headers", "each header is a tuple of two str, (name, value): not a list, not a dict."),
    ("Header name must be of type str", "header names are str in WSGI (bytes are for ASGI): 'Content-Type'."),
    (
        "Header value must be of type str",
        "header values are str in WSGI: str(len(body)), not len(body); 'text/plain', not b'text/plain'.",
    ),
    ("The Status header cannot be used", "the status is start_response's first argument, never a header."),
    ("Header names may not contain", "a header name is a token such as 'Content-Type': no ':' and no newline."),
    ("Bad header name", "a header name is a token such as 'Content-Type': letters, digits and hyphens."),
    ("Names may not end in", "a header name ends with a letter or a digit, not '-' or '_'."),
    (
        "Bad header value",
        "a header value holds no newline or control character: a newline there would let a client's input start a header of its own (response splitting).",
    ),
    (
        "Content-Type header found in a",
        "a 204 or 304 response has no body, so it sends no Content-Type: drop that header.",
    ),
    (
        "No Content-Type header found",
        "a response that can have a body declares its type: ('Content-Type', 'text/plain; charset=utf-8').",
    ),
    (
        "The application must return an iterator",
        "return the body as a list of bytes, [body], or [] for none: the app returned None (did a path end without return?).",
    ),
    (
        "You should not return a string as your application iterator",
        "wrap the body in a list: return [body], not body (a bytes object would be sent one byte at a time).",
    ),
    ("Iterator yielded non-bytestring", "every item of the body is bytes: encode text once, with .encode('utf-8')."),
    ("start_response has not yet been called", "call start_response(status, headers) before the body is read."),
    (
        "Two arguments required",
        "call start_response(status, headers) with those two arguments (and exc_info only after an error).",
    ),
    ("No keyword arguments allowed", "call start_response(status, headers) with positional arguments, no keywords."),
)


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
    hint = next((hint for said, hint in RULES if said in rule), None)
    if hint is None and any(f.name == "check_headers" for f in frames):
        hint = "each header is a tuple of exactly two str, (name, value)."
    return (
        f"Your app broke a WSGI rule while handling {request}: {rule}",
        hint
        or "keep PEP 3333's shapes: a status str like '200 OK', headers as a list of (str, str) tuples, "
        "a body that is an iterable of bytes.",
    )


__all__ = ["Response", "call_wsgi"]
