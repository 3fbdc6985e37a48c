"""samples/routing/django_urls.py, driven by Django's test client, then through its WSGI entry point."""

import datetime

import pytest
import webtest
from django.test import Client, override_settings
from django.urls import NoReverseMatch, resolve, reverse

from samples.routing.django_urls import application

pytestmark = pytest.mark.usefixtures("sample_settings")


@pytest.fixture
def sample_settings():
    with override_settings(ROOT_URLCONF="samples.routing.django_urls"):
        yield


def test_the_custom_converter_hands_the_view_a_date_and_builds_urls_back():
    response = Client().get("/days/2024-02-28/")
    assert response.status_code == 200
    assert response.json() == {"day": "2024-02-28", "next": "/days/2024-02-29/"}
    assert reverse("day", kwargs={"day": datetime.date(2025, 3, 14)}) == "/days/2025-03-14/"


@pytest.mark.parametrize("path", ["/days/2024-02-30/", "/days/2024-2-3/", "/days/today/"])
def test_a_date_the_converter_refuses_is_404(path):
    assert Client().get(path).status_code == 404


def test_reverse_refuses_arguments_that_do_not_fit_the_pattern():
    with pytest.raises(NoReverseMatch):
        reverse("books:detail", kwargs={"book_id": "abc"})  # the int converter's regex refuses it
    with pytest.raises(NoReverseMatch):
        reverse("detail")  # a namespaced name is only found with its namespace


def test_the_included_app_lives_under_its_prefix_and_namespace():
    match = resolve("/books/2/")
    assert (match.namespace, match.url_name, match.view_name) == ("books", "detail", "books:detail")
    assert match.kwargs == {"book_id": 2}
    assert reverse("books:list") == "/books/"


def test_append_slash_redirects_a_get_permanently():
    response = Client().get("/books/1?x=1")
    assert response.status_code == 301
    assert response.headers["Location"] == "/books/1/?x=1"


def test_append_slash_also_redirects_a_post_with_301_so_the_body_is_lost():
    response = Client().post("/books/1", {"title": "Emma"})
    assert response.status_code == 301  # most clients follow a 301 with a GET


def test_append_slash_raises_on_a_post_in_debug_mode():
    with override_settings(DEBUG=True), pytest.raises(RuntimeError, match="APPEND_SLASH"):
        Client().post("/books/1", {"title": "Emma"})


def test_unknown_path_is_404():
    assert Client().get("/nope/").status_code == 404


def test_the_wsgi_entry_point_serves_the_same_urls():
    client = webtest.TestApp(application, extra_environ={"HTTP_HOST": "testserver"})
    assert client.get("/books/1/").json == {"id": 1, "title": "Dune"}
    assert client.get("/days/2024-02-30/", status=404).status_int == 404


def test_reverse_refuses_what_to_url_refuses():
    with pytest.raises(NoReverseMatch):
        reverse("day", kwargs={"day": "2025-03-14"})  # a str, not a date
