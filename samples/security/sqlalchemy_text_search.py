"""SQLAlchemy 2.0: text() with bound parameters, and a sort order from an allow-list of columns."""

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select, text

metadata = MetaData()
books = Table(
    "books",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String(200), nullable=False),
    Column("published", Integer, nullable=False),
)


def new_engine():
    engine = create_engine("sqlite://")  # in memory; in production, the URL comes from the configuration
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(books.insert(), [{"title": "Dune", "published": 1965}, {"title": "Beloved", "published": 1987}])
    return engine


def titles_published_after(engine, year):
    # :year is a bound parameter: SQLAlchemy sends "... WHERE published > ?" and the value apart.
    # Never build the text() itself with an f-string: text(f"... {year}") is as injectable as any string.
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT title FROM books WHERE published > :year ORDER BY title"), {"year": year})
        return [title for (title,) in rows]


# The client names a sort key; the allow-list maps it to a Column object, which SQLAlchemy quotes itself.
SORTS = {"title": books.c.title.asc(), "year": books.c.published.asc(), "-year": books.c.published.desc()}


def list_titles(engine, sort="title"):
    if sort not in SORTS:
        raise ValueError(f"cannot sort by {sort!r}")
    with engine.connect() as conn:
        return list(conn.scalars(select(books.c.title).order_by(SORTS[sort], books.c.id)))
