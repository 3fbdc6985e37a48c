"""samples/orm/django_transactions.py: what is left in the tables after success and failure."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samples.orm.django_transactions import EmptyCatalogue, import_catalogue
from samples.orm.library.models import Author, Book

pytestmark = pytest.mark.usefixtures("django_db")


def test_a_duplicate_row_is_rolled_back_to_its_savepoint_and_the_rest_is_kept():
    with CaptureQueriesContext(connection) as queries:
        author, skipped = import_catalogue("Toni Morrison", [("Beloved", 1987), ("Beloved", 1987), ("Jazz", 1992)])
    assert skipped == ["Beloved"]
    assert sorted(author.books.values_list("title", flat=True)) == ["Beloved", "Jazz"]
    sql = [query["sql"] for query in queries]
    assert sum(s.startswith("SAVEPOINT") for s in sql) >= 3  # one per row (and the test's own wrapping)
    assert sum(s.startswith("ROLLBACK TO SAVEPOINT") for s in sql) == 1


def test_when_the_whole_block_fails_nothing_is_left():
    import_catalogue("Toni Morrison", [("Beloved", 1987)])
    with pytest.raises(EmptyCatalogue):
        import_catalogue("Ursula K. Le Guin", [])
    assert list(Author.objects.values_list("name", flat=True)) == ["Toni Morrison"]
    assert Book.objects.count() == 1


def test_an_error_outside_the_savepoints_fails_the_whole_import():
    import_catalogue("Toni Morrison", [("Beloved", 1987)])
    with pytest.raises(Exception, match="UNIQUE"):
        import_catalogue("Toni Morrison", [("Sula", 1973)])  # the author exists: the first INSERT fails
    assert list(Book.objects.values_list("title", flat=True)) == ["Beloved"]
