# --- PYODIDE:env --- #
from course_helpers.sqlalchemy_setup import new_engine as _new_engine, use_sqlalchemy as _use_sqlalchemy

await _use_sqlalchemy()

from sqlalchemy import ForeignKey, String, event as _event
from sqlalchemy.engine import Row as _Row
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from course_helpers.feedback import learner_line as _learner_line, message_of as _message_of


class Base(DeclarativeBase):
    pass


class Publisher(Base):
    __tablename__ = "publisher"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    books: Mapped[list["Book"]] = relationship(back_populates="publisher")


class Book(Base):
    __tablename__ = "book"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    rating: Mapped[int]  # 1 to 5 stars
    publisher_id: Mapped[int] = mapped_column(ForeignKey("publisher.id"))
    publisher: Mapped[Publisher] = relationship(back_populates="books")


_SAMPLE_PUBLISHERS = ["Zed Books", "Penguin", "Actes Sud", "Gallimard", "Éditions de Minuit", "Faber"]
_SAMPLE_BOOKS = [  # (title, rating, publisher)
    ("Dune", 5, "Penguin"),
    ("L'Étranger", 5, "Gallimard"),
    ("Emma", 4, "Penguin"),
    ("Molloy", 5, "Éditions de Minuit"),
    ("Nadja", 3, "Gallimard"),
    ("Ariel", 4, "Faber"),
    ("Middlemarch", 2, "Penguin"),
    ("Zazie", 4, "Gallimard"),
    ("Cats", 4, "Faber"),
    ("Walden", 4, "Penguin"),
    ("Leviathan", 2, "Zed Books"),
    ("Gaza", 3, "Zed Books"),
]


def _publishers_engine(publishers=_SAMPLE_PUBLISHERS, books=_SAMPLE_BOOKS):
    """A new database holding these publishers (names) and books ((title, rating, publisher name))."""
    engine = _new_engine()
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        by_name = {name: Publisher(name=name) for name in publishers}
        session.add_all(by_name.values())
        session.add_all(Book(title=t, rating=r, publisher=by_name[p]) for t, r, p in books)
        session.commit()
    return engine


def publishers_session():
    """A new Session on a new database holding the sample publishers and books."""
    return Session(_publishers_engine())


def _ranked(counts, min_books):
    """[(name, count)] of the publishers with count >= min_books, by count descending, then name."""
    return sorted(((n, c) for n, c in counts.items() if c >= min_books), key=lambda pair: (-pair[1], pair[0]))


def _good_counts(publishers, books, min_rating, strict=False):
    """For each publisher, how many of its books are rated at least min_rating (above it when strict)."""
    counts = dict.fromkeys(publishers, 0)
    for _title, rating, publisher in books:
        if rating > min_rating or (rating == min_rating and not strict):
            counts[publisher] += 1
    return counts


def _run_report(engine, min_rating, min_books, call_text):
    """Call the learner's function in a new Session; return its answer as a list of tuples and the
    (SQL, parameters) of each statement it sent. What goes wrong becomes a message with a hint."""
    sent = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters))

    _event.listen(engine, "before_cursor_execute", record)
    try:
        with Session(engine) as session:
            answer = publishers_with_good_books(session, min_rating, min_books)
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        text = _message_of(error).splitlines()[0] if _message_of(error) else ""
        advice = (
            "SQLite refuses an aggregate such as count() in WHERE: WHERE filters rows before they are grouped. "
            "A condition on a group's count goes in having(), after group_by()."
            if "misuse of aggregate" in text
            else "Build one select() of Publisher.name and func.count(...), then execute it."
        )
        raise AssertionError(
            f"{call_text} raised {type(error).__name__}: {text}\n"
            f"Hint: the line that raised it is {_learner_line(error)}. {advice}"
        ) from None
    finally:
        _event.remove(engine, "before_cursor_execute", record)
    if not isinstance(answer, list) or not all(isinstance(i, (tuple, _Row)) and len(i) == 2 for i in answer):
        shown = repr(answer) if len(repr(answer)) <= 120 else repr(answer)[:117] + "..."
        raise AssertionError(
            f"{call_text} returned {shown}; a list of (name, count) pairs was due. "
            "Hint: select(Publisher.name, <the count>) and return session.execute(statement).all(): a list of "
            "rows, each a (name, count) pair."
        )
    return [tuple(item) for item in answer], sent


