# --- PYODIDE:env --- #
import random as _random

from course_helpers.checks import call as _call, returning as _returning
from course_helpers.sqlalchemy_setup import (
    counting_statements as _counting_statements,
    new_engine,
    use_sqlalchemy as _use_sqlalchemy,
)

await _use_sqlalchemy()

import sqlalchemy as _sqlalchemy
from sqlalchemy.orm import Session


def _scenario():
    """A session on a new, empty database holding the learner's tables."""
    _call(
        Base.registry.configure,
        described_as="Setting up the mappings of Order and OrderLine",
        advice="Each side's back_populates names the attribute of the other side: Order.lines has "
        "back_populates='order' and OrderLine.order has back_populates='lines'.",
    )
    engine = new_engine()
    _call(Base.metadata.create_all, engine, described_as="Creating the tables of your models")
    return engine, Session(engine)


def _stored_lines(engine):
    """{order_id: sorted products} of the rows of order_lines, read in SQL, past the session."""
    with engine.connect() as connection:
        rows = connection.execute(_sqlalchemy.text("SELECT order_id, product FROM order_lines")).all()
    found = {}
    for order_id, product in rows:
        found.setdefault(order_id, []).append(product)
    return {order_id: sorted(products) for order_id, products in found.items()}


def _commit(session, what, advice):
    """Commit; a failure becomes a message that says which step failed."""
    try:
        session.commit()
    except _sqlalchemy.exc.SQLAlchemyError as error:
        session.rollback()
        raise AssertionError(
            f"{what}: the commit failed with {type(error).__name__}: {str(error).splitlines()[0]}\nHint: {advice}"
        ) from None


def _new_order(customer, *products):
    """An Order with one line per product (quantity 1, unit price 100)."""
    lines = [_call(OrderLine, product=product, quantity=1, unit_price=100) for product in products]
    return _call(Order, customer=customer, lines=lines, advice="Order needs the relationship lines.")


def _as_pairs(result):
    """The learner's result as a list of plain tuples (None for an item that is not a pair)."""
    return [tuple(item) if isinstance(item, (tuple, _sqlalchemy.Row)) and len(item) == 2 else None for item in result]


# --- PYODIDE:code --- #
from sqlalchemy import ForeignKey, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer: Mapped[str]
    # lines: the relationship to OrderLine


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    # order_id: the foreign key to orders.id
    product: Mapped[str]
    quantity: Mapped[int]
    unit_price: Mapped[int]
    # order: the relationship to Order


def orders_totalling_at_least(session, minimum):
    """[(order id, total), ...] for the orders whose total is at least `minimum`."""
    return []


# --- PYODIDE:corr --- #
from sqlalchemy import ForeignKey, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer: Mapped[str]
    lines: Mapped[list["OrderLine"]] = relationship(back_populates="order", cascade="all, delete-orphan")


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    product: Mapped[str]
    quantity: Mapped[int]
    unit_price: Mapped[int]
    order: Mapped["Order"] = relationship(back_populates="lines")


def orders_totalling_at_least(session, minimum):
    """[(order id, total), ...] for the orders whose total is at least `minimum`."""
    total = func.coalesce(func.sum(OrderLine.quantity * OrderLine.unit_price), 0)
    statement = (
        select(Order.id, total)
        .outerjoin(Order.lines)
        .group_by(Order.id)
        .having(total >= minimum)
        .order_by(total.desc(), Order.id)
    )
    return session.execute(statement).all()


# --- PYODIDE:tests --- #
_engine, _session = _scenario()
_order = _new_order("Ada", "tea", "cake")
_session.add_all([_order, _new_order("Bob", "jam")])
_commit(_session, "Saving two orders with their lines", "give OrderLine an order_id, a ForeignKey('orders.id').")
_session.delete(_order)
_commit(
    _session,
    "Deleting an order that has lines",
    "give Order.lines cascade='all, delete-orphan': without it, SQLAlchemy keeps the lines and sets their "
    "order_id to NULL.",
)
assert _stored_lines(_engine) == {2: ["jam"]}, (
    f"After deleting Ada's order, order_lines should hold Bob's line only, got {_stored_lines(_engine)}. "
    "Hint: cascade='all, delete-orphan' on Order.lines deletes an order's lines with it."
)
_found = _as_pairs(_returning(list, orders_totalling_at_least, _session, 50))
assert _found == [(2, 100)], (
    f"orders_totalling_at_least(session, 50) should be [(2, 100)] (one line of 1 x 100), got {_found}. "
    "Hint: group by Order.id and sum quantity * unit_price."
)
_session.close()

# --- PYODIDE:secrets --- #
# Both sides of the relationship follow each other in Python, before any flush.
_engine, _session = _scenario()
_order = _new_order("Chloé")
_line = _call(OrderLine, product="pain", quantity=2, unit_price=150)
_line.order = _order
assert _line in _order.lines, (
    "After line.order = order, the line should already be in order.lines (before any flush). "
    "Hint: give OrderLine.order back_populates='lines', so that setting one side updates the other."
)
_other = _call(OrderLine, product="miel", quantity=1, unit_price=900)
_order.lines.append(_other)
assert _other.order is _order, (
    "After order.lines.append(line), line.order should be that order (before any flush). "
    "Hint: give Order.lines back_populates='order', so that changing the list updates each line."
)
_session.close()

