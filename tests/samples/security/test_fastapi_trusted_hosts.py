"""samples/security/fastapi_trusted_hosts.py through FastAPI's TestClient with other Host headers."""

import pytest
from fastapi.testclient import TestClient

from samples.security.fastapi_trusted_hosts import app


@pytest.fixture
def client():
    with TestClient(app, base_url="http://shop.example.com") as client:
        yield client


@pytest.mark.parametrize("host", ["shop.example.com", "eu.shop.example.com"])
def test_listed_hosts_and_subdomains_build_the_link(client, host):
    response = client.get("/password-reset", headers={"Host": host})
    assert response.json() == {"link": f"http://{host}/reset/k7Hq2"}


@pytest.mark.parametrize("host", ["evil.example", "shop.example.com.evil.example", "evilshop.example.com"])
def test_other_hosts_are_400(client, host):
    response = client.get("/password-reset", headers={"Host": host})
    assert (response.status_code, response.text) == (400, "Invalid host header")
