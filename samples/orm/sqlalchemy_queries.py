"""SQLAlchemy 2.0: select() statements, run by a Session."""

from sqlalchemy import func, select

from samples.orm.sqlalchemy_models import Author, Book


def recent_books(session, since, limit=10):
    """Book objects: Session.scalars() gives the first column of each row, here the entity."""
    statement = select(Book).where(Book.published >= since).order_by(Book.published.desc(), Book.title).limit(limit)
    return session.scalars(statement).all()


def titles_with_authors(session):
    """Rows of two columns: Session.execute() gives Row objects, which unpack like tuples."""
    statement = select(Book.title, Author.name).join(Book.author).order_by(Book.title)
    return session.execute(statement).all()


def prolific_authors(session, min_books):
    """(name, number of books) for authors with at least `min_books` books."""
    n_books = func.count(Book.id).label("n_books")
    statement = (
        select(Author.name, n_books)
        .outerjoin(Author.books)  # an outer join keeps authors without books, counted 0
        .group_by(Author.id)
        .having(n_books >= min_books)
        .order_by(n_books.desc(), Author.name)
    )
    return session.execute(statement).all()


def latest_book_per_author(session):
    """(author, title, year) of each author's most recent book: a window function in a subquery."""
    rank = func.row_number().over(partition_by=Book.author_id, order_by=(Book.published.desc(), Book.title))
    ranked = select(Book.author_id, Book.title, Book.published, rank.label("rank")).subquery()
    statement = (
        select(Author.name, ranked.c.title, ranked.c.published)
        .join(ranked, ranked.c.author_id == Author.id)
        .where(ranked.c.rank == 1)
        .order_by(Author.name)
    )
    return session.execute(statement).all()


def books_above_average_stock(session):
    """Titles whose stock is above the average: a scalar subquery inside the WHERE clause."""
    average = select(func.avg(Book.stock)).scalar_subquery()
    return session.scalars(select(Book.title).where(Book.stock > average).order_by(Book.title)).all()
