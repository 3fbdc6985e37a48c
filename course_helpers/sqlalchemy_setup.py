"""Run the learner's SQLAlchemy code in the page, on a fresh SQLite database, and count its SQL.

SQLAlchemy 2.0.20 ships with Pyodide, and it needs Python's `sqlite3` module, which Pyodide
builds apart. An exercise's `env` section loads both, then its checks give the learner's
functions an engine of their own and count the statements they send:

    from course_helpers.sqlalchemy_setup import use_sqlalchemy, new_engine, counting_statements
    await use_sqlalchemy()

    engine = new_engine()
    Base.metadata.create_all(engine)
    with counting_statements(engine) as statements:
        titles = books_with_authors(engine)
    assert len(statements) <= 2, ...

The page's Python lives as long as the page, but each engine is a new, empty database in
memory: a Run never sees the rows of the previous one.
"""

from __future__ import annotations

import contextlib

from course_helpers.packages import load_from_pyodide


async def use_sqlalchemy() -> None:
    """Make SQLAlchemy importable: in the page, load Pyodide's build of it with `sqlite3` (the
    first run only; later runs find them loaded)."""
    await load_from_pyodide(
        "sqlalchemy", "sqlalchemy", "SQLAlchemy and Python's sqlite3 module"
    )  # its lock entry needs sqlite3


def new_engine(echo: bool = False):
    """An engine on a new, empty SQLite database in memory, with foreign keys enforced (SQLite
    leaves them off unless asked, per connection)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    # One connection for the engine's life: an in-memory database lives as long as its connection.
    engine = create_engine("sqlite://", poolclass=StaticPool, echo=echo)

    @event.listens_for(engine, "connect")
    def enforce_foreign_keys(dbapi_connection, connection_record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    return engine


@contextlib.contextmanager
def counting_statements(engine):
    """`with counting_statements(engine) as statements:` ... then `len(statements)` is the number of
    SQL statements the engine sent inside the block, and each item is one statement's text."""
    from sqlalchemy import event

    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


__all__ = ["counting_statements", "new_engine", "use_sqlalchemy"]
