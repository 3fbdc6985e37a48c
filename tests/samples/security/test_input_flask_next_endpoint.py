"""samples/security/input_flask_next_endpoint.py: whatever ?next= says, Location is a URL the app built."""

import pytest

from samples.security.input_flask_next_endpoint import create_app

PAYLOADS = [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "/orders",
    "ORDERS",
    "",
]


@pytest.fixture
def client():
    return create_app().test_client()


@pytest.mark.parametrize("name", ["orders", "cart", "profile"])
def test_a_known_name_goes_to_its_page(client, name):
    response = client.get("/after-login", query_string={"next": name})
    assert (response.status_code, response.headers["Location"]) == (302, f"/{name}")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_anything_else_goes_to_the_default_page(client, payload):
    assert client.get("/after-login", query_string={"next": payload}).headers["Location"] == "/orders"


def test_without_next_too(client):
    assert client.get("/after-login").headers["Location"] == "/orders"
