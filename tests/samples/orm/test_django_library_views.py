"""samples/orm/django_library_views.py, driven by Django's test client."""

import pytest
from django.test import Client, override_settings

import samples.orm.django_library_views  # noqa: F401  (the URLconf below)
from samples.orm.library.models import Author, Book

pytestmark = pytest.mark.usefixtures("django_db", "sample_urls")


@pytest.fixture
def sample_urls():
    with override_settings(ROOT_URLCONF="samples.orm.django_library_views"):
        yield


def test_an_author_and_their_books_sorted_by_title():
    author = Author.objects.create(name="Toni Morrison")
    for title, year in [("Sula", 1973), ("Beloved", 1987), ("Jazz", 1992)]:
        Book.objects.create(title=title, author=author, published=year)
    response = Client().get(f"/authors/{author.pk}/books/")
    assert response.status_code == 200
    assert response.json() == {"author": "Toni Morrison", "books": ["Beloved", "Jazz", "Sula"]}


def test_an_unknown_author_is_404():
    assert Client().get("/authors/999/books/").status_code == 404


def test_a_new_author_is_201_and_a_duplicate_409_and_the_connection_still_works():
    client = Client()
    created = client.post("/authors/", {"name": "Zoë Heller"}, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["name"] == "Zoë Heller"
    duplicate = client.post("/authors/", {"name": "Zoë Heller"}, content_type="application/json")
    assert (duplicate.status_code, duplicate.json()) == (409, {"error": "Zoë Heller exists already"})
    assert client.get(f"/authors/{created.json()['id']}/books/").json() == {"author": "Zoë Heller", "books": []}
    assert Author.objects.count() == 1
