"""samples/orm/django_writes.py: rows written, queries sent, and the lost update that F() avoids."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samples.orm.django_writes import author_named, import_books, sell_one, set_stock
from samples.orm.library.models import Author, Book

pytestmark = pytest.mark.usefixtures("django_db")


@pytest.fixture
def author():
    return Author.objects.create(name="Ursula K. Le Guin")


def test_bulk_create_is_one_insert_for_a_hundred_rows(author):
    rows = [(f"Earthsea {n}", 1968 + n) for n in range(100)]
    with CaptureQueriesContext(connection) as queries:
        books = import_books(author, rows)
    assert len(queries) == 1
    assert queries[0]["sql"].startswith("INSERT INTO")
    assert Book.objects.count() == 100
    assert all(book.pk is not None for book in books)  # SQLite 3.35+ returns the new ids


def test_get_or_create_creates_once(author):
    assert author_named("Zoë Heller")[1] is True
    again, created = author_named("Zoë Heller")
    assert (again.name, created) == ("Zoë Heller", False)
    assert author_named("Ursula K. Le Guin") == (author, False)
    assert Author.objects.count() == 2


def test_update_or_create_by_the_unique_key(author):
    book, created = set_stock(author, "Lavinia", 3)
    assert (created, book.stock, book.published) == (True, 3, 0)
    Book.objects.filter(pk=book.pk).update(published=2008)
    book, created = set_stock(author, "Lavinia", 5)
    assert (created, book.stock, book.published) == (False, 5, 2008)  # published left alone
    assert Book.objects.count() == 1


def test_read_modify_write_loses_an_update(author):
    Book.objects.create(author=author, title="Lavinia", published=2008, stock=5)
    first, second = Book.objects.get(title="Lavinia"), Book.objects.get(title="Lavinia")  # two requests read 5
    first.stock -= 1
    first.save()
    second.stock -= 1
    second.save()  # writes 4 over the 4 the first one wrote
    assert Book.objects.get(title="Lavinia").stock == 4  # two copies sold, one counted


def test_f_expressions_count_every_sale_and_never_go_below_zero(author):
    book = Book.objects.create(author=author, title="Lavinia", published=2008, stock=2)
    with CaptureQueriesContext(connection) as queries:
        sold = [sell_one(book.pk) for _ in range(3)]
    assert sold == [True, True, False]
    assert len(queries) == 3
    assert '"stock" = ("library_book"."stock" - 1)' in queries[0]["sql"]  # computed by the database
    book.refresh_from_db()
    assert book.stock == 0
