"""samples/wsgi_asgi/plain_asgi_app.py, driven through HTTPX's ASGI transport and by hand (lifespan)."""

import asyncio

import httpx2 as httpx
import pytest

from samples.wsgi_asgi.plain_asgi_app import application
from tests.support.asyncio_thread import run


def request(method: str, path: str, root_path: str = "") -> httpx.Response:
    async def go():
        transport = httpx.ASGITransport(app=application, root_path=root_path)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.request(method, path)

    return run(go())


def test_root_says_hello_in_utf8_with_its_length_in_bytes():
    response = request("GET", "/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.content == "Hello, ASGI! ✓".encode("utf-8")
    assert response.headers["content-length"] == "16"


def test_unknown_path_is_404():
    response = request("GET", "/nope")
    assert response.status_code == 404
    assert response.content == b"Not found"


def test_other_methods_are_405_and_say_what_is_allowed():
    response = request("DELETE", "/")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"


def test_lifespan_start_up_and_shut_down_are_acknowledged():
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent = []

    async def receive():
        return incoming.pop(0)

    async def send(message):
        sent.append(message["type"])

    run(asyncio.wait_for(application({"type": "lifespan"}, receive, send), timeout=5))
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert incoming == []


def test_a_scope_it_does_not_handle_is_refused_loudly():
    async def never(*args):
        raise AssertionError("the app should not talk to the server for a websocket scope")

    with pytest.raises(RuntimeError, match="websocket"):
        run(application({"type": "websocket", "path": "/"}, never, never))


@pytest.mark.parametrize("path", ["/shop", "/shop/"])
def test_mounted_under_a_prefix_its_root_is_the_prefix(path):
    """ASGI's path includes root_path: mounted at /shop, the app's "/" arrives as /shop/."""
    response = request("GET", path, root_path="/shop")
    assert (response.status_code, response.content) == (200, "Hello, ASGI! ✓".encode("utf-8"))
    assert request("GET", "/shop/nope", root_path="/shop").status_code == 404
