"""samples/security/fastapi_security_headers.py through FastAPI's TestClient, over http and https."""

import pytest
from fastapi.testclient import TestClient

from samples.security.fastapi_security_headers import HSTS, SECURITY_HEADERS, app


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client


def sent(response):
    return {name: response.headers.get(name) for name in SECURITY_HEADERS}


def test_every_response_gets_the_headers_but_hsts_only_over_https(client):
    plain = client.get("/")
    assert sent(plain) == SECURITY_HEADERS
    assert "strict-transport-security" not in plain.headers
    assert client.get("https://testserver/").headers["strict-transport-security"] == HSTS


def test_error_responses_get_them_too(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert sent(response) == SECURITY_HEADERS
