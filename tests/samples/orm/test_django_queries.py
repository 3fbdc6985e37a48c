"""samples/orm/django_queries.py: the rows each query returns, and when the queries run."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samples.orm.django_queries import books_not_by, prolific_authors, recent_books, search, stock_summary
from samples.orm.library.models import Author, Book

pytestmark = pytest.mark.usefixtures("django_db", "library")


@pytest.fixture
def library():
    morrison = Author.objects.create(name="Toni Morrison")
    le_guin = Author.objects.create(name="Ursula K. Le Guin")
    Author.objects.create(name="Zoë Heller")  # no books
    for title, author, year, stock in [
        ("Lavinia", le_guin, 2008, 1),
        ("Beloved", morrison, 1987, 4),
        ("The Dispossessed", le_guin, 1974, 0),
        ("Jazz", morrison, 1992, 2),
        ("A Mercy", morrison, 2008, 3),
    ]:
        Book.objects.create(title=title, author=author, published=year, stock=stock)


def titles(books):
    return [book.title for book in books]


def test_a_queryset_runs_no_query_until_it_is_evaluated():
    with CaptureQueriesContext(connection) as queries:
        books = recent_books(1990, limit=2)
        assert len(queries) == 0
        assert titles(books) == ["A Mercy", "Lavinia"]  # the tie at 2008 is broken by title
        assert len(queries) == 1
        assert titles(books) == ["A Mercy", "Lavinia"]  # evaluated once, then cached
        assert len(queries) == 1
    assert "LIMIT 2" in queries[0]["sql"]  # the slice became SQL


def test_filters_and_lookups_across_relations():
    assert titles(recent_books(1900)) == ["A Mercy", "Lavinia", "Jazz", "Beloved", "The Dispossessed"]
    assert titles(books_not_by("Toni Morrison")) == ["Lavinia", "The Dispossessed"]
    assert titles(search("LE GUIN")) == ["Lavinia", "The Dispossessed"]
    assert titles(search("jazz")) == ["Jazz"]


def test_annotate_and_aggregate():
    assert [(a.name, a.n_books) for a in prolific_authors(2)] == [("Toni Morrison", 3), ("Ursula K. Le Guin", 2)]
    assert [(a.name, a.n_books) for a in prolific_authors(0)][-1] == ("Zoë Heller", 0)
    with CaptureQueriesContext(connection) as queries:
        list(prolific_authors(2))
    assert "GROUP BY" in queries[0]["sql"] and "HAVING" in queries[0]["sql"]
    assert stock_summary() == {"copies": 10, "newest": 2008, "titles": 5}


def test_on_sqlite_icontains_ignores_case_for_ascii_letters_only():
    Book.objects.create(title="Œuvres", author=Author.objects.get(name="Zoë Heller"), published=2001)
    assert titles(search("zoë")) == ["Œuvres"]
    assert (
        titles(search("ZOË")) == []
    )  # SQLite's LIKE folds A-Z only; on PostgreSQL Django compares UPPER() of both sides
    assert titles(search("œuvres")) == []
