"""Django: raw SQL with parameters, through Manager.raw() and a cursor."""

from django.db import connection

from samples.orm.library.models import Book


def books_published_before(year):
    # %s is Django's placeholder on every backend; the values go in the second argument, a list.
    # raw() maps the rows to Book objects, so the query must select the primary key.
    return Book.objects.raw("SELECT id, title, published FROM library_book WHERE published < %s ORDER BY title", [year])


def copies_by_author(name):
    """Total stock of an author's books, with a plain cursor: rows come back as tuples."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(b.stock), 0) FROM library_book b"
            " JOIN library_author a ON a.id = b.author_id WHERE a.name = %s",
            [name],
        )
        return cursor.fetchone()[0]
