# --- PYODIDE:env --- #
import random as _random
from datetime import date, timedelta as _timedelta

from course_helpers.checks import returning as _returning
from course_helpers.sqlalchemy_setup import (
    counting_statements as _counting_statements,
    new_engine as _new_engine,
    use_sqlalchemy as _use_sqlalchemy,
)

await _use_sqlalchemy()

from sqlalchemy import text

_SCHEMA = (
    "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, category TEXT NOT NULL)",
    "CREATE TABLE sales (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products (id), "
    "sold_on TEXT NOT NULL, quantity INTEGER NOT NULL, amount INTEGER NOT NULL)",
)
_PRODUCTS = [
    (1, "Green tea", "Tea & coffee"),
    (2, "GREEN tea, 50% off", "Tea & coffee"),
    (3, "Earl_Grey", "Tea & coffee"),
    (4, "EarlXGrey", "Tea & coffee"),
    (5, "Café crème", "Tea & coffee"),
    (6, "CAFÉ noir", "Tea & coffee"),
    (7, "L'Or espresso", "Tea & coffee"),
    (8, "Mug C:\\tea", "Tea & coffee"),
    (9, "Mug C:tea", "Tea & coffee"),
    (10, "Rake", "Jardin d'hiver"),
    (11, "Seeds 100%", "Jardin d'hiver"),
    (12, "Œillet", "Jardin d'hiver"),
    (13, "Honey", "Épicerie"),
    (14, "Green honey", "Épicerie"),
]
_CATEGORIES = sorted({category for _, _, category in _PRODUCTS})
_FIRST_DAY = date(2024, 3, 1)


def database(sales):
    """A new database holding PRODUCTS and `sales`, (product id, day number, quantity, amount) tuples."""
    engine = _new_engine()
    with engine.begin() as connection:
        for statement in _SCHEMA:
            connection.execute(text(statement))
        connection.execute(text("INSERT INTO products VALUES (:i, :n, :c)"), [dict(zip("inc", p)) for p in _PRODUCTS])
        connection.execute(
            text("INSERT INTO sales (product_id, sold_on, quantity, amount) VALUES (:p, :d, :q, :a)"),
            [{"p": p, "d": (_FIRST_DAY + _timedelta(days=d)).isoformat(), "q": q, "a": a} for p, d, q, a in sales],
        )
    return engine


def _random_sales(rng, count):
    return [
        (rng.randint(1, 14), rng.randrange(40), rng.randint(1, 4), rng.choice([150, 300, 990, 1000]))
        for _ in range(count)
    ]


def _ascii_folded(value):
    """What SQLite's LIKE compares: ASCII letters without case; any other character as it is."""
    return "".join(c.lower() if c.isascii() else c for c in value)


def _expected_report(sales, category, start, end, search=None):
    """The report, computed in Python."""
    totals = {}
    for product_id, day, quantity, amount in sales:
        _, name, product_category = _PRODUCTS[product_id - 1]
        if product_category != category or not start <= _FIRST_DAY + _timedelta(days=day) <= end:
            continue
        if search is not None and _ascii_folded(search) not in _ascii_folded(name):
            continue
        old = totals.get(name, (0, 0))
        totals[name] = (old[0] + quantity, old[1] + amount)
    return sorted(((name, q, a) for name, (q, a) in totals.items()), key=lambda row: (-row[2], row[0]))


def _run_report(engine, category, start, end, search=None):
    """(the learner's report as plain tuples, the SQL texts it sent)."""
    with engine.connect() as connection, _counting_statements(engine) as statements:
        result = _returning(
            list,
            category_sales,
            connection,
            category,
            start,
            end,
            search,
            described_as=f"category_sales(connection, {category!r}, {start}, {end}, {search!r})",
            advice="If it is a SQL syntax error, a value was pasted into the SQL text, and a quote in it broke "
            "the statement: send every value as a bound parameter (:name), never inside the SQL.",
        )
    return [tuple(row) for row in result], statements


