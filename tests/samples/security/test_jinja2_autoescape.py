"""samples/security/jinja2_autoescape.py: Flask's test client, and the two Environments side by side."""

import pytest

from samples.security.jinja2_autoescape import app, bare, bold, bold_unsafe, safe

PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture
def client():
    return app.test_client()


def test_flask_escapes_a_template_string(client):
    response = client.get("/hello", query_string={"name": PAYLOAD})
    assert response.text == "<p>Hello &lt;script&gt;alert(1)&lt;/script&gt;!</p>"


def test_flask_escapes_by_file_extension():
    assert [app.select_jinja_autoescape(name) for name in ("page.html", "feed.xml", "icon.svg", "mail.txt")] == [
        True,
        True,
        True,
        False,
    ]


def test_a_bare_environment_does_not_escape():
    assert bare.from_string("<p>{{ name }}</p>").render(name=PAYLOAD) == f"<p>{PAYLOAD}</p>"


def test_select_autoescape_turns_it_on():
    assert safe.from_string("<p>{{ name }}</p>").render(name=PAYLOAD) == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_the_safe_filter_turns_it_off_for_one_value():
    assert safe.from_string("<p>{{ name|safe }}</p>").render(name=PAYLOAD) == f"<p>{PAYLOAD}</p>"


def test_markup_around_an_f_string_trusts_the_input(client):
    assert bold_unsafe(PAYLOAD) == f"<b>{PAYLOAD}</b>"
    assert bold(PAYLOAD) == "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>"
    response = client.get("/badge", query_string={"name": PAYLOAD})
    assert response.text == "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b> joined."  # markup kept, input escaped
