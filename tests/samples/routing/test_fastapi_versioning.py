"""samples/routing/fastapi_versioning.py, driven by FastAPI's TestClient, then as a bare ASGI app."""

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from samples.routing.fastapi_versioning import app
from tests.support.asyncio_thread import run


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client


def test_the_version_in_the_path(client):
    assert client.get("/v1/books/1").json() == {"id": 1, "author": "Frank Herbert"}
    assert client.get("/v2/books/1").json() == {"id": 1, "authors": ["Frank Herbert"]}
    assert "vary" not in client.get("/v2/books/1").headers  # the URL alone decides


def test_the_version_in_a_header_with_the_oldest_as_default(client):
    assert client.get("/books/1").json() == {"id": 1, "author": "Frank Herbert"}
    response = client.get("/books/1", headers={"API-Version": "2"})
    assert response.json() == {"id": 1, "authors": ["Frank Herbert"]}
    assert response.headers["vary"] == "API-Version"


def test_the_path_wins_over_the_header(client):
    assert client.get("/v2/books/1", headers={"API-Version": "1"}).json()["authors"] == ["Frank Herbert"]


def test_an_unknown_version_is_400(client):
    response = client.get("/books/1", headers={"API-Version": "9"})
    assert response.status_code == 400
    assert response.json() == {"detail": "unknown API-Version"}


def test_validation_still_happens_after_the_rewrite(client):
    response = client.get("/books/abc", headers={"API-Version": "2"})
    assert response.status_code == 422
    assert response.headers["vary"] == "API-Version"


def test_the_middleware_is_plain_asgi():
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get("/books/2", headers={"API-Version": "2"})

    response = run(go())
    assert response.json() == {"id": 2, "authors": ["Frank Herbert"]}


def test_the_header_works_under_a_mount_prefix():
    """Behind a proxy that serves the API under /api, ASGI's path is /api/books/1, root_path /api."""

    async def go():
        transport = httpx.ASGITransport(app=app, root_path="/api")
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return (
                await client.get("/api/books/1", headers={"API-Version": "2"}),
                await client.get("/api/v1/books/1"),
            )

    by_header, by_path = run(go())
    assert (by_header.status_code, by_header.json()) == (200, {"id": 1, "authors": ["Frank Herbert"]})
    assert by_path.json() == {"id": 1, "author": "Frank Herbert"}
