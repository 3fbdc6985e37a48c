"""samples/security/flask_trusted_hosts.py through Flask's test client with other Host headers."""

import pytest

from samples.security.flask_trusted_hosts import app


@pytest.fixture
def client():
    return app.test_client()


@pytest.mark.parametrize("host", ["shop.example.com", "eu.shop.example.com", "shop.example.com:8443"])
def test_listed_hosts_and_subdomains_build_the_link(client, host):
    response = client.get("/password-reset", headers={"Host": host})
    assert response.json == {"link": f"http://{host}/reset/k7Hq2"}


@pytest.mark.parametrize("host", ["evil.example", "shop.example.com.evil.example", "evilshop.example.com"])
def test_other_hosts_are_400(client, host):
    assert client.get("/password-reset", headers={"Host": host}).status_code == 400