def _check_report(engine, publishers, books, min_rating, min_books):
    """Check publishers_with_good_books on `engine`, which holds these publishers and books."""
    call_text = f"publishers_with_good_books(session, {min_rating}, {min_books})"
    found, sent = _run_report(engine, min_rating, min_books, call_text)
    counts = _good_counts(publishers, books, min_rating)
    wanted = _ranked(counts, min_books)
    assert len(sent) == 1, (
        f"{call_text} sent {len(sent)} SQL statements; one was due. Hint: do the counting in the database, in one "
        "select() with a join to Book, group_by() and having(), instead of a query (or a lazy load) per publisher."
    )
    sql, parameters = sent[0]
    with engine.connect() as connection:
        fetched = len(connection.exec_driver_sql(sql, parameters).fetchall())
    if found == wanted and fetched == len(wanted):
        return
    data = f"publishers {publishers} and books {books}"
    data = data if len(data) <= 400 else data[:397] + "..."
    if found == wanted:
        advice = (
            f"your SELECT returned {fetched} rows for {len(wanted)} results: the condition on the count was applied "
            "in Python. Put it in the statement, with having(count >= min_books), so that the database sends only "
            "the groups you keep."
        )
    elif sorted(found) == sorted(wanted):
        if [c for n, c in found] == [c for n, c in wanted]:
            advice = (
                "publishers with the same count must come in name order: add Publisher.name to order_by(), after "
                "the count; without it, the order of a tie is whatever the database finds first."
            )
        else:
            advice = "order by the count, descending, first: order_by(count.desc(), Publisher.name)."
    elif found == _ranked({n: max(c, 1) for n, c in counts.items()}, min_books):
        advice = (
            "a publisher without any book rated high enough is counted 1. With an outer join, such a publisher still "
            "has one row, its Book columns all NULL: func.count() (COUNT(*)) counts that row, func.count(Book.id) "
            "counts only the non-NULL ids, so it gives 0."
        )
    elif found == _ranked({n: c for n, c in counts.items() if c}, min_books):
        if "LEFT OUTER JOIN" in sql.upper():
            advice = (
                "the publishers without a book rated high enough are missing: the rating condition sits in WHERE, "
                "which drops the outer join's rows of NULLs (NULL >= 4 is not true). Put the condition in the join "
                "itself, outerjoin(Publisher.books.and_(Book.rating >= min_rating)), so it only chooses which books "
                "join."
            )
        else:
            advice = (
                "the publishers without a book rated high enough are missing: an inner join keeps only the "
                "publishers that have a matching book. Use outerjoin(), so every publisher has at least one row."
            )
    elif found == _ranked(counts, min_books + 1):
        advice = f"'at least {min_books}' includes {min_books}: having(count >= min_books), not >."
    elif found == _ranked(_good_counts(publishers, books, min_rating, strict=True), min_books):
        advice = f"a book rated exactly {min_rating} is rated at least {min_rating}: Book.rating >= min_rating, not >."
    else:
        advice = (
            "count, for each publisher, its books rated at least min_rating (func.count(Book.id) over an outer "
            "join), keep the groups with having(), and order by count descending, then name."
        )
    raise AssertionError(f"{call_text} on the {data} should give {wanted}, got {found}. Hint: {advice}")


# --- PYODIDE:code --- #
from sqlalchemy import func, select


def publishers_with_good_books(session, min_rating, min_books):
    """[(publisher name, number of its books rated at least min_rating)] for the publishers that
    have at least min_books such books, by that number (descending), then by name: one SELECT."""
    return []


# --- PYODIDE:corr --- #
from sqlalchemy import func, select


def publishers_with_good_books(session, min_rating, min_books):
    """[(publisher name, number of its books rated at least min_rating)] for the publishers that
    have at least min_books such books, by that number (descending), then by name: one SELECT."""
    good_books = func.count(Book.id)
    statement = (
        select(Publisher.name, good_books)
        .outerjoin(Publisher.books.and_(Book.rating >= min_rating))
        .group_by(Publisher.id)
        .having(good_books >= min_books)
        .order_by(good_books.desc(), Publisher.name)
    )
    return session.execute(statement).all()


# --- PYODIDE:tests --- #
# The sample data: (4, 2) gives [('Penguin', 3), ('Faber', 2), ('Gallimard', 2)], in one SELECT.
_check_report(_publishers_engine(), _SAMPLE_PUBLISHERS, _SAMPLE_BOOKS, 4, 2)
# With min_books 0, every publisher is listed, Actes Sud (no book at all) and Zed Books with 0.
_check_report(_publishers_engine(), _SAMPLE_PUBLISHERS, _SAMPLE_BOOKS, 4, 0)

# --- PYODIDE:secrets --- #
import random as _random

_NAMES = [
    "Penguin", "Gallimard", "Faber", "Actes Sud", "Zed Books", "Éditions de Minuit", "Ørsted Forlag", "Äsop",
    "Verso", "verso", "Seuil", "岩波書店", "Ediciones Ñ", "Minuit", "Picador", "Zulma",
]  # fmt: skip
_TITLES = ["Dune", "Emma", "Nadja", "Ariel", "Walden", "Ça", "Молчание", "Kokoro", "Zazie", "Ubu"]

_rng = _random.Random(1130)
for _ in range(40):
    _publishers = _rng.sample(_NAMES, _rng.randint(0, 8))
    _books = [
        (_rng.choice(_TITLES), _rng.randint(1, 5), publisher)
        for publisher in _publishers
        for _ in range(_rng.choice([0, 0, 1, 2, 3, 5]))
    ]
    _rng.shuffle(_books)
    _engine = _publishers_engine(_publishers, _books)
    _min_rating = _rng.choice([rating for title, rating, publisher in _books] or [3])
    _counts = sorted(set(_good_counts(_publishers, _books, _min_rating).values())) or [1]
    for _min_books in {0, 1, _rng.choice(_counts), max(_counts), max(_counts) + 1}:
        _check_report(_engine, _publishers, _books, _min_rating, _min_books)
# Every publisher tied, none with a book, and an empty database.
_tied = ["Zulma", "Äsop", "Verso", "verso", "Minuit"]
_books = [(title, 4, publisher) for publisher in _tied for title in ("Ça", "Ubu")] + [("Emma", 3, "Minuit")]
for _min_rating, _min_books in ((4, 2), (4, 3), (5, 0), (3, 0), (1, 1)):
    _check_report(_publishers_engine(_tied, _books), _tied, _books, _min_rating, _min_books)
_check_report(_publishers_engine(_tied, []), _tied, [], 1, 0)
_check_report(_publishers_engine([], []), [], [], 3, 0)
