"""samples/orm/sqlite_explain_index.py: SCAN without the index, SEARCH with it."""

from sqlalchemy import insert, text

from samples.orm.sqlalchemy_models import Author, Book
from samples.orm.sqlite_explain_index import BOOKS_OF_THE_YEAR, add_published_index, query_plan


def test_the_plan_goes_from_a_full_scan_to_an_index_search(engine):
    with engine.begin() as connection:
        connection.execute(insert(Author), [{"id": n, "name": f"Author {n}"} for n in range(1, 11)])
        connection.execute(
            insert(Book),
            [{"title": f"Book {n}", "author_id": n % 10 + 1, "published": 1960 + n % 50} for n in range(200)],
        )
        before = query_plan(connection, BOOKS_OF_THE_YEAR, year=1987)
        add_published_index(connection)
        after = query_plan(connection, BOOKS_OF_THE_YEAR, year=1987)
        assert before == ["SCAN books"]  # every row read and tested
        assert after == ["SEARCH books USING INDEX ix_books_published (published=?)"]
        # The index changes how the rows are found, never which rows.
        assert len(connection.execute(text(BOOKS_OF_THE_YEAR), {"year": 1987}).all()) == 4


def test_other_indexes_the_table_already_has(engine):
    with engine.connect() as connection:
        by_id = query_plan(connection, "SELECT title FROM books WHERE id = :id", id=3)
        by_author = query_plan(connection, "SELECT title FROM books WHERE author_id = :id", id=3)
    assert by_id == ["SEARCH books USING INTEGER PRIMARY KEY (rowid=?)"]
    # The UNIQUE (author_id, title) constraint has an index, and author_id is its first column;
    # it even holds the title, so the table itself is not read ("covering").
    assert by_author == ["SEARCH books USING COVERING INDEX sqlite_autoindex_books_1 (author_id=?)"]
