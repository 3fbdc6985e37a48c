# --- PYODIDE:env --- #
from course_helpers.sqlalchemy_setup import (
    counting_statements as _counting_statements,
    new_engine as _new_engine,
    use_sqlalchemy as _use_sqlalchemy,
)

await _use_sqlalchemy()

from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from course_helpers.checks import returning as _returning


class Base(DeclarativeBase):
    pass


class Book(Base):
    __tablename__ = "book"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    price_cents: Mapped[int]
    stock: Mapped[int]

    def __repr__(self):
        return f"Book({self.title!r}, price_cents={self.price_cents}, stock={self.stock})"


_SAMPLE = [
    ("Dune", 1299, 4),
    ("Emma", 799, 0),
    ("Ænéide", 1500, 1),
    ("Ulysses", 1999, 3),
    ("Beloved", 1500, 2),
    ("Hamlet", 499, 12),
]


def _library_engine(rows=_SAMPLE):
    """A new database that holds one Book per (title, price_cents, stock) of `rows`."""
    engine = _new_engine()
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all(Book(title=title, price_cents=price, stock=stock) for title, price, stock in rows)
        session.commit()
    return engine


def library_session(rows=_SAMPLE):
    """A new Session on a new database that holds the books of `rows` (the sample books by default)."""
    return Session(_library_engine(rows))


def _expected_titles(rows, max_price, limit):
    """What cheapest_in_stock must give, computed in plain Python."""
    kept = sorted((price, title) for title, price, stock in rows if price <= max_price and stock > 0)
    return [title for price, title in kept[:limit]]


def _shown(rows):
    """The books of `rows`, for a message."""
    text = ", ".join(f"{title!r} {price} ({stock} in stock)" for title, price, stock in rows)
    return text if len(text) <= 300 else text[:297] + "..."


def _check_cheapest(engine, rows, max_price, limit):
    """Call cheapest_in_stock on `engine` (which holds `rows`), as the checks do; fail with a hint."""
    wanted = _expected_titles(rows, max_price, limit)
    by_title = {title: (price, stock) for title, price, stock in rows}
    with Session(engine) as session:
        call_text = f"cheapest_in_stock(session, {max_price}, {limit})"
        with _counting_statements(engine) as statements:
            found = _returning(list, cheapest_in_stock, session, max_price, limit, described_as=call_text)
        sent = list(statements)
    kinds = {type(item).__name__ for item in found}
    if kinds and kinds != {"Book"}:
        advice = (
            "session.execute(select(Book)) gives Row objects, each a tuple holding one Book: "
            "session.scalars(statement) gives the Book objects themselves."
            if "Row" in kinds
            else "select(Book) and return the Book objects the session gives, not their titles or ids."
        )
        raise AssertionError(
            f"{call_text} returned a list of {', '.join(sorted(kinds))}, not of Book objects: "
            f"{found[:2]!r}. Hint: {advice}"
        )
    assert len(sent) == 1 or (len(sent) == 0 and not wanted), (
        f"{call_text} sent {len(sent)} SQL statements; one SELECT was due. "
        "Hint: build one select(Book) with where(), order_by() and limit(), and execute it once with session.scalars()."
    )
    assert not sent or "LIMIT" in sent[0].upper(), (
        f"{call_text} sent this SELECT, without a LIMIT: {sent[0]!r}. Hint: add .limit(limit) to the statement, so that "
        "the database stops after `limit` rows; slicing the list in Python still fetches every matching row."
    )
    titles = [book.title for book in found]
    if titles == wanted:
        return
    out_of_stock = [t for t in titles if t in by_title and by_title[t][1] <= 0]
    too_dear = [t for t in titles if t in by_title and by_title[t][0] > max_price]
    at_bound = [t for t in wanted if by_title[t][0] == max_price]
    prices = [by_title[t][0] if t in by_title else None for t in titles]
    if out_of_stock:
        advice = (
            f"{out_of_stock[0]!r} has a stock of {by_title[out_of_stock[0]][1]}: keep only the books with stock > 0."
        )
    elif too_dear:
        advice = f"{too_dear[0]!r} costs more than {max_price}: compare Book.price_cents <= max_price_cents in where()."
    elif at_bound and max_price not in prices:
        advice = f"{at_bound[0]!r} costs exactly {max_price}, which is at most {max_price}: the bound is inclusive, <=."
    elif prices == [by_title[t][0] for t in wanted]:
        advice = (
            "books of the same price must come in title order, and the limit keeps the first ones in that order. "
            "Order by price_cents, then by title: without that second key, the order of a tie is whatever the "
            "database finds first."
        )
    elif sorted(titles) == sorted(wanted):
        advice = "the right books in the wrong order: cheapest first, order_by(Book.price_cents, Book.title)."
    elif len(titles) > limit:
        advice = f"at most {limit} books: .limit(limit)."
    else:
        advice = (
            "order by price_cents then title, and apply the limit in the statement, after the filters and the order."
        )
    raise AssertionError(
        f"{call_text} on the books [{_shown(rows)}] should give {wanted}, got {titles}. Hint: {advice}"
    )


