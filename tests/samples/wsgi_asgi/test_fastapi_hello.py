"""samples/wsgi_asgi/fastapi_hello.py, driven by FastAPI's TestClient, then as a bare ASGI app."""

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from samples.wsgi_asgi.fastapi_hello import app
from tests.support.asyncio_thread import run


@pytest.fixture
def client():
    with TestClient(app) as client:  # `with` also runs the app's lifespan, as a server would
        yield client


def test_root_returns_json(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"message": "Hello, FastAPI!"}


def test_unknown_path_is_404(client):
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_post_is_405_and_says_what_is_allowed(client):
    response = client.post("/")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"


def test_the_app_is_a_plain_asgi_callable():
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get("/")

    response = run(go())
    assert response.json() == {"message": "Hello, FastAPI!"}
