"""SQLAlchemy: counting statements, the N+1 problem, and eager loading."""

from contextlib import contextmanager

from sqlalchemy import event, select
from sqlalchemy.orm import joinedload, selectinload

from samples.orm.sqlalchemy_models import Author, Book


@contextmanager
def counting_statements(engine):
    """A list that receives the SQL of every statement the engine sends while the block runs."""
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def authors_and_titles_naive(session):
    # author.books is lazy: one SELECT per author, the first time it is read.
    authors = session.scalars(select(Author).order_by(Author.name))
    return [(author.name, sorted(book.title for book in author.books)) for author in authors]


def authors_and_titles(session):
    # selectinload: a second SELECT ... WHERE books.author_id IN (...) loads every collection at once.
    authors = session.scalars(select(Author).options(selectinload(Author.books)).order_by(Author.name))
    return [(author.name, sorted(book.title for book in author.books)) for author in authors]


def authors_and_titles_joined(session):
    # joinedload: one SELECT with a LEFT OUTER JOIN. Each author comes back once per book, so a
    # collection loaded this way needs .unique() on the result.
    statement = select(Author).options(joinedload(Author.books)).order_by(Author.name)
    authors = session.scalars(statement).unique()
    return [(author.name, sorted(book.title for book in author.books)) for author in authors]


def titles_and_authors_naive(session):
    # book.author is lazy too, but an author already in the session is not loaded twice.
    books = session.scalars(select(Book).order_by(Book.title))
    return [(book.title, book.author.name) for book in books]