# --- PYODIDE:code --- #
from sqlalchemy import select


def cheapest_in_stock(session, max_price_cents, limit):
    """The books in stock that cost at most max_price_cents, cheapest first (then by title),
    at most `limit` of them, as a list of Book objects: one SELECT, with its LIMIT."""
    return []


# --- PYODIDE:corr --- #
from sqlalchemy import select


def cheapest_in_stock(session, max_price_cents, limit):
    """The books in stock that cost at most max_price_cents, cheapest first (then by title),
    at most `limit` of them, as a list of Book objects: one SELECT, with its LIMIT."""
    statement = (
        select(Book)
        .where(Book.price_cents <= max_price_cents, Book.stock > 0)
        .order_by(Book.price_cents, Book.title)
        .limit(limit)
    )
    return session.scalars(statement).all()


# --- PYODIDE:tests --- #
# The sample books: cheapest_in_stock(session, 1500, 3) gives Hamlet, Dune and Beloved, in one SELECT.
_check_cheapest(_library_engine(), _SAMPLE, 1500, 3)

# --- PYODIDE:secrets --- #
import random as _random

_TITLES = [
    "Dune", "Dune Messiah", "dune", "Emma", "Beloved", "Hamlet", "Ulysses", "Ænéide", "Éloge", "Zazie",
    "Ödipus", "Καβάφης", "Война и мир", "三国演义", "Middlemarch", "Nadja", "0 Zero", "Lolita", "Walden", "Ça",
    "Candide", "Persuasion", "Kokoro", "Ficciones", "Orlando", "Austerlitz", "Ébène", "zazie", "Beloved 2", "Ubu",
]  # fmt: skip
_PRICES = [0, 1, 499, 500, 501, 999, 1000, 1500, 2500]
_STOCKS = [0, 0, 1, 2, 7]


_rng = _random.Random(20261130)
for _ in range(60):
    _rows = [(title, _rng.choice(_PRICES), _rng.choice(_STOCKS)) for title in _rng.sample(_TITLES, _rng.randint(0, 14))]
    _prices = sorted({price for title, price, stock in _rows}) or [500]
    _bound = _rng.choice(_prices)
    _engine = _library_engine(_rows)
    for _max_price, _limit in ((_bound, _rng.randint(1, 4)), (_bound - 1, 3), (_bound, len(_rows) + 2), (_bound, 0)):
        _check_cheapest(_engine, _rows, _max_price, _limit)
# Ties at every price, unsorted insertion, and the edges of the limit.
_rows = [("Zazie", 500, 1), ("Ça", 500, 3), ("Dune", 500, 1), ("dune", 500, 2), ("Emma", 500, 0), ("Ubu", 499, 1)]
_engine = _library_engine(_rows)
for _max_price, _limit in ((500, 1), (500, 2), (500, 4), (500, 5), (500, 99), (499, 1), (498, 3), (-1, 2), (10**9, 0)):
    _check_cheapest(_engine, _rows, _max_price, _limit)
_check_cheapest(_library_engine([]), [], 1000, 3)
