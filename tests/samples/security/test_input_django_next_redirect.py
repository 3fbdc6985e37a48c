"""samples/security/input_django_next_redirect.py: open-redirect payloads through Django's Client."""

import pytest
from django.test import Client, override_settings
from django.utils.http import url_has_allowed_host_and_scheme

from samples.security import input_django_next_redirect

# Each one leaves the site (or runs script) in a browser; url_has_allowed_host_and_scheme refuses all of them.
OPEN_REDIRECT_PAYLOADS = [
    "https://evil.example/",
    "//evil.example",  # scheme-relative: same scheme, another host
    "/\\evil.example",  # browsers read a backslash as a slash: //evil.example
    "\\\\evil.example",
    " //evil.example",  # leading spaces and control characters are stripped by browsers
    "\t//evil.example",
    "/\t/evil.example",  # tabs and newlines are removed anywhere in a URL
    "\x00//evil.example",
    "///evil.example",
    "http:evil.example",  # no slashes, other scheme: the browser fills in //evil.example
    "https:evil.example",
    "javascript:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
    "https://testserver@evil.example/",  # the host is after the @
    "https://testserver.evil.example/",
    "HTTPS://EVIL.EXAMPLE/",
]
SAFE_TARGETS = ["/orders/", "/search/?q=a%2Fb&page=2", "http://testserver/orders/", "//testserver/orders/"]


@pytest.fixture(autouse=True)
def sample_urls():
    with override_settings(ROOT_URLCONF=input_django_next_redirect.__name__):
        yield


@pytest.mark.parametrize("payload", OPEN_REDIRECT_PAYLOADS)
def test_an_off_site_next_falls_back_to_the_home_page(payload):
    for response in (
        Client().get("/after-login/", {"next": payload}),
        Client().post("/after-login/", {"next": payload}),
    ):
        assert response.status_code == 302
        assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", SAFE_TARGETS)
def test_a_next_on_this_site_is_followed(target):
    response = Client().get("/after-login/", {"next": target})
    assert response.headers["Location"] == target


def test_from_an_https_page_an_http_target_is_refused_even_on_this_host():
    response = Client().get("/after-login/", {"next": "http://testserver/orders/"}, secure=True)
    assert response.headers["Location"] == "/"
    response = Client().get("/after-login/", {"next": "https://testserver/orders/"}, secure=True)
    assert response.headers["Location"] == "https://testserver/orders/"


def test_the_comparison_is_exact_so_a_port_or_capitals_make_a_host_unknown():
    # Fail-safe: refused, not allowed. List "example.com:8443" in allowed_hosts if you redirect there.
    assert not url_has_allowed_host_and_scheme("https://testserver:443/", {"testserver"})
    assert not url_has_allowed_host_and_scheme("https://TESTSERVER/", {"testserver"})
    assert not url_has_allowed_host_and_scheme("", {"testserver"})
    assert not url_has_allowed_host_and_scheme(None, {"testserver"})
