"""samples/wsgi_asgi/flask_hello.py, driven by Flask's test client, then as a bare WSGI app."""

import pytest
import webtest

from samples.wsgi_asgi.flask_hello import app


@pytest.fixture
def client():
    return app.test_client()


def test_root_says_hello(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.data == b"Hello, Flask!"
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"  # Flask's default for a str
    assert response.headers["Content-Length"] == "13"


def test_unknown_path_is_404(client):
    assert client.get("/nope").status_code == 404


def test_post_is_405_and_says_what_is_allowed(client):
    response = client.post("/")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_the_app_is_a_plain_wsgi_callable():
    response = webtest.TestApp(app).get("/", status=200)
    assert response.body == b"Hello, Flask!"
