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
        (lambda: call_wsgi(wsgi_str_body), ["broke a WSGI rule", "every item of the body is bytes"]),
        (lambda: call_asgi(asgi_raising), ["ValueError: boom", 'raise ValueError("boom")']),
        (lambda: call_asgi(asgi_body_first), ["'http.response.body'", "status and headers first"]),
        (lambda: call_asgi(asgi_sleeping), ["awaited None", "await only receive() and send()"]),
        (lambda: run_lifespan(asgi_lifespan_reading_on), ["after 'lifespan.shutdown'", "lifespan.shutdown.complete"]),
        (lambda: call_asgi(asgi_silent), ["sent nothing", "http.response.start"]),
        (lambda: call_asgi(asgi_unfinished), ["never finished", "more_body"]),
        (lambda: call_asgi(asgi_str_status), ["must be an int", "'status': 200"]),
        (lambda: call_asgi(asgi_str_headers), ["must be bytes", "(b'content-type'"]),
        (lambda: call_asgi(asgi_not_a_dict), ["a dict with a 'type' key"]),
        (lambda: call_asgi(asgi_start_twice), ["only 'http.response.body' may follow"]),
        (lambda: call_asgi(asgi_str_body), ["it must be bytes", "encode it"]),
        (lambda: run_lifespan(asgi_lifespan_raises), ["RuntimeError: no lifespan here", "lifespan.startup.complete"]),
        (lambda: call_wsgi(wsgi_no_start), ["start_response"]),
        (lambda: call_wsgi(wsgi_reads_all, method="POST", body=b"x"), ["without a size", "CONTENT_LENGTH"]),
        (lambda: call_wsgi(wsgi_asserts), ["raised AssertionError: my own check", "line"]),
    ],
    ids=[
        "wsgi-raises",
        "wsgi-str-body",
        "asgi-raises",
        "asgi-body-first",
        "asgi-sleeps",
        "lifespan-reads-on",
        "asgi-silent",
        "asgi-unfinished",
        "asgi-str-status",
        "asgi-str-headers",
        "asgi-not-a-dict",
        "asgi-start-twice",
        "asgi-str-body",
        "lifespan-raises",
        "wsgi-no-start",
        "wsgi-reads-all",
        "wsgi-asserts",
    ],
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


async def asgi_hello(scope, receive, send):
    request = await receive()
    await send({"type": "http.response.start", "status": 201, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"got " + request["body"], "more_body": True})
    await send({"type": "http.response.body", "body": b"!"})


def wsgi_hello(environ, start_response):
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    start_response("200 OK", [("Content-Type", "text/plain"), ("X-Method", environ["REQUEST_METHOD"])])
    return [b"got " + body]


def test_a_working_asgi_app_gives_its_whole_response():
    response = call_asgi(asgi_hello, method="POST", path="/x", body=b"data", headers={"X-A": "1"})
    assert (response.status, response.body, response.text) == (201, b"got data!", "got data!")
    assert response.header("Content-Type") == b"text/plain" and response.header("x-missing") is None
    assert len(response.messages) == 3


def test_a_working_wsgi_app_gives_its_whole_response():
    response = call_wsgi(wsgi_hello, method="PUT", path="/x", body=b"data", headers={"X-A": "1"})
    assert (response.status_code, response.text, response.header("x-method")) == (200, "got data", "PUT")
    assert response.header("X-Missing") is None


async def asgi_silent(scope, receive, send):
    return None


async def asgi_unfinished(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": []})


async def asgi_str_status(scope, receive, send):
    await send({"type": "http.response.start", "status": "200 OK", "headers": []})


async def asgi_str_headers(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": [("content-type", "text/plain")]})


async def asgi_not_a_dict(scope, receive, send):
    await send("http.response.start")


async def asgi_start_twice(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.start", "status": 200, "headers": []})


async def asgi_str_body(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": "text"})


async def asgi_lifespan_raises(scope, receive, send):
    raise RuntimeError("no lifespan here")


def wsgi_no_start(environ, start_response):
    return [b""]


def wsgi_reads_all(environ, start_response):
    environ["wsgi.input"].read()
    start_response("200 OK", [])
    return [b""]


def wsgi_asserts(environ, start_response):
    assert environ["PATH_INFO"] == "/nowhere", "my own check"


def wsgi_with_status(status, headers):
    def app(environ, start_response):
        start_response(status, headers)
        return [b""]

    return app


@pytest.mark.parametrize(
    ("status", "headers", "hint"),
    [
        ("204 No Content", [("Content-Type", "text/plain")], "a 204 or 304 response has no body"),
        ("200 OK", [], "a response that can have a body declares its type"),
        ("200 OK", [("Content-Type", "text/plain"), ("Content-Length", 0)], "str(len(body)), not len(body)"),
        ("200 OK", [["Content-Type", "text/plain"]], "each header is a tuple of two str"),
        ("200 OK", [("Content-Type", "text/plain\r\nSet-Cookie: a=b")], "response splitting"),
        ("20 OK", [("Content-Type", "text/plain")], "three-digit code"),
    ],
    ids=["type-on-204", "no-type", "int-value", "list-header", "newline-in-value", "short-status"],
)
def test_each_wsgi_rule_gets_its_own_hint(status, headers, hint):
    with pytest.raises(AssertionError) as failure:
        call_wsgi(wsgi_with_status(status, headers))
    assert hint in str(failure.value).split("Hint:", 1)[1], str(failure.value)


def test_an_exercise_adds_its_own_advice_to_a_helper_failure():
    with pytest.raises(AssertionError, match="Hint: .*a 204 .* Remember the empty body."):
        call_wsgi(wsgi_with_status("204 No Content", [("Content-Type", "x")]), advice="Remember the empty body.")
    with pytest.raises(AssertionError, match="Hint: .* Send both messages."):
        call_asgi(asgi_silent, advice="Send both messages.")


def test_a_wsgi_request_may_come_without_a_query_string_and_under_a_prefix():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [repr(("QUERY_STRING" in environ, environ["SCRIPT_NAME"])).encode()]

    assert call_wsgi(app, query=None, script_name="/shop").body == b"(False, '/shop')"


async def asgi_echo_paths(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": f"{scope['root_path']}|{scope['path']}".encode()})


def test_asgi_path_includes_the_root_path():
    assert call_asgi(asgi_echo_paths, path="/shop/items", root_path="/shop").body == b"/shop|/shop/items"
    with pytest.raises(ValueError, match="must start with root_path"):
        call_asgi(asgi_echo_paths, path="/items", root_path="/shop")


def test_a_sync_function_given_as_an_asgi_app_is_told_to_be_async():
    def not_async(scope, receive, send):
        return None

    with pytest.raises(AssertionError, match="async def app"):
        call_asgi(not_async)


@pytest.mark.parametrize("length", ["abc", "-1", "+2", "1.5"])
def test_a_malformed_content_length_reaches_the_app_as_sent(length):
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [environ["CONTENT_LENGTH"].encode()]

    assert call_wsgi(app, method="POST", body=b"x", content_length=length).body == length.encode()


def test_an_absent_query_string_is_not_warned_about(recwarn):
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b""]

    call_wsgi(app, query=None)
    assert not [w for w in recwarn if "QUERY_STRING" in str(w.message)]


async def asgi_echo_raw_path(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": scope["raw_path"]})


def test_asgi_raw_path_keeps_the_percent_escapes_a_client_sends():
    assert call_asgi(asgi_echo_raw_path, path="/café/a b").body == b"/caf%C3%A9/a%20b"