# Deleting an order deletes its lines, and only its lines.
_engine, _session = _scenario()
_orders = [_new_order(f"client {n}", *[f"p{n}-{k}" for k in range(n % 4)]) for n in range(1, 8)]
_session.add_all(_orders)
_commit(_session, "Saving seven orders", "give OrderLine an order_id, a ForeignKey('orders.id').")
_expected = _stored_lines(_engine)
for _victim in (_orders[2], _orders[6], _orders[3]):
    _session.delete(_victim)
    _commit(
        _session,
        f"Deleting the order {_victim.id}, which has {len(_expected.get(_victim.id, []))} line(s)",
        "give Order.lines cascade='all, delete-orphan': without it, SQLAlchemy keeps the lines and sets "
        "their order_id to NULL, which a required foreign key refuses.",
    )
    _expected.pop(_victim.id, None)
    assert _stored_lines(_engine) == _expected, (
        f"After deleting the order {_victim.id}, order_lines should be {_expected}, got {_stored_lines(_engine)}. "
        "Hint: cascade='all, delete-orphan' on Order.lines deletes an order's lines with it, and nothing else."
    )

# Taking a line out of order.lines deletes it: a line has no life without its order.
_kept = _orders[4]
_removed = _kept.lines.pop(0)
_commit(
    _session,
    "Removing a line from order.lines",
    "add delete-orphan to the cascade of Order.lines: cascade='all, delete-orphan'. With 'all' alone, "
    "SQLAlchemy detaches the line by setting its order_id to NULL.",
)
_expected[_kept.id].remove(_removed.product)
_expected = {key: value for key, value in _expected.items() if value}
assert _stored_lines(_engine) == _expected, (
    f"After orders[4].lines.pop(0) and a commit, order_lines should be {_expected}, got {_stored_lines(_engine)}. "
    "Hint: cascade='all, delete-orphan' on Order.lines: a line removed from the list is deleted."
)
_replaced = _orders[5]
_replaced.lines = [_call(OrderLine, product="Ünïcode", quantity=3, unit_price=7)]
_commit(_session, "Replacing order.lines by a new list", "cascade='all, delete-orphan' on Order.lines.")
_expected[_replaced.id] = ["Ünïcode"]
assert _stored_lines(_engine) == _expected, (
    f"After order.lines = [a new line], order_lines should be {_expected}, got {_stored_lines(_engine)}. "
    "Hint: with delete-orphan, the lines left out of the new list are deleted."
)

# A line cannot be stored without an order, nor with an order that does not exist.
for _what, _values in (
    ("a line without an order", {}),
    ("a line whose order_id names no order", {"order_id": 9999}),
):
    _refused = False
    try:
        _session.add(_call(OrderLine, product="orphan", quantity=1, unit_price=1, **_values))
        _session.commit()
    except _sqlalchemy.exc.SQLAlchemyError:
        _refused = True
        _session.rollback()
    assert _refused and _stored_lines(_engine) == _expected, (
        f"Saving {_what} should fail and store nothing, got order_lines {_stored_lines(_engine)}. "
        "Hint: order_id: Mapped[int] = mapped_column(ForeignKey('orders.id')): Mapped[int] (not int | None) "
        "makes it NOT NULL, and the foreign key refuses an order that does not exist."
    )
_session.close()

# The query: random orders, some without lines, ties in totals, every boundary.
_rng = _random.Random(12)
for _ in range(4):
    _engine, _session = _scenario()
    _totals = {}
    _ids = list(range(1, 16))
    _rng.shuffle(_ids)
    for _order_id in _ids:
        _lines = []
        for _k in range(_rng.choice([0, 0, 1, 2, 3])):
            _quantity, _price = _rng.choice([(1, 500), (2, 250), (5, 100), (3, 40), (1, 1)])
            _lines.append(_call(OrderLine, product=f"article {_k}", quantity=_quantity, unit_price=_price))
        _session.add(_call(Order, id=_order_id, customer=f"client {_order_id}", lines=_lines))
        _totals[_order_id] = sum(line.quantity * line.unit_price for line in _lines)
    _commit(_session, "Saving random orders", "check the models against the statement.")
    _session.expunge_all()
    _bounds = sorted(set(_totals.values()))
    for _minimum in [-1, 0, 1, *_bounds, *(b + 1 for b in _bounds)]:
        _wanted = sorted(((i, t) for i, t in _totals.items() if t >= _minimum), key=lambda pair: (-pair[1], pair[0]))
        with _counting_statements(_engine) as _statements:
            _found = _as_pairs(_returning(list, orders_totalling_at_least, _session, _minimum))
        _pairs = [pair for pair in _found if pair]
        if sorted(_found, key=str) == sorted(_wanted, key=str):
            _advice = "order_by(total.desc(), Order.id): the biggest total first, ties by id."
        elif {i for i, _ in _wanted} - {i for i, _ in _pairs} == {i for i, _ in _wanted if _totals[i] == 0} != set():
            _advice = (
                "an inner join drops the orders that have no line: use outerjoin(Order.lines), and "
                "func.coalesce(func.sum(...), 0), so that their total is 0 and not NULL."
            )
        elif len({t for _, t in _pairs}) == 1 < len(_pairs):
            _advice = (
                "every order got the same total: the statement joins nothing, so each order meets every line "
                "(a cartesian product). Join the lines of each order: select(...).outerjoin(Order.lines)."
            )
        else:
            _advice = "sum OrderLine.quantity * OrderLine.unit_price per Order.id, and keep the groups with having()."
        assert _found == _wanted, (
            f"orders_totalling_at_least(session, {_minimum}) should be {_wanted}, got {_found}. Hint: {_advice}"
        )
        assert len(_statements) == 1, (
            f"orders_totalling_at_least(session, {_minimum}) sent {len(_statements)} SQL statements; one was due. "
            "Hint: compute the totals in the database with one select() grouped by order, not in Python."
        )
    _session.close()
