"""samples/orm/sqlalchemy_models.py: the tables, the constraints and the cascades."""

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from samples.orm.sqlalchemy_models import Author, Base, Book, new_memory_engine


def test_the_tables_and_their_indexes(engine):
    inspector = inspect(engine)
    assert sorted(inspector.get_table_names()) == ["authors", "books"]
    assert inspector.get_indexes("books") == []  # no index of its own on author_id: SQLAlchemy adds none
    assert inspector.get_unique_constraints("books")[0]["column_names"] == ["author_id", "title"]
    assert [fk["referred_table"] for fk in inspector.get_foreign_keys("books")] == ["authors"]


def test_adding_an_author_adds_its_books(engine):
    with Session(engine) as session, session.begin():
        session.add(Author(name="Toni Morrison", books=[Book(title="Beloved", published=1987)]))
    with Session(engine) as session:
        book = session.scalars(select(Book)).one()
        assert (book.title, book.author.name, book.stock) == ("Beloved", "Toni Morrison", 0)


def test_delete_orphan_and_delete_cascade(engine):
    with Session(engine) as session, session.begin():
        author = Author(name="Ursula K. Le Guin")
        author.books = [Book(title="The Dispossessed", published=1974), Book(title="Lavinia", published=2008)]
        session.add(author)
    with Session(engine) as session, session.begin():
        author = session.scalars(select(Author)).one()
        author.books.pop()  # an orphan: deleted at the flush
    with Session(engine) as session:
        assert session.scalar(select(func.count(Book.id))) == 1
    with Session(engine) as session, session.begin():
        session.delete(session.scalars(select(Author)).one())
    with Session(engine) as session:
        assert session.scalar(select(func.count(Book.id))) == 0


def test_constraints_are_enforced_by_the_database(engine):
    with Session(engine) as session, session.begin():
        session.add(Author(id=1, name="Octavia E. Butler"))
    for bad in (
        Book(title="Kindred", published=1979, author_id=99),  # no author 99: foreign key
        Book(title="Kindred", published=1979, author_id=1, stock=-1),  # check constraint
    ):
        with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
            session.add(bad)
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        session.add_all([Book(title="Kindred", published=1979, author_id=1) for _ in range(2)])  # unique


def test_each_engine_is_a_new_empty_database():
    first, second = new_memory_engine(), new_memory_engine()
    Base.metadata.create_all(first)
    assert inspect(second).get_table_names() == []
