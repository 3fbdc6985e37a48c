"""samples/orm/django_raw_sql.py: parameters passed apart from the SQL."""

import pytest

from samples.orm.django_raw_sql import books_published_before, copies_by_author
from samples.orm.library.models import Author, Book

pytestmark = pytest.mark.usefixtures("library")


@pytest.fixture
def library(django_db):
    morrison = Author.objects.create(name="Toni Morrison")
    zola = Author.objects.create(name="Émile Zola")
    Book.objects.create(title="Beloved", author=morrison, published=1987, stock=4)
    Book.objects.create(title="Jazz", author=morrison, published=1992, stock=2)
    Book.objects.create(title="L'Œuvre", author=zola, published=1886, stock=1)


def test_raw_maps_rows_to_model_instances():
    books = list(books_published_before(1990))
    assert [(type(b), b.title, b.published) for b in books] == [(Book, "Beloved", 1987), (Book, "L'Œuvre", 1886)]
    assert books[0].author.name == "Toni Morrison"  # fields not selected are loaded on access


def test_the_cursor_with_parameters():
    assert copies_by_author("Toni Morrison") == 6
    assert copies_by_author("Émile Zola") == 1
    assert copies_by_author("x' OR '1'='1") == 0  # a value, never SQL
