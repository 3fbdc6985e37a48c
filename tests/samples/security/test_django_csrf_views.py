"""samples/security/django_csrf_views.py with Client(enforce_csrf_checks=True): the checks a browser's
request goes through, and the reason Django logs for each refusal."""

import logging
import re

import pytest
from django.test import Client, override_settings

from samples.security import django_csrf_views


@pytest.fixture(autouse=True)
def urlconf():
    with override_settings(ROOT_URLCONF=django_csrf_views.__name__):
        yield


@pytest.fixture
def rejections(caplog):
    caplog.set_level(logging.WARNING, logger="django.security.csrf")
    return caplog


def browser_with_form(**extra):
    """A client that loaded the form, as a browser does: it holds the csrftoken cookie and the page's token."""
    client = Client(enforce_csrf_checks=True)
    page = client.get("/account/email/", **extra)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert "csrftoken" in client.cookies
    return client, token


def test_a_post_without_the_token_is_403(rejections):
    client, _ = browser_with_form()
    assert client.post("/account/email/", {"email": "eve@evil.example"}).status_code == 403
    assert "CSRF token missing" in rejections.text


def test_the_form_s_token_lets_the_post_through():
    client, token = browser_with_form()
    response = client.post("/account/email/", {"email": "ada@example.com", "csrfmiddlewaretoken": token})
    assert (response.status_code, response.content) == (200, b"E-mail changed to ada@example.com.")


def test_javascript_sends_the_token_in_a_header():
    client, token = browser_with_form()
    response = client.post("/account/email/", {"email": "ada@example.com"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_the_token_changes_on_each_page_but_the_secret_behind_it_does_not():
    client, first = browser_with_form()
    second = client.get("/account/email/").content.decode()
    assert first not in second  # masked anew each time (against the BREACH attack on compressed pages)
    assert client.post("/account/email/", {"email": "a@example.com", "csrfmiddlewaretoken": first}).status_code == 200


def test_a_token_without_its_cookie_is_refused(rejections):
    _, token = browser_with_form()
    attacker = Client(enforce_csrf_checks=True)  # another browser: the victim's cookie is not there
    assert (
        attacker.post("/account/email/", {"email": "e@evil.example", "csrfmiddlewaretoken": token}).status_code == 403
    )
    assert "CSRF cookie not set" in rejections.text


def test_a_foreign_origin_is_refused_even_with_a_valid_token(rejections):
    client, token = browser_with_form()
    data = {"email": "e@evil.example", "csrfmiddlewaretoken": token}
    assert client.post("/account/email/", data, headers={"Origin": "https://evil.example"}).status_code == 403
    assert "Origin checking failed - https://evil.example does not match any trusted origins" in rejections.text
    assert client.post("/account/email/", data, headers={"Origin": "http://testserver"}).status_code == 200


def test_over_https_without_origin_the_referer_must_be_this_site(rejections):
    client, token = browser_with_form(secure=True)
    data = {"email": "ada@example.com", "csrfmiddlewaretoken": token}
    assert client.post("/account/email/", data, secure=True).status_code == 403
    assert "Referer checking failed - no Referer" in rejections.text
    evil = client.post("/account/email/", data, secure=True, headers={"Referer": "https://evil.example/page"})
    assert evil.status_code == 403
    own = client.post("/account/email/", data, secure=True, headers={"Referer": "https://testserver/account/email/"})
    assert own.status_code == 200


def test_csrf_trusted_origins_admits_another_origin():
    client, token = browser_with_form(secure=True)
    data = {"email": "ada@example.com", "csrfmiddlewaretoken": token}
    with override_settings(CSRF_TRUSTED_ORIGINS=["https://shop.example.com"]):
        trusted = Client(enforce_csrf_checks=True)
        trusted.cookies = client.cookies
        response = trusted.post("/account/email/", data, secure=True, headers={"Origin": "https://shop.example.com"})
    assert response.status_code == 200


def test_the_api_ignores_cookies_and_needs_its_header():
    client, _ = browser_with_form()  # a browser with cookies of this site, as a forged request would carry
    refused = client.post("/api/email/", {"email": "e@evil.example"})
    assert (refused.status_code, refused.headers["WWW-Authenticate"]) == (401, "Bearer")
    accepted = client.post(
        "/api/email/", {"email": "ada@example.com"}, headers={"Authorization": "Bearer k7Hq2-sample-token"}
    )
    assert accepted.json() == {"user": "ada", "email": "ada@example.com"}
