"""samples/orm/sqlalchemy_pagination.py: offset pages shift when rows arrive; keyset pages do not."""

import pytest
from sqlalchemy.orm import Session

from samples.orm.sqlalchemy_models import Author, Book
from samples.orm.sqlalchemy_pagination import cursor_of, page_after, page_by_offset


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        author = Author(name="Ursula K. Le Guin")
        # Unsorted, with ties on the year: only (published, id) orders them completely.
        for title, year in [("A", 1974), ("B", 2008), ("C", 1969), ("D", 1974), ("E", 2001), ("F", 1974), ("G", 1985)]:
            session.add(Book(title=title, published=year, author=author))
        session.commit()
        yield session


def titles(books):
    return [book.title for book in books]


def all_pages_by_key(session, size):
    pages, last = [], None
    while page := page_after(session, last, size):
        pages.append(titles(page))
        last = cursor_of(page)
    return pages


def test_both_methods_agree_on_a_table_that_does_not_change(session):
    by_offset = [titles(page_by_offset(session, page, 3)) for page in (1, 2, 3, 4)]
    assert by_offset == [["B", "E", "G"], ["F", "D", "A"], ["C"], []]
    assert all_pages_by_key(session, 3) == by_offset[:3]


def test_a_row_added_between_two_pages_repeats_a_book_with_offsets_only(session):
    first_offset, first_key = page_by_offset(session, 1, 3), page_after(session, None, 3)
    session.add(Book(title="New", published=2020, author_id=1))  # lands on page 1, pushing the rest back
    session.commit()
    assert titles(page_by_offset(session, 2, 3)) == ["G", "F", "D"]  # G again: it was on page 1
    assert titles(page_after(session, cursor_of(first_key), 3)) == ["F", "D", "A"]  # continues where it stopped
    assert titles(first_offset) == titles(first_key)


def test_the_last_page_and_beyond(session):
    assert titles(page_after(session, (1969, 3), 3)) == []
    assert cursor_of([]) is None


def test_with_an_index_on_the_sort_key_keyset_seeks_and_offset_still_scans(engine):
    from sqlalchemy import text

    from samples.orm.sqlite_explain_index import query_plan

    keyset = "SELECT id FROM books WHERE (published, id) < (:p, :i) ORDER BY published DESC, id DESC LIMIT 3"
    offset = "SELECT id FROM books ORDER BY published DESC, id DESC LIMIT 3 OFFSET 300"
    with engine.begin() as connection:
        assert query_plan(connection, keyset, p=1974, i=4) == ["SCAN books", "USE TEMP B-TREE FOR ORDER BY"]
        connection.execute(text("CREATE INDEX ix_books_published_id ON books (published, id)"))
        assert query_plan(connection, keyset, p=1974, i=4) == [
            "SEARCH books USING COVERING INDEX ix_books_published_id (published<?)"
        ]
        assert query_plan(connection, offset) == ["SCAN books USING COVERING INDEX ix_books_published_id"]
