"""Drive an ASGI application without an event loop, and check the messages it sends.

The browser's Python already runs an event loop, so `asyncio.run()` fails there. An app that
awaits only `receive` and `send` never really suspends: stepping its coroutine with
`send(None)` until it returns runs it to the end, in the browser and in CPython alike.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from urllib.parse import quote

from course_helpers.feedback import learner_line, message_of


class BrokenRule(AssertionError):
    """A check of these helpers failed (the learner's own exceptions are wrapped, not this)."""


@dataclass
class Response:
    """What an ASGI app sent for one request: the status (an int), the headers (a list of
    (bytes, bytes) pairs, as the app sent them), the whole body, and every message it sent."""

    status: int
    headers: list
    body: bytes
    messages: list = field(repr=False)

    def header(self, name: str):
        """The value of the first header called `name` (compared without case), as bytes, or None."""
        wanted = name.lower().encode("latin-1")
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    @property
    def text(self) -> str:
        """The body decoded as UTF-8."""
        return self.body.decode("utf-8")


def run_coroutine(coroutine, what="the app"):
    """Run a coroutine that never waits on anything real; return its result.

    One `send(None)` runs it to its end. If it suspends instead, it awaited something outside
    these helpers (a sleep, a task), which nothing here will ever complete."""
    try:
        awaited = coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise BrokenRule(
        f"{what} awaited {awaited!r}, which these checks cannot wait for. "
        "Hint: await only receive() and send() (no asyncio.sleep, no tasks)."
    )


def call_asgi(app, method="GET", path="/", query=b"", body=b"", headers=None, root_path="", advice="") -> Response:
    """Send one HTTP request to `app`; return the Response it sent.

    `path` is the whole path, as ASGI defines it: under a mount prefix given as `root_path`
    ("/shop"), it starts with that prefix ("/shop/items/7"). Broken rules and exceptions of the
    app raise AssertionError (BrokenRule) with a hint; `advice` is added to that hint."""
    if not path.startswith(root_path):
        raise ValueError(f"path {path!r} must start with root_path {root_path!r}: in ASGI, path includes it")
    try:
        return _call_asgi(app, method, path, query, body, headers, root_path)
    except BrokenRule as broken:
        if advice:  # the exercise's own advice, after the helper's hint
            broken.args = (f"{broken.args[0]} {advice}",)
        raise


def _call_asgi(app, method, path, query, body, headers, root_path) -> Response:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": quote(path, safe="/:@!$&'()*+,;=~").encode("ascii"),  # as sent: percent-escapes kept
        "query_string": query,
        "root_path": root_path,
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    incoming = [{"type": "http.request", "body": body, "more_body": False}]
    sent = []
    request = f"{method} {path}"

    async def receive():
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message):
        _check_http_message(message, sent, request)
        sent.append(message)

    try:
        running = app(scope, receive, send)
        if not inspect.isawaitable(running):
            raise BrokenRule(
                f"Calling your app for {request} returned {running!r}, not a coroutine. "
                "Hint: an ASGI app is a coroutine function: `async def app(scope, receive, send):`."
            )
        run_coroutine(running, f"Your app, handling {request},")
    except BrokenRule:
        raise
    except Exception as error:  # noqa: BLE001 - the learner's app may raise anything
        raise BrokenRule(
            f"Your app raised {type(error).__name__}: {message_of(error)} while handling {request}.\n"
            f"Hint: the line that raised it is {learner_line(error)}"
        ) from None
    if not sent:
        raise BrokenRule(
            f"Your app sent nothing for {request}. Hint: await send() with 'http.response.start', then 'http.response.body'."
        )
    if sent[-1]["type"] != "http.response.body" or sent[-1].get("more_body", False):
        raise BrokenRule(
            f"Your app never finished its response to {request}. "
            "Hint: after 'http.response.start', send an 'http.response.body' message (more_body False or absent)."
        )
    start = sent[0]
    body_out = b"".join(m.get("body", b"") for m in sent[1:])
    return Response(start["status"], list(start.get("headers", [])), body_out, sent)


def _check_http_message(message, sent, request):
    if not isinstance(message, dict) or "type" not in message:
        raise BrokenRule(
            f"Your app sent {message!r} for {request}; every ASGI message is a dict with a 'type' key. "
            "Hint: await send({'type': 'http.response.start', 'status': 200, 'headers': [...]})."
        )
    kind = message["type"]
    if not sent:
        if kind != "http.response.start":
            raise BrokenRule(
                f"Your app's first message for {request} was {kind!r}; it must be 'http.response.start'. "
                "Hint: send the status and headers first, then the body."
            )
        status = message.get("status")
        if not isinstance(status, int) or isinstance(status, bool):
            raise BrokenRule(
                f"In ASGI the status must be an int, but your app sent {status!r} for {request}. "
                "Hint: 'status': 200 (the reason phrase is WSGI's business, not ASGI's)."
            )
        for pair in message.get("headers", []):
            if len(pair) != 2 or not all(isinstance(part, bytes) for part in pair):
                raise BrokenRule(
                    f"ASGI header names and values must be bytes, but your app sent {pair!r} for {request}. "
                    "Hint: (b'content-type', b'text/plain; charset=utf-8')."
                )
    elif kind != "http.response.body":
        raise BrokenRule(
            f"After 'http.response.start', your app sent {kind!r} for {request}; only 'http.response.body' may follow. "
            "Hint: send 'http.response.start' once, then the body in one or more 'http.response.body' messages."
        )
    elif not isinstance(message.get("body", b""), bytes):
        raise BrokenRule(
            f"The body your app sent for {request} is {type(message['body']).__name__}; it must be bytes. Hint: encode it."
        )


def run_lifespan(app) -> list:
    """Play a server's start-up and shut-down against `app`; return the messages it sent."""
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent = []

    async def receive():
        if not incoming:
            raise BrokenRule(
                "Your app called receive() after 'lifespan.shutdown'. "
                "Hint: return from the app once it has sent 'lifespan.shutdown.complete'."
            )
        return incoming.pop(0)

    async def send(message):
        sent.append(message.get("type") if isinstance(message, dict) else message)

    scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}, "state": {}}
    try:
        run_coroutine(app(scope, receive, send), "Your app, during lifespan,")
    except BrokenRule:
        raise
    except Exception as error:  # noqa: BLE001
        raise BrokenRule(
            f"Your app raised {type(error).__name__}: {error} for a 'lifespan' scope. "
            "Hint: answer 'lifespan.startup' with 'lifespan.startup.complete' and 'lifespan.shutdown' with 'lifespan.shutdown.complete'."
        ) from None
    return sent


__all__ = ["BrokenRule", "Response", "call_asgi", "run_coroutine", "run_lifespan"]
