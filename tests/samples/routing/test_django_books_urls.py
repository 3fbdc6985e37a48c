"""samples/routing/django_books_urls.py, the included app, driven by Django's test client."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

import samples.routing.django_books_urls as books_urls

pytestmark = pytest.mark.usefixtures("sample_settings")


@pytest.fixture
def sample_settings():
    with override_settings(ROOT_URLCONF="samples.routing.django_urls"):
        yield


def test_the_app_declares_its_namespace():
    assert books_urls.app_name == "books"
    assert [p.name for p in books_urls.urlpatterns] == ["list", "detail"]


def test_the_list_links_to_each_book_with_reversed_urls():
    response = Client().get("/books/")
    assert response.status_code == 200
    assert response.json() == {"books": ["/books/1/", "/books/2/"]}
    assert response.json()["books"][0] == reverse("books:detail", kwargs={"book_id": 1})


def test_a_book_is_found_by_its_int_id():
    response = Client().get("/books/2/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"id": 2, "title": "Beloved"}


def test_an_unknown_id_and_a_non_number_are_both_404():
    assert Client().get("/books/99/").status_code == 404  # the pattern matched, the view said 404
    assert Client().get("/books/abc/").status_code == 404  # no pattern matched at all


def test_head_is_allowed_and_other_methods_get_405_with_allow():
    assert Client().head("/books/1/").status_code == 200
    response = Client().delete("/books/1/")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD"}
