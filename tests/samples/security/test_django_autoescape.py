"""samples/security/django_autoescape.py through Django's test client: one payload per HTML context."""

import pytest
from django.template import Context
from django.test import Client, override_settings

from samples.security import django_autoescape
from samples.security.django_autoescape import UNQUOTED_ATTRIBUTE, badge, badge_unsafe, checked_website


@pytest.fixture(autouse=True)
def urlconf():
    with override_settings(ROOT_URLCONF=django_autoescape.__name__):
        yield


def page(**params):
    response = Client().get("/profile/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_body_context_is_escaped():
    html = page(name="<script>alert(1)</script>")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
    assert "<script>alert" not in html


def test_a_quoted_attribute_cannot_be_closed():
    html = page(name='" autofocus onfocus="alert(1)')
    assert 'value="&quot; autofocus onfocus=&quot;alert(1)"' in html


def test_an_unquoted_attribute_is_not_protected_by_escaping():
    html = UNQUOTED_ATTRIBUTE.render(Context({"name": "x autofocus onfocus=alert(1)"}))
    assert html == "<input name=name value=x autofocus onfocus=alert(1)>"  # two new attributes


def test_escaping_leaves_a_javascript_url_intact():
    url = "javascript:alert(document.cookie)"
    link = django_autoescape.engine.from_string('<a href="{{ website }}">')
    assert link.render(Context({"website": url})) == f'<a href="{url}">'  # nothing to escape: the browser runs it


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<b>x"]
)
def test_the_scheme_check_drops_what_is_not_http(url):
    assert checked_website(url) == ""
    assert '<a href="">Website</a>' in page(website=url)


def test_a_web_url_is_kept():
    assert '<a href="https://example.com/?a=1&amp;b=2">Website</a>' in page(website="https://example.com/?a=1&b=2")


def test_json_script_escapes_what_could_end_the_script_element():
    html = page(name="</script><script>alert(1)</script>")
    assert '<script id="preferences" type="application/json">' in html
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in html
    assert html.count("</script>") == 1


def test_mark_safe_on_user_text_lets_markup_through_and_format_html_does_not():
    payload = "<img src=x onerror=alert(1)>"
    assert str(badge_unsafe(payload)) == "<b><img src=x onerror=alert(1)></b>"
    assert str(badge(payload)) == "<b>&lt;img src=x onerror=alert(1)&gt;</b>"
