# --- PYODIDE:env --- #
from course_helpers.packages import import_after_require as _import_after_require, require as _require

await _require("django")
import random as _random

from course_helpers.checks import returning as _returning
from course_helpers.django_setup import (
    configure_django as _configure_django,
    counting_queries as _counting_queries,
    create_tables as _create_tables,
    use_database as _use_database,
)

_configure_django()
await _use_database()

_connection, models = _import_after_require("django.db", "connection", "models")


class Book(models.Model):
    title = models.CharField(max_length=200)
    stock = models.IntegerField()  # copies on the shelf; nothing in the database keeps it >= 0

    class Meta:
        app_label = "library"


def fill_shelf(stocks):
    """New, empty tables holding one book per (id, title, stock) of `stocks`, in that order."""
    _create_tables(Book)
    for book_id, title, stock in stocks:
        Book.objects.create(id=book_id, title=title, stock=stock)


def stocks():
    """{id: stock} of every book, read from the table."""
    return dict(Book.objects.order_by("id").values_list("id", "stock"))


class _AnotherRequest:
    """`with AnotherRequest(book_id, copies) as other:` a second customer, served at the worst moment.

    As soon as the code under test has read a row of the book table (a SELECT) and before it sends
    its next statement (its write), this one reserves `copies` of the book on its own, correctly,
    in one conditional UPDATE, as a concurrent request would between the read and the write.
    Afterwards `other.took` is True when it took the copies, False when it found too few, and None
    when it never ran (no statement followed a read: a single UPDATE, for instance)."""

    def __init__(self, book_id, copies):
        self.book_id, self.copies = book_id, copies
        self.read, self.took = False, None

    def __call__(self, execute, sql, params, many, context):
        if self.read and self.took is None:
            # Straight on the driver's connection: not through Django, so not counted among the queries.
            cursor = _connection.connection.execute(
                f'UPDATE "{Book._meta.db_table}" SET "stock" = "stock" - ? WHERE "id" = ? AND "stock" >= ?',
                (self.copies, self.book_id, self.copies),
            )
            self.took = cursor.rowcount == 1
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith("SELECT") and f'"{Book._meta.db_table}"' in sql:
            self.read = True
        return result

    def __enter__(self):
        self._wrapper = _connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc_info):
        return self._wrapper.__exit__(*exc_info)


# --- PYODIDE:code --- #
from django.db.models import F


def reserve(book_id, copies):
    """Take `copies` copies of the book `book_id` out of its stock, if at least that many remain.

    Return True when the copies were reserved, False when too few remain or there is no such
    book. Raise ValueError when copies is less than 1. One SQL statement, an UPDATE."""
    return False


# --- PYODIDE:corr --- #
from django.db.models import F


def reserve(book_id, copies):
    """Take `copies` copies of the book `book_id` out of its stock, if at least that many remain.

    Return True when the copies were reserved, False when too few remain or there is no such
    book. Raise ValueError when copies is less than 1. One SQL statement, an UPDATE."""
    if copies < 1:
        raise ValueError(f"copies must be at least 1, got {copies}")
    taken = Book.objects.filter(pk=book_id, stock__gte=copies).update(stock=F("stock") - copies)
    return taken == 1


# --- PYODIDE:tests --- #
fill_shelf([(1, "Dune", 5), (2, "Beloved", 2)])
_reserved = _returning(bool, reserve, 1, 3)
assert _reserved is True and stocks() == {1: 2, 2: 2}, (
    f"With 5 copies of book 1, reserve(1, 3) should return True and leave 2 copies, got {_reserved!r} and the "
    f"stocks {stocks()}. Hint: Book.objects.filter(pk=book_id, ...).update(stock=F('stock') - copies) takes them."
)
_reserved = _returning(bool, reserve, 2, 3)
if stocks()[2] != 2:
    _advice = "add stock__gte=copies to the filter: the UPDATE must change nothing when too few copies remain."
else:
    _advice = "update() returns the number of rows it changed: 0 when the filter found none."
assert _reserved is False and stocks() == {1: 2, 2: 2}, (
    f"With 2 copies of book 2, reserve(2, 3) should return False and change nothing, got {_reserved!r} and the "
    f"stocks {stocks()}. Hint: {_advice}"
)

# --- PYODIDE:secrets --- #
_SHELF = [(8, "Ænéide", 4), (3, "三体", 1), (21, "Мастер и Маргарита", 0), (5, "Dune", 7), (13, "Emma", 7)]
_UNKNOWN_IDS = (0, 4, 22, 999, -1)


def _refuses(book_id, copies):
    """Call reserve, which must raise ValueError; anything else becomes a failed check."""
    try:
        got = reserve(book_id, copies)
    except ValueError:
        return
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"reserve({book_id}, {copies}) raised {type(error).__name__}: {error}. "
            "Hint: check copies before touching the database, and raise ValueError when it is less than 1."
        ) from None
    raise AssertionError(
        f"reserve({book_id}, {copies}) returned {got!r}; it should raise ValueError, and the stocks are now "
        f"{stocks()}. Hint: copies < 1 is a mistake of the caller (a negative number would add copies): "
        "raise ValueError before the UPDATE."
    )


# Fewer than 1 copy: ValueError, and nothing changes.
fill_shelf(_SHELF)
_before = stocks()
for _book_id in (8, 21, 999):
    for _copies in (0, -1, -4):
        _refuses(_book_id, _copies)
        assert stocks() == _before, (
            f"reserve({_book_id}, {_copies}) changed the stocks from {_before} to {stocks()}. "
            "Hint: raise ValueError before any query, when copies < 1."
        )

