"""samples/wsgi_asgi/plain_wsgi_app.py, driven by WebTest (which also runs its WSGI lint on every call)."""

import pytest
import webtest

from samples.wsgi_asgi.plain_wsgi_app import application


@pytest.fixture
def client():
    return webtest.TestApp(application, lint=True)


def test_root_says_hello_in_utf8_with_its_length_in_bytes(client):
    response = client.get("/", status=200)
    assert response.status == "200 OK"
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.body == "Hello, WSGI! ✓".encode("utf-8")
    assert response.headers["Content-Length"] == "16"  # 14 characters, 16 bytes
    assert len(response.body.decode("utf-8")) == 14


def test_unknown_path_is_404(client):
    response = client.get("/nope", status=404)
    assert response.status == "404 Not Found"
    assert response.body == b"Not found"
    assert response.headers["Content-Length"] == str(len(response.body))


def test_other_methods_are_405_and_say_what_is_allowed(client):
    response = client.post("/", b"x=1", status=405)
    assert response.status == "405 Method Not Allowed"
    assert response.headers["Allow"] == "GET"
    assert response.headers["Content-Length"] == str(len(response.body))


def test_called_by_hand_like_a_server_would():
    calls = []
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": ""}  # "" is the root, as PEP 3333 allows
    body = b"".join(application(environ, lambda status, headers: calls.append((status, headers))))
    [(status, headers)] = calls
    assert status == "200 OK"
    assert all(isinstance(name, str) and isinstance(value, str) for name, value in headers)
    assert body == "Hello, WSGI! ✓".encode("utf-8")
