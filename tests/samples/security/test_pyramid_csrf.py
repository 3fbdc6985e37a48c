"""samples/security/pyramid_csrf.py driven by WebTest, which keeps cookies like a browser."""

import re

import webtest

from samples.security.pyramid_csrf import app


def browser(scheme="http"):
    client = webtest.TestApp(app, extra_environ={"wsgi.url_scheme": scheme, "HTTP_HOST": "shop.example.com"})
    page = client.get("/account/email")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return client, token


def test_a_post_without_the_token_is_400():
    client, _ = browser()
    response = client.post("/account/email", {"email": "e@evil.example"}, status=400)
    assert "check_csrf_token(): Invalid token" in response.text


def test_the_token_in_the_form_or_in_a_header_is_accepted():
    client, token = browser()
    response = client.post("/account/email", {"email": "ada@example.com", "csrf_token": token}, status=200)
    assert response.text == "E-mail changed to ada@example.com."
    client.post("/account/email", {"email": "ada@example.com"}, headers={"X-CSRF-Token": token}, status=200)


def test_a_wrong_token_is_400():
    client, token = browser()
    client.post("/account/email", {"email": "e@evil.example", "csrf_token": token[::-1]}, status=400)


def test_over_https_a_foreign_origin_is_refused_even_with_the_token():
    client, token = browser("https")
    data = {"email": "e@evil.example", "csrf_token": token}
    response = client.post("/account/email", data, headers={"Origin": "https://evil.example"}, status=400)
    assert "Bad CSRF Origin" in response.text
    client.post("/account/email", data, headers={"Origin": "https://shop.example.com"}, status=200)
