"""course_helpers.sqlalchemy_setup: a fresh database per engine, foreign keys enforced, statements counted."""

import asyncio

import pytest
from sqlalchemy import ForeignKey, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, selectinload

from course_helpers.sqlalchemy_setup import counting_statements, new_engine, use_sqlalchemy


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "author"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list["Book"]] = relationship(back_populates="author")


class Book(Base):
    __tablename__ = "book"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="books")


def filled_engine(authors=3):
    asyncio.run(use_sqlalchemy())  # under CPython: nothing to load
    engine = new_engine()
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        session.add_all(Author(name=f"A{i}", books=[Book(title=f"B{i}.{j}") for j in range(2)]) for i in range(authors))
    return engine


def test_each_engine_is_a_new_empty_database_that_keeps_its_rows_across_connections():
    first, second = filled_engine(), new_engine()
    with Session(first) as session:
        assert len(session.scalars(select(Book)).all()) == 6
    Base.metadata.create_all(second)
    with Session(second) as session:
        assert session.scalars(select(Book)).all() == []


def test_foreign_keys_are_enforced():
    engine = filled_engine()
    with Session(engine) as session, pytest.raises(IntegrityError):
        session.add(Book(title="orphan", author_id=99))
        session.commit()


@pytest.mark.parametrize("authors", [1, 3, 7])
def test_counting_statements_sees_the_n_plus_one_and_its_fix(authors):
    engine = filled_engine(authors)
    with Session(engine) as session, counting_statements(engine) as lazy:
        [book.title for author in session.scalars(select(Author)) for book in author.books]
    with Session(engine) as session, counting_statements(engine) as eager:
        [
            book.title
            for author in session.scalars(select(Author).options(selectinload(Author.books)))
            for book in author.books
        ]
    assert len(lazy) == 1 + authors
    assert len(eager) == 2
    assert all(statement.lstrip().upper().startswith("SELECT") for statement in lazy + eager)
    with counting_statements(engine) as after:
        pass
    assert after == []  # the listener is gone with the block
