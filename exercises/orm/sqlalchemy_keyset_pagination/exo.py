# --- PYODIDE:env --- #
import random as _random
from datetime import datetime, timedelta as _timedelta

from course_helpers.checks import returning as _returning
from course_helpers.sqlalchemy_setup import (
    counting_statements as _counting_statements,
    new_engine,
    use_sqlalchemy as _use_sqlalchemy,
)

await _use_sqlalchemy()

from sqlalchemy.orm import DeclarativeBase as _DeclarativeBase, Mapped, Session, mapped_column


class Base(_DeclarativeBase):
    pass


class Event(Base):
    __tablename__ = "events"
    id: Mapped[str] = mapped_column(primary_key=True)
    created_at: Mapped[datetime]
    title: Mapped[str]


_START = datetime(2024, 5, 1, 9, 0)


def _database(events=()):
    """A new database holding `events`, given as (id, minutes after START) pairs, saved in that order."""
    engine = new_engine()
    Base.metadata.create_all(engine)
    add_events(engine, events)
    return engine


def add_events(engine, events):
    with Session(engine) as session:
        for event_id, minutes in events:
            session.add(
                Event(id=event_id, created_at=_START + _timedelta(minutes=minutes), title=f"évènement {event_id}")
            )
        session.commit()


def _key(event):
    return (event[1], event[0])


def _request_page(engine, after, size):
    """One page request in a session of its own, as a web request would make it:
    (ids of the page, cursor, number of SQL statements)."""
    with Session(engine) as session, _counting_statements(engine) as statements:
        result = _returning(
            tuple, page_after, session, after, size, described_as=f"page_after(session, {after!r}, {size})"
        )
        assert len(result) == 2 and isinstance(result[0], list), (
            f"page_after(session, {after!r}, {size}) returned {result!r}; a pair (list of Event, cursor) was due. "
            "Hint: return page, cursor."
        )
        page, cursor = result
        assert all(isinstance(event, Event) for event in page), (
            f"page_after(session, {after!r}, {size}) returned a page of {[type(e).__name__ for e in page][:5]}; "
            "Event objects were due. Hint: session.scalars(select(Event)...) gives Event objects."
        )
        ids = [event.id for event in page]
    return ids, cursor, len(statements)


def _diagnosis(got, expected, seen, last, rows):
    """Advice for a page that is not the expected one. `last` is the (minutes, id) of the last row served."""
    by_id = dict(rows)
    repeated = [i for i in got if i in seen]
    missing = [i for i in expected if i not in got]
    if last and got[:1] == [last[1]]:
        return (
            "the page starts with the last row of the previous page: keep the rows strictly after the cursor, "
            "tuple_(Event.created_at, Event.id) > cursor, not >=."
        )
    if last and (repeated or any(_key((i, by_id[i])) < last for i in got if i in by_id)):
        return (
            "rows from before the cursor came back after rows were added between two requests: an OFFSET counts "
            "rows, so every row added before it shifts the next page. Filter on the last row served instead: "
            "tuple_(Event.created_at, Event.id) > cursor."
        )
    if sorted(got) == sorted(expected):
        return "order_by(Event.created_at, Event.id): created_at alone leaves the order of equal dates undefined."
    if last and any(by_id[i] == last[0] for i in missing):
        return (
            "rows with the same created_at as the last row served were skipped: comparing created_at alone "
            "loses them. Compare the pair: tuple_(Event.created_at, Event.id) > cursor."
        )
    if last and any(i < last[1] for i in missing):
        return (
            "rows with a later created_at but a smaller id were skipped: the pair comparison is "
            "created_at > c OR (created_at = c AND id > i), not created_at >= c AND id > i."
        )
    return "sort by (created_at, id), keep the rows after the cursor, and limit to size rows."


def _walk(engine, size, rows, inserts=None):
    """Request every page from the start, check each against what it must hold, and return the ids served.
    `rows` are the (id, minutes) of the table, kept up to date; `inserts(step, last)` adds rows between two
    requests and returns them."""
    served, cursor, last, step = [], None, None, 0
    while True:
        ids, next_cursor, count = _request_page(engine, cursor, size)
        remaining = sorted((r for r in rows if last is None or _key(r) > last), key=_key)
        expected = [i for i, _ in remaining[:size]]
        assert ids == expected, (
            f"With {len(rows)} rows, size={size}, page {step + 1} should hold the ids {expected}, got {ids}. "
            f"Hint: {_diagnosis(ids, expected, set(served), last, rows)}"
        )
        assert count == 1, (
            f"page_after(session, ..., {size}) sent {count} SQL statements for page {step + 1}; one was due. "
            "Hint: ask for size + 1 rows in one select(): the extra row tells whether a next page exists, no COUNT needed."
        )
        more = len(remaining) > size
        assert (next_cursor is not None) == more, (
            f"With {len(rows)} rows, size={size}, page {step + 1} is "
            + (
                "not the last page, yet the cursor is None. "
                if more
                else f"the last page, yet the cursor is {next_cursor!r}. "
            )
            + "Hint: fetch size + 1 rows: a cursor when the extra row exists, None when it does not (a full last "
            "page has no next page)."
        )
        served += ids
        if ids:
            last = _key(next(r for r in rows if r[0] == ids[-1]))
        if next_cursor is None:
            return served
        cursor, step = next_cursor, step + 1
        assert step <= len(rows) + 1, "page_after never ends. Hint: return None as the cursor on the last page."
        if inserts:
            rows.extend(inserts(step, last))


