"""A small Pyramid app, a unit test of its view with pyramid.testing, and functional tests with WebTest."""

import pytest
import webtest
from pyramid import testing
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPNotFound


def book(request):
    books = request.registry.settings["books"]
    book_id = int(request.matchdict["book_id"])
    if book_id not in books:
        raise HTTPNotFound()
    return {"id": book_id, "title": books[book_id]}


def main(global_config=None, **settings):
    """The WSGI app, built from its settings: what `pserve` calls, and what the tests call."""
    with Configurator(settings=settings) as config:
        config.add_route("book", r"/books/{book_id:\d+}")
        config.add_view(book, route_name="book", request_method="GET", renderer="json")
    return config.make_wsgi_app()


# --- the tests ---


@pytest.fixture
def config():
    config = testing.setUp(settings={"books": {1: "Dune"}})  # a registry of its own for this test
    yield config
    testing.tearDown()


def test_the_view_alone(config):
    request = testing.DummyRequest(matchdict={"book_id": "1"})
    assert book(request) == {"id": 1, "title": "Dune"}  # the view's return value, before the renderer
    with pytest.raises(HTTPNotFound):
        book(testing.DummyRequest(matchdict={"book_id": "2"}))


@pytest.fixture
def app():
    return webtest.TestApp(main(books={1: "Dune", 2: "Beloved"}))


def test_a_book_as_json(app):
    response = app.get("/books/2")  # WebTest fails the test on any status other than 2xx or 3xx
    assert response.json == {"id": 2, "title": "Beloved"}


def test_an_unknown_book_and_a_bad_id_are_404(app):
    app.get("/books/3", status=404)  # say which status you expect, and WebTest checks it
    app.get("/books/abc", status=404)
