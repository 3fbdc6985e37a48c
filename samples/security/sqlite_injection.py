"""SQL injection with the standard library's sqlite3: a query built with an f-string, and the same
query with a bound parameter; a sort column chosen from an allow-list, since no placeholder can
stand for a column name."""

import sqlite3


def new_shop():
    """A database in memory with two tables: the books the page lists, and users it must never show."""
    db = sqlite3.connect(":memory:")
    db.executescript(
        """
        CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, published INTEGER NOT NULL);
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, password_hash TEXT NOT NULL);
        INSERT INTO books (title, published) VALUES ('Dune', 1965), ('Beloved', 1987), ('L''Œuvre', 1886);
        INSERT INTO users (email, password_hash) VALUES ('ada@example.com', 'pbkdf2_sha256$1000000$...');
        """
    )
    return db


def search_titles_unsafe(db, words):
    # VULNERABLE: the input becomes part of the SQL text, so a quote in it ends the string literal.
    sql = f"SELECT title, published FROM books WHERE title LIKE '%{words}%'"
    return db.execute(sql).fetchall()


def search_titles(db, words):
    # The SQL text is fixed; the value travels apart, bound to the ? placeholder by the driver.
    return db.execute("SELECT title, published FROM books WHERE title LIKE ?", [f"%{words}%"]).fetchall()


# Identifiers (table and column names, ASC/DESC) cannot be parameters: map what the client may ask for
# to SQL text written here, and refuse anything else.
SORT_COLUMNS = {"title": "title", "year": "published", "-year": "published DESC"}


def list_books(db, sort="title"):
    try:
        order_by = SORT_COLUMNS[sort]
    except KeyError:
        raise ValueError(f"cannot sort by {sort!r}; choose one of {sorted(SORT_COLUMNS)}") from None
    return db.execute(f"SELECT title, published FROM books ORDER BY {order_by}, id").fetchall()
