"""samples/routing/flask_blueprints.py, driven by Flask's test client on a fresh app per test."""

import pytest
from flask import url_for

from samples.routing.flask_blueprints import create_app


@pytest.fixture
def app():
    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


def test_the_blueprint_lives_under_its_prefix(client):
    response = client.get("/api/v1/books/")
    assert response.status_code == 200
    assert response.get_json() == {"books": ["/api/v1/books/1", "/api/v1/books/2"]}


def test_endpoints_are_named_after_the_blueprint(app):
    with app.test_request_context():
        assert url_for("books.detail", book_id=2) == "/api/v1/books/2"
        assert url_for("books.detail", book_id=2, _external=True) == "http://localhost/api/v1/books/2"
        assert url_for("books.book_list", page=3) == "/api/v1/books/?page=3"  # unknown arguments: query string


def test_the_int_converter(client):
    assert client.get("/api/v1/books/1").get_json() == {"id": 1, "title": "Dune"}
    assert client.get("/api/v1/books/99").status_code == 404  # matched, then abort(404)
    assert client.get("/api/v1/books/abc").status_code == 404  # no rule matched
    assert client.get("/api/v1/books/-1").status_code == 404  # int refuses negatives unless signed=True


def test_a_missing_trailing_slash_is_redirected_with_308(client):
    response = client.get("/api/v1/books")
    assert response.status_code == 308
    assert response.headers["Location"] == "http://localhost/api/v1/books/"
    assert client.get("/api/v1/books/1/").status_code == 404  # no slash in the rule: no redirect either


def test_methods_405_head_and_options(client):
    response = client.delete("/api/v1/books/1")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    head = client.head("/api/v1/books/1")
    assert (head.status_code, head.data) == (200, b"")
    assert head.headers["Content-Length"] == client.get("/api/v1/books/1").headers["Content-Length"]
    options = client.options("/api/v1/books/1")
    assert options.status_code == 200
    assert set(options.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_the_old_url_redirects_to_the_new_one(client):
    response = client.get("/book/2")
    assert response.status_code == 308
    assert response.headers["Location"] == "/api/v1/books/2"
    assert client.get("/book/2", follow_redirects=True).get_json() == {"id": 2, "title": "Beloved"}


def test_each_call_of_the_factory_builds_a_separate_app():
    first, second = create_app(), create_app({"TESTING": True})
    assert first is not second
    assert (first.testing, second.testing) == (False, True)
