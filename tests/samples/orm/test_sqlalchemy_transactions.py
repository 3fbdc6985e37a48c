"""samples/orm/sqlalchemy_transactions.py: the rows left, and the statements sent."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from samples.orm.sqlalchemy_models import Author, Base, Book, new_memory_engine
from samples.orm.sqlalchemy_n_plus_one import counting_statements
from samples.orm.sqlalchemy_transactions import emit_our_own_begin, import_catalogue


@pytest.fixture
def engine():
    engine = new_memory_engine()
    emit_our_own_begin(engine)
    Base.metadata.create_all(engine)
    return engine


def titles(engine):
    with Session(engine) as session:
        return session.scalars(select(Book.title).order_by(Book.title)).all()


def test_a_duplicate_is_rolled_back_to_its_savepoint(engine):
    with counting_statements(engine) as statements:
        skipped = import_catalogue(engine, "Toni Morrison", [("Sula", 1973), ("Sula", 1973), ("Jazz", 1992)])
    assert skipped == ["Sula"]
    assert titles(engine) == ["Jazz", "Sula"]
    kinds = [s.split()[0] + (" TO" if s.startswith("ROLLBACK TO") else "") for s in statements]
    assert kinds[0] == "BEGIN"
    assert kinds.count("SAVEPOINT") == 3 and kinds.count("RELEASE") == 2 and kinds.count("ROLLBACK TO") == 1


def test_a_failure_outside_the_savepoints_leaves_no_rows(engine):
    with pytest.raises(ValueError):
        import_catalogue(engine, "Zoë Heller", [])  # no book: the author's INSERT is rolled back
    import_catalogue(engine, "Toni Morrison", [("Sula", 1973)])
    with pytest.raises(IntegrityError):
        import_catalogue(engine, "Toni Morrison", [("Jazz", 1992)])  # the author exists: all fails
    with Session(engine) as session:
        assert session.scalars(select(Author.name)).all() == ["Toni Morrison"]
    assert titles(engine) == ["Sula"]
