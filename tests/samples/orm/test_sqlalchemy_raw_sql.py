"""samples/orm/sqlalchemy_raw_sql.py: hostile input against bound parameters and string formatting."""

import pytest
from sqlalchemy.orm import Session

from samples.orm.sqlalchemy_models import Author, Book
from samples.orm.sqlalchemy_n_plus_one import counting_statements
from samples.orm.sqlalchemy_raw_sql import books_by_title, books_by_title_UNSAFE, books_published_in

HOSTILE = "x' OR '1'='1"


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        author = Author(name="Toni Morrison")
        session.add_all(
            [Book(title="Beloved", published=1987, author=author), Book(title="Jazz", published=1992, author=author)]
        )
        session.add(Book(title="L'Œuvre", published=1886, author=Author(name="Émile Zola")))
        session.commit()
        yield session


def test_bound_parameters_find_exact_titles_quotes_included(session):
    assert [row.title for row in books_by_title(session, "Beloved")] == ["Beloved"]
    assert [row.title for row in books_by_title(session, "L'Œuvre")] == ["L'Œuvre"]
    assert books_by_title(session, HOSTILE) == []


def test_the_value_never_enters_the_sql_text(engine, session):
    with counting_statements(engine) as statements:
        books_by_title(session, HOSTILE)
        books_published_in(session, [1992, 1886])
    assert statements[-2].endswith("WHERE title = ? ORDER BY id")
    assert "IN (?, ?)" in statements[-1]
    assert all(HOSTILE not in s for s in statements)


def test_expanding_in(session):
    assert books_published_in(session, [1992, 1886]) == ["Jazz", "L'Œuvre"]
    assert books_published_in(session, []) == []


def test_string_formatting_lets_the_input_rewrite_the_query(session):
    assert len(books_by_title_UNSAFE(session, HOSTILE)) == 3  # every row of the table
    with pytest.raises(Exception, match="syntax error"):
        books_by_title_UNSAFE(session, "L'Œuvre")  # and an honest apostrophe breaks it