# Many reservations, compared with the plain-Python answer; every boundary is met.
_rng = _random.Random(20261130)
fill_shelf(_SHELF)
_shelf = stocks()
for _step in range(120):
    if _step % 15 == 0:  # deliveries: some stocks go up again
        for _book_id in _rng.sample(sorted(_shelf), 2):
            _shelf[_book_id] += _rng.randint(1, 4)
            Book.objects.filter(pk=_book_id).update(stock=_shelf[_book_id])
    _book_id = _rng.choice([*_shelf, *_shelf, _rng.choice(_UNKNOWN_IDS)])
    _stock = _shelf.get(_book_id, 0)
    _copies = _rng.choice([_stock, _stock, _stock + 1, max(_stock - 1, 1), 1, 1, 2, _rng.randint(1, 9)])
    _copies = max(_copies, 1)
    _want = _book_id in _shelf and _stock >= _copies
    _got = _returning(bool, reserve, _book_id, _copies)
    if _want:
        _shelf[_book_id] -= _copies
    if _got != _want or stocks() != _shelf:
        if _book_id not in _shelf:
            _advice = "an id that no book has reserves nothing: the filter finds no row, update() returns 0."
        elif _want and _stock == _copies:
            _advice = (
                "exactly the copies that remain can be reserved, leaving 0: the lookup is stock__gte (>=), "
                "not stock__gt."
            )
        elif not _want:
            _advice = "add stock__gte=copies to the filter: the UPDATE must change nothing when too few copies remain."
        elif any(stocks()[other] != _shelf[other] for other in _shelf if other != _book_id):
            _advice = "filter on the primary key too, pk=book_id: only that book's row may change."
        else:
            _advice = "return True exactly when update() changed one row, and subtract copies with F('stock') - copies."
        _have = f"With {_stock} copies of book {_book_id}" if _book_id in _shelf else f"With no book of id {_book_id}"
        raise AssertionError(
            f"{_have}, reserve({_book_id}, {_copies}) should return {_want} and leave the stocks {_shelf}; it returned "
            f"{_got!r} and left {stocks()}. Hint: {_advice}"
        )

# Another customer reserves the same book between a read and a write of reserve().
for _stock, _copies, _other_copies in ((10, 3, 2), (6, 1, 5), (5, 4, 3), (3, 3, 1), (4, 2, 2)):
    fill_shelf([(1, "Dune", _stock), (2, "Emma", _stock)])
    with _AnotherRequest(1, _other_copies) as _other:
        _got = _returning(bool, reserve, 1, _copies)
    _left = _stock - _other_copies if _other.took else _stock
    _want = _left >= _copies
    _final = _left - _copies if _want else _left
    if (_got, stocks()) == (_want, {1: _final, 2: _stock}):
        continue
    if _other.took and _got and stocks()[1] == _stock - _copies:
        raise AssertionError(
            f"reserve(1, {_copies}) read the stock of book 1 ({_stock}); before it wrote, another request reserved "
            f"{_other_copies} copies and left {_stock - _other_copies}. Your write then set the stock to "
            f"{_stock - _copies}: it overwrote the other request's reservation, {_other_copies} copies sold twice "
            f"(a lost update). The stock should be {_final}. Hint: never compute the new stock in Python from a value "
            "you read: let the database subtract, filter(pk=..., stock__gte=copies).update(stock=F('stock') - copies) "
            "(select_for_update() cannot help here: SQLite has no row locks, and Django leaves the clause out)."
        )
    if _other.took and _got and not _want:
        raise AssertionError(
            f"reserve(1, {_copies}) read the stock of book 1 ({_stock}) and found enough; before it wrote, another "
            f"request reserved {_other_copies} copies and left {_left}, fewer than {_copies}. reserve() still returned "
            f"True and left the stock at {stocks()[1]}: it decided on a stock read before the write, and sold copies "
            "that no longer existed. Hint: put the condition in the UPDATE itself, "
            "filter(pk=book_id, stock__gte=copies).update(...), and return whether it changed a row."
        )
    raise AssertionError(
        f"With {_stock} copies of book 1 and another request reserving {_other_copies} of them while reserve(1, "
        f"{_copies}) ran, reserve should return {_want} and leave the stocks {{1: {_final}, 2: {_stock}}}; it returned "
        f"{_got!r} and left {stocks()}. Hint: one conditional UPDATE with F('stock') - copies, and nothing else."
    )

# One statement: an UPDATE, for a reservation that succeeds, one that fails and an unknown book.
fill_shelf(_SHELF)
for _book_id, _copies in ((5, 7), (8, 5), (999, 1)):
    with _counting_queries() as _queries:
        _returning(bool, reserve, _book_id, _copies)
    _control = ("BEGIN", "SAVEPOINT", "RELEASE", "COMMIT", "ROLLBACK")  # an atomic() block of the learner's
    _sent = [query["sql"] for query in _queries if not query["sql"].lstrip().upper().startswith(_control)]
    assert len(_sent) == 1 and _sent[0].lstrip().upper().startswith("UPDATE"), (
        f"reserve({_book_id}, {_copies}) sent {len(_sent)} SQL statement(s): {[sql[:60] for sql in _sent]}. It should "
        "send exactly one, an UPDATE. Hint: no SELECT, .get() or .exists() first: the UPDATE's WHERE does the "
        "checking, and update() returns how many rows it changed."
    )
