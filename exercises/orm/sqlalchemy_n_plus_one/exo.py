# --- PYODIDE:env --- #
from course_helpers.sqlalchemy_setup import (
    counting_statements as _counting_statements,
    new_engine as _new_engine,
    use_sqlalchemy as _use_sqlalchemy,
)

await _use_sqlalchemy()

import random as _random
from collections import Counter as _Counter

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from course_helpers.feedback import learner_line as _learner_line, message_of as _message_of


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "author"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    books: Mapped[list["Book"]] = relationship(back_populates="author", order_by="Book.title")


class Book(Base):
    __tablename__ = "book"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="books")


_SAMPLE = [  # (author's name, titles of their books), in the order they are added
    ("Ursula K. Le Guin", ["The Lathe of Heaven", "A Wizard of Earthsea", "The Dispossessed"]),
    ("Émile Zola", ["Germinal", "Nana"]),
    ("Anonymous", []),
    ("Colette", ["Chéri"]),
]


def _authors_engine(authors=_SAMPLE, seed=0):
    """A new database holding these authors and their books; the books are added in a shuffled
    order, so that their ids follow neither the authors nor the titles."""
    engine = _new_engine()
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        added = [Author(name=name) for name, titles in authors]
        session.add_all(added)
        session.flush()  # gives the authors their ids
        books = [Book(title=t, author_id=author.id) for author, (name, titles) in zip(added, authors) for t in titles]
        _random.Random(seed).shuffle(books)
        session.add_all(books)
        session.commit()
    return engine


def authors_session():
    """A new Session on a new database holding the sample authors and books."""
    return Session(_authors_engine())


def _expected_listing(authors):
    """What authors_with_books must give for `authors`, computed in plain Python (the ids follow `authors`)."""
    numbered = sorted((name, number, sorted(titles)) for number, (name, titles) in enumerate(authors))
    return [(name, titles) for name, number, titles in numbered]


def _check_listing(authors, seed=0):
    """Call authors_with_books on a new database holding `authors`; fail with a message and a hint."""
    engine = _authors_engine(authors, seed)
    call_text = f"authors_with_books(session) with {len(authors)} authors"
    with Session(engine) as session, _counting_statements(engine) as statements:
        try:
            answer = authors_with_books(session)
        except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
            text = _message_of(error).splitlines()[0] if _message_of(error) else ""
            if "unique()" in text:
                advice = (
                    "joinedload() of a collection sends one row per (author, book) pair, so an author with three "
                    "books comes back three times; SQLAlchemy 2.0 refuses to guess and asks you to remove the "
                    "repeats yourself: session.scalars(statement).unique().all(). Or use selectinload(), which "
                    "needs no unique()."
                )
            else:
                advice = "Return a list of (name, [titles]) pairs, one per author."
            raise AssertionError(
                f"{call_text} raised {type(error).__name__}: {text}\n"
                f"Hint: the line that raised it is {_learner_line(error)}. {advice}"
            ) from None
        try:
            shaped = [(name, list(titles)) for name, titles in answer]
        except (TypeError, ValueError):  # not pairs, or a title list that is no iterable
            shaped = None
    assert (
        isinstance(answer, list)
        and shaped is not None
        and all(isinstance(name, str) and all(isinstance(t, str) for t in titles) for name, titles in shaped)
    ), (
        f"{call_text} returned {answer!r:.120}; a list of (name, [titles]) pairs was due. Hint: keep the given return "
        "line: [(author.name, [book.title for book in author.books]) for author in authors]."
    )
    wanted = _expected_listing(authors)
    if shaped != wanted:
        bookless = _Counter(name for name, titles in wanted if not titles)
        missing = list((bookless - _Counter(name for name, titles in shaped if not titles)).elements())
        if missing and len(shaped) < len(wanted):
            advice = (
                f"{missing[0]!r}, who has no book, is missing. An inner join keeps only the authors that have a "
                "book: joinedload() joins with LEFT OUTER JOIN unless given innerjoin=True, which is for relations "
                "that always have a row."
            )
        elif sorted(shaped) == sorted((n, sorted(ts)) for n, ts in shaped) == sorted(wanted):
            advice = (
                "the authors are right but in another order: keep order_by(Author.name, Author.id) in the statement."
            )
        elif [(n, sorted(ts)) for n, ts in shaped] == wanted:
            advice = (
                "each author's titles must come in title order, as author.books gives them (the relationship has "
                "order_by='Book.title'). A query of your own for the books needs its own order_by(Book.title)."
            )
        else:
            advice = "every author, by name then id, each with the titles of their books, in title order."
        raise AssertionError(f"{call_text} should give {wanted!r:.300}, got {shaped!r:.300}. Hint: {advice}")
    assert len(statements) <= 2, (
        f"{call_text} sent {len(statements)} SQL statements: one for the authors, then one per author (a lazy load of "
        "author.books, or a query of your own inside the loop), which is the N+1 problem. At most 2 were due. "
        "Hint: load every author's books with the authors: select(Author).options(selectinload(Author.books)) "
        "sends one more SELECT for all the books at once."
    )


# --- PYODIDE:code --- #
from sqlalchemy import select


def authors_with_books(session):
    """[(author's name, [titles of their books])] for every author, by name (then id), each
    author's titles in title order. It works, but sends one SELECT per author: fix that."""
    authors = session.scalars(select(Author).order_by(Author.name, Author.id)).all()
    return [(author.name, [book.title for book in author.books]) for author in authors]


# --- PYODIDE:corr --- #
from sqlalchemy import select
from sqlalchemy.orm import selectinload


def authors_with_books(session):
    """[(author's name, [titles of their books])] for every author, by name (then id), each
    author's titles in title order, in at most two SELECTs."""
    statement = select(Author).options(selectinload(Author.books)).order_by(Author.name, Author.id)
    authors = session.scalars(statement).all()
    return [(author.name, [book.title for book in author.books]) for author in authors]


# --- PYODIDE:tests --- #
# The sample authors: the same listing as before, in at most 2 statements.
_check_listing(_SAMPLE)

# --- PYODIDE:secrets --- #
_NAMES = [
    "Anonymous", "Anonymous", "Colette", "colette", "Émile Zola", "Zola", "Ōe Kenzaburō", "Лев Толстой",
    "Zadie Smith", "Ali Smith", "Ngũgĩ wa Thiong'o", "Ann", "Anne", "Ann", "Æsop", "0 Collective",
]  # fmt: skip
_TITLES = ["Ça", "Nana", "Germinal", "Ulysses", "ulysses", "Anna", "Воскресение", "Z", "A", "Chéri", "Dune", "Emma"]

_rng = _random.Random(4242)
for _size in (0, 1, 5, 30):
    for _attempt in range(3):
        _authors = [
            (_rng.choice(_NAMES), [_rng.choice(_TITLES) for _ in range(_rng.choice([0, 1, 2, 3, 5]))])
            for _ in range(_size)
        ]
        if _authors:  # one author without any book, somewhere
            _authors[_rng.randrange(_size)] = (_rng.choice(_NAMES), [])
        _check_listing(_authors, seed=_rng.randrange(1000))
# Two authors of the same name: the one added first comes first, each with their own books.
_check_listing([("Ann", ["Zeta", "Alpha"]), ("Ann", []), ("Ann", ["Mu"]), ("Ann", ["Beta", "Beta"])], seed=3)
_check_listing([("Solo", [])])