def _advice_for(found, wanted, search, default):
    """The advice for a report that differs from the expected one."""
    if search is None and wanted and not found:
        return (
            "with search=None, every product of the category counts: a condition such as name LIKE '%' || "
            ":search || '%' is NULL for a None search, and keeps nothing. Add the LIKE only when a search "
            "is given, or write (:pattern IS NULL OR name LIKE :pattern)."
        )
    if search and any(character in search for character in "%_\\"):
        return (
            "in LIKE, % and _ are wildcards: escape them (and the escape character itself) in the search, and "
            "say which character escapes: name LIKE :pattern ESCAPE '\\'."
        )
    return default


def _row_counts(engine):
    with engine.connect() as connection:
        return [connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() for table in ("products", "sales")]


# --- PYODIDE:code --- #
from sqlalchemy import text


def category_sales(connection, category, start, end, search=None):
    """[(product name, quantity sold, amount in cents), ...] for one category between two dates."""
    return []


# --- PYODIDE:corr --- #
from sqlalchemy import text

REPORT = text(
    """
    SELECT p.name, SUM(s.quantity), SUM(s.amount)
    FROM sales AS s JOIN products AS p ON p.id = s.product_id
    WHERE p.category = :category
      AND s.sold_on BETWEEN :start AND :end
      AND (:pattern IS NULL OR p.name LIKE :pattern ESCAPE '\\')
    GROUP BY p.id
    ORDER BY SUM(s.amount) DESC, p.name
    """
)


def category_sales(connection, category, start, end, search=None):
    """[(product name, quantity sold, amount in cents), ...] for one category between two dates."""
    pattern = None
    if search is not None:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
    values = {"category": category, "start": start.isoformat(), "end": end.isoformat(), "pattern": pattern}
    return connection.execute(REPORT, values).all()


# --- PYODIDE:tests --- #
_engine = database([(13, 0, 2, 700), (14, 3, 1, 900), (13, 5, 1, 350), (1, 3, 5, 100)])
_found, _ = _run_report(_engine, "Épicerie", date(2024, 3, 1), date(2024, 3, 31), "HON")
assert _found == [("Honey", 3, 1050), ("Green honey", 1, 900)], (
    f"The report of Épicerie for March 2024, search 'HON', should be [('Honey', 3, 1050), ('Green honey', 1, 900)], "
    f"got {_found}. "
    "Hint: join sales to products, keep the category, group by product and sum quantity and amount."
)

# --- PYODIDE:secrets --- #
_rng = _random.Random(7)
_sales = _random_sales(_rng, 160)
_engine = database(_sales)
_counts = _row_counts(_engine)

# Values travel as parameters: none of them may be found in the SQL text.
for _category, _search, _start, _end in (
    ("Jardin d'hiver", None, date(2024, 3, 2), date(2024, 3, 29)),
    ("Tea & coffee", "L'Or", date(2024, 3, 5), date(2024, 3, 27)),
    ("Épicerie", "hon", date(2024, 3, 7), date(2024, 4, 8)),
):
    _found, _statements = _run_report(_engine, _category, _start, _end, _search)
    _sql = "\n".join(_statements)
    assert len(_statements) == 1, (
        f"category_sales(connection, {_category!r}, {_start}, {_end}, {_search!r}) sent {len(_statements)} SQL "
        "statements; one was due. Hint: one SELECT that joins, filters, groups and sorts; the database does the work."
    )
    for _value in (_category, _search, _start.isoformat(), _end.isoformat()):
        if _value is None:
            continue
        _doubled = _value.replace("'", "''")
        if "'" in _value and _doubled in _sql:
            _advice = (
                'quoting by hand (replace("\'", "\'\'")) stops this one trick, but the value is still SQL text: '
                "one missed escape, another database's rules or a LIKE wildcard, and the input rewrites the query. "
                "Write :name in the SQL and pass the values apart: connection.execute(text(sql), {'name': value})."
            )
        else:
            _advice = (
                "write :name in the SQL and pass the values apart: connection.execute(text(sql), {'name': value})."
            )
        assert _value not in _sql and _doubled not in _sql, (
            f"category_sales(connection, {_category!r}, {_start}, {_end}, {_search!r}) sent SQL that holds the value "
            f"{_value!r}:\n{_sql.strip()[:300]}\nHint: {_advice}"
        )
    _wanted = _expected_report(_sales, _category, _start, _end, _search)
    _advice = _advice_for(
        _found,
        _wanted,
        _search,
        "keep the sales of that category between the two dates, both included, and the names that contain the search.",
    )
    assert _found == _wanted, (
        f"category_sales(connection, {_category!r}, {_start}, {_end}, {_search!r}) should be {_wanted}, got {_found}. "
        f"Hint: {_advice}"
    )

