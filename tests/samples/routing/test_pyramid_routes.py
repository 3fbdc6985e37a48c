"""samples/routing/pyramid_routes.py, driven by WebTest."""

import pytest
import webtest

from samples.routing.pyramid_routes import app


@pytest.fixture
def client():
    return webtest.TestApp(app)


def test_the_list_uses_generated_urls(client):
    response = client.get("/books/", status=200)
    assert response.content_type == "application/json"
    assert response.json == {"books": ["/books/1", "/books/2"]}


def test_a_book_as_json_by_default(client):
    for accept in (None, "*/*", "application/json"):
        response = client.get("/books/1", headers={"Accept": accept} if accept else {}, status=200)
        assert response.json == {"id": 1, "title": "Dune"}


def test_a_book_as_text_when_asked(client):
    response = client.get("/books/1", headers={"Accept": "text/plain"}, status=200)
    assert (response.content_type, response.text) == ("text/plain", "Dune")
    response = client.get("/books/1", headers={"Accept": "application/json;q=0.5, text/plain"}, status=200)
    assert response.content_type == "text/plain"


def test_no_acceptable_view_is_404_not_406(client):
    client.get("/books/1", headers={"Accept": "image/png"}, status=404)


def test_unknown_ids_and_non_numbers_are_404(client):
    client.get("/books/99", status=404)  # the view raised HTTPNotFound
    client.get("/books/abc", status=404)  # the {book_id:\d+} pattern refused it


def test_other_methods_get_405_from_the_explicit_view(client):
    response = client.delete("/books/1", status=405)
    assert response.headers["Allow"] == "GET, HEAD"
    client.head("/books/1", status=200)  # request_method="GET" lets HEAD through too


def test_a_route_without_such_a_view_answers_404_for_other_methods(client):
    response = client.delete("/books/", status=404)
    assert b"predicate mismatch" in response.body


def test_append_slash_redirects_with_307_which_keeps_the_method(client):
    for method in ("get", "post"):
        response = getattr(client, method)("/books", status=307)
        assert response.headers["Location"] == "http://localhost/books/"
