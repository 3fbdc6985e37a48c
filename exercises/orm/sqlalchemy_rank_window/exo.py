# --- PYODIDE:env --- #
import random as _random

from course_helpers.checks import returning as _returning
from course_helpers.sqlalchemy_setup import (
    counting_statements as _counting_statements,
    new_engine as _new_engine,
    use_sqlalchemy as _use_sqlalchemy,
)

await _use_sqlalchemy()

from sqlalchemy import Row as _Row
from sqlalchemy.orm import DeclarativeBase as _DeclarativeBase, Mapped, Session, mapped_column


class Base(_DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    category: Mapped[str]
    sales: Mapped[int]


def database(products):
    """A new database holding `products`, given as (name, category, sales) tuples."""
    engine = _new_engine()
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all(Product(name=n, category=c, sales=s) for n, c, s in products)
        session.commit()
    return engine


def _ranked(products, n, kind="rank", partition=True, descending=True):
    """The expected rows, computed in Python; the other kinds describe the usual mistakes."""
    rows = []
    for name, category, sales in products:
        group = [p for p in products if p[1] == category or not partition]
        key = (lambda s: -s) if descending else (lambda s: s)
        if kind == "dense":
            place = 1 + len({key(p[2]) for p in group if key(p[2]) < key(sales)})
        else:
            place = 1 + sum(1 for p in group if key(p[2]) < key(sales))
        if place <= n:
            rows.append((category, place, name))
    return sorted(rows)


def _top(engine, products, n):
    """(the learner's rows as plain tuples, the number of statements sent)."""
    with Session(engine) as session, _counting_statements(engine) as statements:
        result = _returning(
            list,
            top_sellers,
            session,
            n,
            described_as=f"top_sellers(session, {n})",
            advice="A window function cannot appear in WHERE (SQLite says: misuse of window function): compute it in a "
            "subquery, then filter the subquery.",
        )
    return [tuple(row) if isinstance(row, (tuple, _Row)) else row for row in result], len(statements)


def _advice_for(found, products, n):
    """Advice for a wrong result: which usual mistake it matches."""
    for wrong, advice in (
        (
            _ranked(products, n, kind="dense"),
            "after a tie, the next rank skips: sales 90, 80, 80, 70 rank 1, 2, 2, 4. That is rank(); "
            "dense_rank() gives 1, 2, 2, 3.",
        ),
        (
            _ranked(products, n, partition=False),
            "rank within each category: over(partition_by=Product.category, ...), or the products of "
            "every category compete for the same places.",
        ),
        (
            _ranked(products, n, descending=False),
            "the best seller comes first: order_by=Product.sales.desc() in over().",
        ),
        (
            _ranked(products, n - 1),
            f"keep the rank {n} too: the condition is rank <= n.",
        ),
    ):
        if found == wrong:
            return advice
    places, wanted_places = {}, {}
    for category, place, _ in (row for row in found if isinstance(row, tuple) and len(row) == 3):
        places.setdefault(category, []).append(place)
    for category, place, _ in _ranked(products, n):
        wanted_places.setdefault(category, []).append(place)
    numbered = all(sorted(p) == list(range(1, len(p) + 1)) for p in places.values())
    if places and numbered and any(len(set(p)) < len(p) for p in wanted_places.values()):
        return (
            "products with equal sales share a place: func.rank(), not func.row_number(), which numbers tied "
            "products one after the other and drops some of them at the boundary."
        )
    return "rank each category's products by sales, highest first, in a subquery; keep rank <= n; sort the rows."


# --- PYODIDE:code --- #
from sqlalchemy import func, select


def top_sellers(session, n):
    """[(category, rank, name), ...]: the products ranked n or better in their category."""
    return []


# --- PYODIDE:corr --- #
from sqlalchemy import func, select


def top_sellers(session, n):
    """[(category, rank, name), ...]: the products ranked n or better in their category."""
    place = func.rank().over(partition_by=Product.category, order_by=Product.sales.desc())
    ranking = select(Product.category, place.label("place"), Product.name).subquery()
    statement = (
        select(ranking.c.category, ranking.c.place, ranking.c.name)
        .where(ranking.c.place <= n)
        .order_by(ranking.c.category, ranking.c.place, ranking.c.name)
    )
    return session.execute(statement).all()


# --- PYODIDE:tests --- #
_PRODUCTS = [("Kettle", "Kitchen", 40), ("Pan", "Kitchen", 90), ("Whisk", "Kitchen", 40), ("Rake", "Garden", 15)]
_engine = database(_PRODUCTS)
_found, _ = _top(_engine, _PRODUCTS, 2)
assert _found == [("Garden", 1, "Rake"), ("Kitchen", 1, "Pan"), ("Kitchen", 2, "Kettle"), ("Kitchen", 2, "Whisk")], (
    f"top_sellers(session, 2) should keep Rake, Pan, and Kettle and Whisk tied at 2, got {_found}. "
    f"Hint: {_advice_for(_found, _PRODUCTS, 2)}"
)

# --- PYODIDE:secrets --- #
_rng = _random.Random(31)
_CATEGORIES = ["Épicerie", "Garden", "Kitchen", "kitchen", "Ørsted lamps"]
for _size in (0, 1, 6, 25):
    _products = [
        (
            f"{_rng.choice(['Bol', 'Cup', 'Lampe', 'Öl', 'Rake'])} {i:02d}",
            _rng.choice(_CATEGORIES),
            _rng.choice([5, 20, 20, 35, 50]),
        )
        for i in _rng.sample(range(100), _size)
    ]
    _engine = database(_products)
    for _n in range(-1, 8):
        _found, _count = _top(_engine, _products, _n)
        _wanted = _ranked(_products, _n)
        assert _found == _wanted, (
            f"With {_size} products, top_sellers(session, {_n}) should be {_wanted}, got {_found}. "
            f"Hint: {_advice_for(_found, _products, _n)}"
        )
        assert _count == 1, (
            f"top_sellers(session, {_n}) sent {_count} SQL statements; one was due. "
            "Hint: rank in the database: a subquery with rank().over(...), filtered and sorted by the outer select()."
        )
