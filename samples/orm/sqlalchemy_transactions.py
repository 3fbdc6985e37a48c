"""SQLAlchemy: a transaction with Session.begin(), and savepoints with Session.begin_nested()."""

from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from samples.orm.sqlalchemy_models import Author, Book


def emit_our_own_begin(engine):
    """SQLite only. Python's sqlite3 starts a transaction by itself, and only before INSERT,
    UPDATE or DELETE (its legacy mode, the default through Python 3.15), so a SAVEPOINT sent first
    would not belong to the transaction. Make SQLAlchemy send BEGIN instead."""

    @event.listens_for(engine, "connect")
    def no_implicit_begin(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def begin(connection):
        connection.exec_driver_sql("BEGIN")


def import_catalogue(engine, author_name, rows):
    """The author and its books, all or nothing; a duplicate title is skipped. Returns the skipped titles."""
    skipped = []
    with Session(engine) as session, session.begin():  # commits at the end, rolls back on an exception
        author = Author(name=author_name)
        session.add(author)
        session.flush()  # INSERT the author now: a duplicate name fails here, outside any savepoint
        for title, year in rows:
            try:
                with session.begin_nested():  # SAVEPOINT; RELEASE on success, ROLLBACK TO on an exception
                    session.add(Book(author=author, title=title, published=year))
            except IntegrityError:  # raised by the flush at the end of the nested block
                skipped.append(title)
        if len(skipped) == len(rows):
            raise ValueError(f"no book to import for {author_name}")
    return skipped
