"""samples/security/pyramid_security_headers.py driven by WebTest, over http and https."""

import webtest

from samples.security.pyramid_security_headers import HSTS, SECURITY_HEADERS, main

app = main()


def sent(response):
    return {name: response.headers.get(name) for name in SECURITY_HEADERS}


def test_every_response_gets_the_headers_but_hsts_only_over_https():
    plain = webtest.TestApp(app).get("/", status=200)
    assert sent(plain) == SECURITY_HEADERS
    assert "Strict-Transport-Security" not in plain.headers
    secure = webtest.TestApp(app, extra_environ={"wsgi.url_scheme": "https"}).get("/", status=200)
    assert secure.headers["Strict-Transport-Security"] == HSTS


def test_error_responses_get_them_too():
    response = webtest.TestApp(app).get("/nowhere", status=404)
    assert sent(response) == SECURITY_HEADERS