# Hostile input: the right (mostly empty) report, and the tables left as they were.
for _payload in (
    "' OR 1=1 --",
    "x'; DROP TABLE sales; --",
    "Robert'); DELETE FROM products; --",
    '" OR ""="',
    "Tea & coffee' OR 'a'='a",
    "%",
    "Épicerie' --",
):
    for _category, _search in ((_payload, None), ("Tea & coffee", _payload), ("Épicerie", _payload)):
        _found, _ = _run_report(_engine, _category, _FIRST_DAY, date(2024, 4, 30), _search)
        _wanted = _expected_report(_sales, _category, _FIRST_DAY, date(2024, 4, 30), _search)
        _advice = _advice_for(
            _found,
            _wanted,
            _search,
            "the input must stay data: bind it as a parameter, and it can neither widen the WHERE nor run a "
            "statement of its own.",
        )
        assert _found == _wanted and _row_counts(_engine) == _counts, (
            f"category_sales(connection, {_category!r}, 2024-03-01, 2024-04-30, {_search!r}) should be {_wanted}, got "
            f"{_found}; the tables hold {_row_counts(_engine)} rows, {_counts} before. Hint: {_advice}"
        )

# Dates: both ends included, exactly at a sale's date and one day past it; no search.
_days = sorted({day for _, day, _, _ in _sales})
for _ in range(25):
    _first, _last = sorted(_rng.sample(_days, 2))
    for _start, _end in (
        (_FIRST_DAY + _timedelta(days=_first), _FIRST_DAY + _timedelta(days=_last)),
        (_FIRST_DAY + _timedelta(days=_first + 1), _FIRST_DAY + _timedelta(days=_last - 1)),
        (_FIRST_DAY + _timedelta(days=_first), _FIRST_DAY + _timedelta(days=_first)),
    ):
        _category = _rng.choice(_CATEGORIES)
        _found, _ = _run_report(_engine, _category, _start, _end)
        _wanted = _expected_report(_sales, _category, _start, _end)
        _advice = _advice_for(
            _found, _wanted, None, "both ends are included: sold_on BETWEEN :start AND :end (or >= :start AND <= :end)."
        )
        assert _found == _wanted, (
            f"category_sales(connection, {_category!r}, {_start}, {_end}) should be {_wanted}, got {_found}. Hint: {_advice}"
        )
_start, _end = date(2024, 3, 20), date(2024, 3, 10)
_found, _ = _run_report(_engine, "Tea & coffee", _start, _end)
assert _found == [], (
    f"With a start after the end, the report should be empty, got {_found}. Hint: keep start <= sold_on <= end."
)

# The search is literal text: %, _ and \ are characters, not wildcards; ASCII case does not count.
for _search in ("50%", "%", "_", "Earl_", "l_G", "C:\\t", "\\", "green", "TEA", "é", "É", "œ", "", " "):
    for _category in _CATEGORIES:
        _start, _end = _FIRST_DAY, date(2024, 4, 15)
        _found, _ = _run_report(_engine, _category, _start, _end, _search)
        _wanted = _expected_report(_sales, _category, _start, _end, _search)
        assert _found == _wanted, (
            f"category_sales(connection, {_category!r}, {_start}, {_end}, {_search!r}) should be {_wanted}, got "
            f"{_found}. Hint: {_advice_for(_found, _wanted, _search, 'keep the names that contain the search, ASCII case aside.')}"
        )
