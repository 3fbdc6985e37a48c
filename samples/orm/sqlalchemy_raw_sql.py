"""SQLAlchemy: raw SQL with bound parameters, and the string formatting it replaces."""

from sqlalchemy import bindparam, text


def books_by_title(session, title):
    # :title is a bound parameter: the driver sends the value apart from the SQL text.
    statement = text("SELECT id, title, published FROM books WHERE title = :title ORDER BY id")
    return session.execute(statement, {"title": title}).all()


def books_published_in(session, years):
    # expanding=True turns one parameter into IN (?, ?, ...), one placeholder per value.
    statement = text("SELECT title FROM books WHERE published IN :years ORDER BY title").bindparams(
        bindparam("years", expanding=True)
    )
    return session.scalars(statement, {"years": list(years)}).all()


def books_by_title_UNSAFE(session, title):
    # NEVER do this: the value becomes part of the SQL, so a quote in it changes the query.
    return session.execute(text(f"SELECT id, title, published FROM books WHERE title = '{title}' ORDER BY id")).all()
