"""Reading SQLite's query plan before and after adding an index."""

from sqlalchemy import text

BOOKS_OF_THE_YEAR = "SELECT title FROM books WHERE published = :year"


def query_plan(connection, sql, **params):
    """The `detail` column of EXPLAIN QUERY PLAN: how SQLite will find the rows, without running the query."""
    return [row.detail for row in connection.execute(text(f"EXPLAIN QUERY PLAN {sql}"), params)]


def add_published_index(connection):
    # What index=True on the column would have created along with the table. (An Index() object
    # would also do, but it joins the table's metadata, and every later create_all() makes it.)
    connection.execute(text("CREATE INDEX ix_books_published ON books (published)"))
