"""samples/security/flask_security_headers.py through Flask's test client, over http and https."""

import pytest

from samples.security.flask_security_headers import HSTS, SECURITY_HEADERS, app


@pytest.fixture
def client():
    return app.test_client()


def sent(response):
    return {name: response.headers.get(name) for name in SECURITY_HEADERS}


def test_every_response_gets_the_headers_but_hsts_only_over_https(client):
    plain = client.get("/")
    assert sent(plain) == SECURITY_HEADERS
    assert "Strict-Transport-Security" not in plain.headers
    assert client.get("/", base_url="https://shop.example.com").headers["Strict-Transport-Security"] == HSTS


def test_error_responses_get_them_too(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert sent(response) == SECURITY_HEADERS


def test_proxyfix_trusts_the_proxy_s_x_forwarded_proto(client):
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert response.headers["Strict-Transport-Security"] == HSTS


def test_the_session_cookie_settings():
    assert (app.config["SESSION_COOKIE_SECURE"], app.config["SESSION_COOKIE_SAMESITE"]) == (True, "Lax")
