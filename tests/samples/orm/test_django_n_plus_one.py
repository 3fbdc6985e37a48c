"""samples/orm/django_n_plus_one.py: the same answers, with 1 + N queries or with 1 or 2."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samples.orm import django_n_plus_one as sample
from samples.orm.library.models import Author, Book

pytestmark = pytest.mark.usefixtures("django_db", "library")

AUTHORS, BOOKS_EACH = 5, 4


@pytest.fixture
def library():
    for a in range(AUTHORS):
        author = Author.objects.create(name=f"Author {a}")
        Book.objects.bulk_create(
            Book(title=f"Book {a}.{b}", author=author, published=2000 + b) for b in range(BOOKS_EACH)
        )


def run(function):
    with CaptureQueriesContext(connection) as queries:
        result = function()
    return result, len(queries), [query["sql"] for query in queries]


def test_select_related_one_query_instead_of_one_per_book():
    naive, naive_count, _ = run(sample.titles_and_authors_naive)
    fixed, fixed_count, sql = run(sample.titles_and_authors)
    assert naive == fixed
    assert len(fixed) == AUTHORS * BOOKS_EACH == 20
    assert naive_count == 1 + 20  # one query per book, even for an author already loaded
    assert fixed_count == 1
    assert "INNER JOIN" in sql[0]


def test_prefetch_related_two_queries_instead_of_one_per_author():
    naive, naive_count, _ = run(sample.authors_and_titles_naive)
    fixed, fixed_count, sql = run(sample.authors_and_titles)
    assert naive == fixed
    assert fixed[0] == ("Author 0", ["Book 0.0", "Book 0.1", "Book 0.2", "Book 0.3"])
    assert naive_count == 1 + AUTHORS == 6
    assert fixed_count == 2
    assert " IN (" in sql[1]


def test_the_fixed_version_does_not_grow_with_the_data():
    Book.objects.bulk_create(
        Book(title=f"Extra {n}", author=Author.objects.create(name=f"Extra author {n}"), published=2020)
        for n in range(10)
    )
    assert run(sample.authors_and_titles_naive)[1] == 1 + AUTHORS + 10
    assert run(sample.authors_and_titles)[1] == 2
    assert run(sample.titles_and_authors)[1] == 1
