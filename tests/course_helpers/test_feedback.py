"""course_helpers turn a learner's broken app into a message that says what broke and how to fix it."""

from __future__ import annotations

import asyncio

import pytest

from course_helpers.asgi import BrokenRule, call_asgi, run_lifespan
from course_helpers.wsgi import call_wsgi
from courseware.exercise import PROJECT_ROOT
from tests.support.messages import HINT, lacking_hints

HELPERS = sorted((PROJECT_ROOT / "course_helpers").glob("*.py"))


@pytest.mark.parametrize("module", HELPERS, ids=[path.name for path in HELPERS])
def test_every_failure_the_helpers_raise_carries_a_hint(module):
    lacking = [f"{module.name}:{line}: {missing}" for line, missing in lacking_hints(module.read_text())]
    assert not lacking, f"failures a learner would meet without a {HINT!r}:\n" + "\n".join(lacking)


def wsgi_raising(environ, start_response):
    return [{}["missing"]]  # the learner's mistake: a KeyError on this line


def wsgi_str_body(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return ["not bytes"]


async def asgi_raising(scope, receive, send):
    raise ValueError("boom")


async def asgi_body_first(scope, receive, send):
    await send({"type": "http.response.body", "body": b"hi"})


async def asgi_sleeping(scope, receive, send):
    await asyncio.sleep(0)


async def asgi_lifespan_reading_on(scope, receive, send):
    while True:
        message = await receive()
        await send({"type": message["type"] + ".complete"})


@pytest.mark.parametrize(
    ("call", "said"),
    [
        (lambda: call_wsgi(wsgi_raising), ["KeyError", "line", '{}["missing"]']),
        (lambda: call_wsgi(wsgi_str_body), ["broke a WSGI rule", "iterable of bytes"]),
        (lambda: call_asgi(asgi_raising), ["ValueError: boom", 'raise ValueError("boom")']),
        (lambda: call_asgi(asgi_body_first), ["'http.response.body'", "status and headers first"]),
        (lambda: call_asgi(asgi_sleeping), ["awaited None", "await only receive() and send()"]),
        (lambda: run_lifespan(asgi_lifespan_reading_on), ["after 'lifespan.shutdown'", "lifespan.shutdown.complete"]),
    ],
    ids=["wsgi-raises", "wsgi-str-body", "asgi-raises", "asgi-body-first", "asgi-sleeps", "lifespan-reads-on"],
)
def test_a_broken_app_gets_what_broke_and_a_hint(call, said):
    with pytest.raises(AssertionError) as failure:
        call()
    message = str(failure.value)
    assert HINT in message, f"no hint in {message!r}"
    missing = [text for text in said if text not in message]
    assert not missing, f"{missing} not in {message!r}"


def test_the_helpers_own_failures_are_broken_rules_not_crashes():
    with pytest.raises(BrokenRule):
        call_asgi(asgi_body_first)
