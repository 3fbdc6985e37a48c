"""samples/security/django_allowed_hosts.py: Django's test client with other Host headers."""

import pytest
from django.test import Client, override_settings

from samples.security import django_allowed_hosts


@pytest.fixture(autouse=True)
def urlconf():
    with override_settings(ROOT_URLCONF=django_allowed_hosts.__name__):
        yield


def test_a_listed_host_builds_the_link():
    response = Client().get("/password-reset/", headers={"Host": "localhost"})
    assert response.json() == {"link": "http://localhost/reset/k7Hq2/"}


@pytest.mark.parametrize("host", ["evil.example", "localhost.evil.example", "evil.example:80@localhost"])
def test_any_other_host_is_400(host):
    assert Client().get("/password-reset/", headers={"Host": host}).status_code == 400


def test_x_forwarded_host_is_ignored_unless_use_x_forwarded_host():
    response = Client().get("/password-reset/", headers={"X-Forwarded-Host": "evil.example"})
    assert response.json() == {"link": "http://testserver/reset/k7Hq2/"}
    with override_settings(USE_X_FORWARDED_HOST=True):
        assert Client().get("/password-reset/", headers={"X-Forwarded-Host": "evil.example"}).status_code == 400
