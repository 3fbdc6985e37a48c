"""samples/routing/wsgi_trailing_slash.py, wrapped around a small Flask app and driven by WebTest."""

import pytest
import webtest
from flask import Flask, request

from samples.routing.wsgi_trailing_slash import RemoveTrailingSlash


def make_app():
    app = Flask(__name__)

    @app.route("/books", methods=["GET", "POST"])
    def books():
        return f"{request.method} books {request.get_data(as_text=True)}".strip()

    @app.get("/")
    def home():
        return "home"

    app.wsgi_app = RemoveTrailingSlash(app.wsgi_app)  # Flask's way to add WSGI middleware: `app` stays a Flask
    return app


@pytest.fixture
def client():
    return webtest.TestApp(make_app())  # WebTest's lint also checks the middleware's own WSGI calls


def test_canonical_paths_pass_through(client):
    assert client.get("/books").text == "GET books"
    assert client.get("/").text == "home"


def test_a_trailing_slash_is_redirected_with_308_and_the_query_kept(client):
    response = client.get("/books/?page=2", status=308)
    assert response.headers["Location"] == "/books?page=2"
    assert response.body == b""


def test_a_post_is_redirected_with_308_so_the_client_repeats_the_post(client):
    response = client.post("/books/", "title=Emma", status=308)
    # 308 tells the client to repeat the same method with the same body at the new URL:
    assert client.post(response.headers["Location"], "title=Emma").text == "POST books title=Emma"


def test_leading_slashes_cannot_turn_the_redirect_into_another_host(client):
    assert client.get("//evil.example/", status=308).headers["Location"] == "/evil.example"


def test_non_ascii_paths_are_percent_encoded_again(client):
    assert client.get("/caf%C3%A9/", status=308).headers["Location"] == "/caf%C3%A9"


def test_the_mount_point_is_kept():
    client = webtest.TestApp(make_app(), extra_environ={"SCRIPT_NAME": "/shop"})
    assert client.get("/books/", status=308).headers["Location"] == "/shop/books"