def _random_rows(rng, count, minutes=6):
    """`count` events with random hex ids and many equal dates, in random order."""
    ids = rng.sample(range(16**4), count)
    return [(f"{i:04x}", rng.randrange(minutes)) for i in ids]


# --- PYODIDE:code --- #
from sqlalchemy import select, tuple_


def page_after(session, after=None, size=10):
    """(the next `size` events after the cursor `after`, the cursor of the next page or None)."""
    return [], None


# --- PYODIDE:corr --- #
from sqlalchemy import select, tuple_


def page_after(session, after=None, size=10):
    """(the next `size` events after the cursor `after`, the cursor of the next page or None)."""
    statement = select(Event).order_by(Event.created_at, Event.id).limit(size + 1)
    if after is not None:
        statement = statement.where(tuple_(Event.created_at, Event.id) > after)
    rows = session.scalars(statement).all()
    page = rows[:size]
    cursor = (page[-1].created_at, page[-1].id) if len(rows) > size else None
    return page, cursor


# --- PYODIDE:tests --- #
_rows = [("b2", 0), ("a7", 1), ("c1", 0), ("a1", 1), ("d4", 2)]
_engine = _database(_rows)
_served = _walk(_engine, 2, list(_rows))
assert _served == ["b2", "c1", "a1", "a7", "d4"], (
    f"Walking the pages of 2 should serve b2, c1, a1, a7, d4, got {_served}. Hint: order by created_at, then id."
)

# --- PYODIDE:secrets --- #
_rng = _random.Random(2024)

_engine = _database()
_ids, _cursor, _count = _request_page(_engine, None, 5)
assert (_ids, _cursor) == ([], None), (
    f"On an empty table, page_after(session, None, 5) should be ([], None), got ({_ids}, {_cursor!r}). "
    "Hint: an empty first page has no next page: return the cursor None."
)

# Every row once, in order, for sizes around the table's size; many equal created_at.
for _count_rows in (1, 7, 24):
    _rows = _random_rows(_rng, _count_rows, minutes=4)
    _engine = _database(_rows)
    for _size in sorted({1, 2, 3, 5, _count_rows - 1, _count_rows, _count_rows + 1} - {0}):
        _served = _walk(_engine, _size, list(_rows))
        assert sorted(_served) == sorted(i for i, _ in _rows), (
            f"Walking {_count_rows} rows by pages of {_size} served {len(_served)} rows. "
            "Hint: every row exactly once: filter (created_at, id) > cursor and limit to size."
        )

# The default size.
_rows = _random_rows(_rng, 23)
_engine = _database(_rows)
with Session(_engine) as _session:
    _result = _returning(tuple, page_after, _session)
assert len(_result) == 2 and len(_result[0]) == 10, (
    f"page_after(session) should give a page of 10 events (the default size), got {_result!r:.200}. "
    "Hint: keep the signature page_after(session, after=None, size=10)."
)

# Rows added between two requests: before the cursor (never served), after it (served once, in their place).
for _size in (1, 3, 4):
    _rows = _random_rows(_rng, 18, minutes=5)
    _engine = _database(_rows)
    _fresh = [f"{i:05x}" for i in _rng.sample(range(16**4, 16**5), 400)]

    def _inserts(step, last, fresh=_fresh, engine=_engine):
        minutes, last_id = last
        # Before the cursor: an equal date with a smaller id, earlier dates.
        new = [(f"{last_id[:-1]}!{step}", minutes), (fresh.pop(), minutes - 1), (fresh.pop(), _rng.randrange(-3, 0))]
        if step % 2:  # right after the cursor: an equal date with a greater id
            new.append((last_id + "+", minutes))
        if step % 3 == 0:
            new.append((fresh.pop(), minutes + 1))
        add_events(engine, new)
        return new

    _table = list(_rows)
    _served = _walk(_engine, _size, _table, _inserts)
    assert len(_served) == len(set(_served)), (
        f"With rows added before the cursor between two requests, some rows were served twice: {_served}. "
        "Hint: an OFFSET counts rows, so every row added before it shifts the next page; filter on the "
        "last row served instead: tuple_(Event.created_at, Event.id) > cursor."
    )
