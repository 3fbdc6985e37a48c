"""samples/orm/library/models.py: the tables Django makes of the models, and their constraints."""

import pytest
from django.db import IntegrityError, connection, transaction

from samples.orm.library.models import Author, Book

pytestmark = pytest.mark.usefixtures("django_db")


def test_the_tables_indexes_and_constraints():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "library_book")
    indexed = {tuple(c["columns"]) for c in constraints.values() if c["index"]}
    assert ("author_id",) in indexed  # Django indexes every ForeignKey column
    assert ("published", "id") in indexed
    assert constraints["library_book_unique_title_per_author"]["unique"]


def test_creating_and_following_relations():
    author = Author.objects.create(name="Toni Morrison")
    Book.objects.create(title="Beloved", author=author, published=1987)
    book = Book.objects.get(title="Beloved")
    assert (book.author.name, book.stock, str(book)) == ("Toni Morrison", 0, "Beloved")
    assert [b.title for b in author.books.all()] == ["Beloved"]


def test_the_database_refuses_what_the_constraints_forbid():
    author = Author.objects.create(name="Octavia E. Butler")
    Book.objects.create(title="Kindred", author=author, published=1979)
    for fields in ({"title": "Kindred"}, {"title": "Dawn", "stock": -1}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Book.objects.create(author=author, published=1987, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Author.objects.create(name="Octavia E. Butler")


def test_deleting_an_author_deletes_its_books():
    author = Author.objects.create(name="Ursula K. Le Guin")
    Book.objects.create(title="Lavinia", author=author, published=2008)
    deleted, per_model = author.delete()
    assert (deleted, per_model) == (2, {"library.Book": 1, "library.Author": 1})
    assert Book.objects.count() == 0
