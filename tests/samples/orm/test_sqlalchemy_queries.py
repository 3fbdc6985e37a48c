"""samples/orm/sqlalchemy_queries.py: the rows each statement returns."""

import pytest
from sqlalchemy.orm import Session

from samples.orm.sqlalchemy_models import Author, Book
from samples.orm.sqlalchemy_queries import (
    books_above_average_stock,
    latest_book_per_author,
    prolific_authors,
    recent_books,
    titles_with_authors,
)


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        morrison, le_guin = Author(name="Toni Morrison"), Author(name="Ursula K. Le Guin")
        session.add_all([morrison, le_guin, Author(name="Zoë Heller")])
        for title, author, year, stock in [
            ("Lavinia", le_guin, 2008, 1),
            ("Beloved", morrison, 1987, 4),
            ("The Dispossessed", le_guin, 1974, 0),
            ("Jazz", morrison, 1992, 2),
            ("A Mercy", morrison, 2008, 3),
        ]:
            session.add(Book(title=title, author=author, published=year, stock=stock))
        session.commit()
        yield session


def test_scalars_gives_objects(session):
    books = recent_books(session, 1990, limit=2)
    assert [type(book) for book in books] == [Book, Book]
    assert [book.title for book in books] == ["A Mercy", "Lavinia"]
    assert [book.title for book in recent_books(session, 2009)] == []


def test_execute_gives_rows(session):
    rows = titles_with_authors(session)
    assert rows[0] == ("A Mercy", "Toni Morrison")
    assert (rows[0].title, rows[0].name) == ("A Mercy", "Toni Morrison")
    assert len(rows) == 5  # the inner join drops Zoë Heller, who has no book


def test_group_by_having(session):
    assert prolific_authors(session, 2) == [("Toni Morrison", 3), ("Ursula K. Le Guin", 2)]
    assert prolific_authors(session, 0)[-1] == ("Zoë Heller", 0)
    assert prolific_authors(session, 4) == []


def test_window_function_and_subqueries(session):
    assert latest_book_per_author(session) == [
        ("Toni Morrison", "A Mercy", 2008),
        ("Ursula K. Le Guin", "Lavinia", 2008),
    ]
    assert books_above_average_stock(session) == ["A Mercy", "Beloved"]  # the average is 2
