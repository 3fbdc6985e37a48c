"""samples/security/django_security_headers.py: the headers Django sends, by default and with the
production settings (applied with override_settings, as a project's settings.py would hold them)."""

import pytest
from django.conf import settings
from django.test import Client, override_settings

from samples.security import django_security_headers
from samples.security.django_security_headers import CSP, PRODUCTION_SETTINGS

DEFAULT_HEADERS = {
    "X-Content-Type-Options": "nosniff",  # SECURE_CONTENT_TYPE_NOSNIFF = True
    "Referrer-Policy": "same-origin",  # SECURE_REFERRER_POLICY
    "Cross-Origin-Opener-Policy": "same-origin",  # SECURE_CROSS_ORIGIN_OPENER_POLICY
    "X-Frame-Options": "DENY",  # X_FRAME_OPTIONS, DENY since Django 3.0
}


@pytest.fixture(autouse=True)
def urlconf():
    with override_settings(ROOT_URLCONF=django_security_headers.__name__):
        yield


def test_the_defaults_of_django_5_2():
    response = Client().get("/")
    assert response.status_code == 200
    assert {name: response.headers.get(name) for name in DEFAULT_HEADERS} == DEFAULT_HEADERS
    assert "Strict-Transport-Security" not in response.headers  # SECURE_HSTS_SECONDS = 0
    assert "Content-Security-Policy" not in response.headers  # nothing built in before Django 6.0


def test_production_redirects_http_to_https():
    with override_settings(**PRODUCTION_SETTINGS):
        response = Client().get("/?page=2")
    assert (response.status_code, response.headers["Location"]) == (301, "https://testserver/?page=2")


def test_production_sends_hsts_over_https():
    with override_settings(**PRODUCTION_SETTINGS):
        response = Client().get("/", secure=True)
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_hsts_is_never_sent_over_plain_http():
    with override_settings(SECURE_HSTS_SECONDS=3600):
        assert "Strict-Transport-Security" not in Client().get("/").headers
        assert Client().get("/", secure=True).headers["Strict-Transport-Security"] == "max-age=3600"


def test_the_proxy_header_decides_what_counts_as_https():
    with override_settings(**PRODUCTION_SETTINGS):
        # Plain http between the proxy and Django; the proxy says the client used https.
        response = Client().get("/", headers={"X-Forwarded-Proto": "https"})
        assert response.status_code == 200 and "Strict-Transport-Security" in response.headers
        # Which is exactly what a client can say too, if the proxy passes its header on unchanged.
        assert Client().get("/", headers={"X-Forwarded-Proto": "http"}).status_code == 301


def test_one_view_may_be_framed_by_the_site_itself():
    response = Client().get("/widget/")
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["Content-Security-Policy"] == "frame-ancestors 'self'"


def test_the_csp_middleware():
    middleware = [*settings.MIDDLEWARE, "samples.security.django_security_headers.content_security_policy"]
    with override_settings(MIDDLEWARE=middleware):
        assert Client().get("/").headers["Content-Security-Policy"] == CSP
        assert Client().get("/widget/").headers["Content-Security-Policy"] == "frame-ancestors 'self'"
        assert Client().get("/nowhere/").headers["Content-Security-Policy"] == CSP  # error pages too
