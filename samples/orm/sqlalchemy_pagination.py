"""Two ways to page through books, newest first: by offset, and by key (the "seek method")."""

from sqlalchemy import select, tuple_

from samples.orm.sqlalchemy_models import Book

NEWEST_FIRST = (Book.published.desc(), Book.id.desc())  # id breaks ties: the order is total


def page_by_offset(session, page, size):
    """Page 1, 2, 3...: the database still reads and drops the (page - 1) * size rows before it."""
    return session.scalars(select(Book).order_by(*NEWEST_FIRST).offset((page - 1) * size).limit(size)).all()


def page_after(session, last, size):
    """The `size` books after `last`, the (published, id) of the previous page's last book
    (None for the first page). With an index on (published, id) the database seeks straight there."""
    statement = select(Book).order_by(*NEWEST_FIRST).limit(size)
    if last is not None:
        # Row-value comparison: (published, id) < (:published, :id), the order of NEWEST_FIRST.
        statement = statement.where(tuple_(Book.published, Book.id) < tuple_(*last))
    return session.scalars(statement).all()


def cursor_of(page):
    """What the client sends back for the next page; None when there is none."""
    return (page[-1].published, page[-1].id) if page else None
