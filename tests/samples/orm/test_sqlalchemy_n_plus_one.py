"""samples/orm/sqlalchemy_n_plus_one.py: statements counted for lazy, selectin and joined loading."""

import pytest
from sqlalchemy.orm import Session

from samples.orm import sqlalchemy_n_plus_one as sample
from samples.orm.sqlalchemy_models import Author, Book

AUTHORS, BOOKS_EACH = 5, 4


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        session.add_all(
            Author(
                name=f"Author {a}", books=[Book(title=f"Book {a}.{b}", published=2000 + b) for b in range(BOOKS_EACH)]
            )
            for a in range(AUTHORS)
        )
        session.commit()
    with Session(engine) as session:  # a fresh session: nothing loaded yet
        yield session


def run(engine, session, function):
    session.expunge_all()  # forget what earlier calls loaded
    with sample.counting_statements(engine) as statements:
        result = function(session)
    return result, statements


def test_lazy_loading_is_one_select_per_author(engine, session):
    result, statements = run(engine, session, sample.authors_and_titles_naive)
    assert result[0] == ("Author 0", ["Book 0.0", "Book 0.1", "Book 0.2", "Book 0.3"])
    assert len(statements) == 1 + AUTHORS == 6


def test_selectinload_is_two_selects(engine, session):
    naive, _ = run(engine, session, sample.authors_and_titles_naive)
    result, statements = run(engine, session, sample.authors_and_titles)
    assert result == naive
    assert len(statements) == 2
    assert " IN (" in statements[1]


def test_joinedload_is_one_select_with_a_join(engine, session):
    naive, _ = run(engine, session, sample.authors_and_titles_naive)
    result, statements = run(engine, session, sample.authors_and_titles_joined)
    assert result == naive
    assert len(statements) == 1
    assert "LEFT OUTER JOIN" in statements[0]


def test_many_to_one_lazy_loads_each_author_once(engine, session):
    result, statements = run(engine, session, sample.titles_and_authors_naive)
    assert len(result) == AUTHORS * BOOKS_EACH == 20
    assert len(statements) == 1 + AUTHORS  # not 1 + 20: the identity map already holds the author
