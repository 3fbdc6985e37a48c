"""samples/security/django_book_search.py through Django's test client, on the library tables."""

import pytest
from django.db import transaction
from django.test import Client, override_settings

from samples.orm.library.models import Author, Book
from samples.security import django_book_search


@pytest.fixture(autouse=True)
def library(django_tables):
    with override_settings(ROOT_URLCONF=django_book_search.__name__), transaction.atomic():
        morrison = Author.objects.create(name="Toni Morrison")
        Book.objects.create(title="Beloved", author=morrison, published=1987, stock=4)
        Book.objects.create(title="Jazz", author=morrison, published=1992, stock=2)
        yield
        transaction.set_rollback(True)


def titles(response):
    assert response.status_code == 200
    return [book["title"] for book in response.json()["books"]]


def test_search_and_sort():
    assert titles(Client().get("/books/")) == ["Beloved", "Jazz"]
    assert titles(Client().get("/books/", {"q": "ZZ"})) == ["Jazz"]
    assert titles(Client().get("/books/", {"sort": "-year"})) == ["Jazz", "Beloved"]


@pytest.mark.parametrize("payload", ["' OR '1'='1", "%' OR 1=1 --", "x') UNION SELECT name FROM library_author --"])
def test_payloads_are_only_searched_for(payload):
    assert titles(Client().get("/books/", {"q": payload})) == []


@pytest.mark.parametrize("sort", ["author__name", "stock", "published; DROP TABLE library_book", "nope"])
def test_a_sort_off_the_list_is_400_not_500(sort):
    response = Client().get("/books/", {"sort": sort})
    assert response.status_code == 400
    assert b"sort must be one of title, year, -year" in response.content


def test_the_raw_query_binds_its_value():
    assert Client().get("/stock/", {"title": "Beloved"}).json() == {"copies": 4}
    assert Client().get("/stock/", {"title": "x' OR '1'='1"}).json() == {"copies": 0}
