"""samples/wsgi_asgi/pyramid_hello.py, driven by WebTest."""

import pytest
import webtest

from samples.wsgi_asgi.pyramid_hello import app


@pytest.fixture
def client():
    return webtest.TestApp(app)


def test_root_says_hello(client):
    response = client.get("/", status=200)
    assert response.body == b"Hello, Pyramid!"
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_unknown_path_is_404(client):
    client.get("/nope", status=404)


def test_post_matches_no_view_so_pyramid_answers_404_not_405(client):
    response = client.post("/", status=404)
    assert b"predicate mismatch" in response.body


def test_head_is_accepted_with_get():  # Pyramid adds HEAD to a request_method="GET" view
    response = webtest.TestApp(app).head("/", status=200)
    assert response.body == b""
