"""samples/security/sqlalchemy_text_search.py: bound parameters in text(), an allow-listed ORDER BY."""

import pytest
from sqlalchemy import event

from samples.security.sqlalchemy_text_search import list_titles, new_engine, titles_published_after


@pytest.fixture
def engine():
    engine = new_engine()
    yield engine
    engine.dispose()


def test_the_value_never_appears_in_the_sql_sent(engine):
    sent = []
    event.listen(engine, "before_cursor_execute", lambda conn, cursor, sql, params, *_: sent.append((sql, params)))
    assert titles_published_after(engine, 1970) == ["Beloved"]
    assert titles_published_after(engine, "0 OR 1=1") == []  # a string compared with a number, not SQL
    assert sent[-1] == ("SELECT title FROM books WHERE published > ? ORDER BY title", ("0 OR 1=1",))


def test_allow_listed_sorts(engine):
    assert list_titles(engine) == ["Beloved", "Dune"]
    assert list_titles(engine, "year") == ["Dune", "Beloved"]
    assert list_titles(engine, "-year") == ["Beloved", "Dune"]


@pytest.mark.parametrize("sort", ["published", "title DESC", "1; DELETE FROM books"])
def test_other_sorts_are_refused(engine, sort):
    with pytest.raises(ValueError, match="cannot sort by"):
        list_titles(engine, sort)
