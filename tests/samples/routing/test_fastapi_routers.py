"""samples/routing/fastapi_routers.py, driven by FastAPI's TestClient."""

import pytest
from fastapi.testclient import TestClient

from samples.routing.fastapi_routers import app, get_books


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client


def test_the_router_lives_under_both_prefixes_and_builds_its_urls(client):
    response = client.get("/v1/books/")
    assert response.status_code == 200
    assert response.json()[0] == {"id": 1, "url": "http://testserver/v1/books/1"}
    assert app.url_path_for("get_book", book_id=2) == "/v1/books/2"


def test_a_typed_query_parameter_is_validated(client):
    assert [b["id"] for b in client.get("/v1/books/?limit=2").json()] == [1, 2]
    for bad in ("0", "101", "many"):
        response = client.get(f"/v1/books/?limit={bad}")
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "limit"]


def test_a_typed_path_parameter_gives_422_where_flask_and_django_give_404(client):
    assert client.get("/v1/books/1").json() == {"id": 1, "title": "Dune"}
    for bad in ("abc", "0"):
        response = client.get(f"/v1/books/{bad}")
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["path", "book_id"]


def test_an_unknown_book_is_404_from_the_endpoint(client):
    response = client.get("/v1/books/99")
    assert response.status_code == 404
    assert response.json() == {"detail": "no such book"}


def test_redirect_slashes_answers_307(client):
    response = client.get("/v1/books", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "http://testserver/v1/books/"


def test_405_with_allow_and_no_automatic_head_or_options(client):
    for method in ("DELETE", "HEAD", "OPTIONS"):
        response = client.request(method, "/v1/books/1")
        assert response.status_code == 405
        assert response.headers["allow"] == "GET"


def test_the_dependency_can_be_overridden(client):
    app.dependency_overrides[get_books] = lambda: {7: "Middlemarch"}
    try:
        assert client.get("/v1/books/7").json() == {"id": 7, "title": "Middlemarch"}
        assert client.get("/v1/books/1").status_code == 404
    finally:
        app.dependency_overrides.clear()
