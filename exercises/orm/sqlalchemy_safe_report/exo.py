# --- PYODIDE:env --- #
import random
from datetime import date, timedelta

from course_helpers.checks import returning
from course_helpers.sqlalchemy_setup import counting_statements, new_engine, use_sqlalchemy

await use_sqlalchemy()

from sqlalchemy import text

SCHEMA = (
    "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, category TEXT NOT NULL)",
    "CREATE TABLE sales (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products (id), "
    "sold_on TEXT NOT NULL, quantity INTEGER NOT NULL, amount INTEGER NOT NULL)",
)
PRODUCTS = [
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
CATEGORIES = sorted({category for _, _, category in PRODUCTS})
FIRST_DAY = date(2024, 3, 1)


def database(sales):
    """A new database holding PRODUCTS and `sales`, (product id, day number, quantity, amount) tuples."""
    engine = new_engine()
    with engine.begin() as connection:
        for statement in SCHEMA:
            connection.execute(text(statement))
        connection.execute(text("INSERT INTO products VALUES (:i, :n, :c)"), [dict(zip("inc", p)) for p in PRODUCTS])
        connection.execute(
            text("INSERT INTO sales (product_id, sold_on, quantity, amount) VALUES (:p, :d, :q, :a)"),
            [{"p": p, "d": (FIRST_DAY + timedelta(days=d)).isoformat(), "q": q, "a": a} for p, d, q, a in sales],
        )
    return engine


def random_sales(rng, count):
    return [
        (rng.randint(1, 14), rng.randrange(40), rng.randint(1, 4), rng.choice([150, 300, 990, 1000]))
        for _ in range(count)
    ]


def ascii_folded(value):
    """What SQLite's LIKE compares: ASCII letters without case; any other character as it is."""
    return "".join(c.lower() if c.isascii() else c for c in value)


def expected_report(sales, category, start, end, search=None):
    """The report, computed in Python."""
    totals = {}
    for product_id, day, quantity, amount in sales:
        _, name, product_category = PRODUCTS[product_id - 1]
        if product_category != category or not start <= FIRST_DAY + timedelta(days=day) <= end:
            continue
        if search is not None and ascii_folded(search) not in ascii_folded(name):
            continue
        old = totals.get(name, (0, 0))
        totals[name] = (old[0] + quantity, old[1] + amount)
    return sorted(((name, q, a) for name, (q, a) in totals.items()), key=lambda row: (-row[2], row[0]))


def run_report(engine, category, start, end, search=None):
    """(the learner's report as plain tuples, the SQL texts it sent)."""
    with engine.connect() as connection, counting_statements(engine) as statements:
        result = returning(
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


def advice_for(found, wanted, search, default):
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


def row_counts(engine):
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
engine = database([(13, 0, 2, 700), (14, 3, 1, 900), (13, 5, 1, 350), (1, 3, 5, 100)])
found, _ = run_report(engine, "Épicerie", date(2024, 3, 1), date(2024, 3, 31), "HON")
assert found == [("Honey", 3, 1050), ("Green honey", 1, 900)], (
    f"The report of Épicerie for March 2024, search 'HON', should be [('Honey', 3, 1050), ('Green honey', 1, 900)], "
    f"got {found}. "
    "Hint: join sales to products, keep the category, group by product and sum quantity and amount."
)

# --- PYODIDE:secrets --- #
rng = random.Random(7)
sales = random_sales(rng, 160)
engine = database(sales)
counts = row_counts(engine)

# Values travel as parameters: none of them may be found in the SQL text.
for category, search, start, end in (
    ("Jardin d'hiver", None, date(2024, 3, 2), date(2024, 3, 29)),
    ("Tea & coffee", "L'Or", date(2024, 3, 5), date(2024, 3, 27)),
    ("Épicerie", "hon", date(2024, 3, 7), date(2024, 4, 8)),
):
    found, statements = run_report(engine, category, start, end, search)
    sql = "\n".join(statements)
    assert len(statements) == 1, (
        f"category_sales(connection, {category!r}, {start}, {end}, {search!r}) sent {len(statements)} SQL "
        "statements; one was due. Hint: one SELECT that joins, filters, groups and sorts; the database does the work."
    )
    for value in (category, search, start.isoformat(), end.isoformat()):
        if value is None:
            continue
        doubled = value.replace("'", "''")
        if "'" in value and doubled in sql:
            advice = (
                'quoting by hand (replace("\'", "\'\'")) stops this one trick, but the value is still SQL text: '
                "one missed escape, another database's rules or a LIKE wildcard, and the input rewrites the query. "
                "Write :name in the SQL and pass the values apart: connection.execute(text(sql), {'name': value})."
            )
        else:
            advice = "write :name in the SQL and pass the values apart: connection.execute(text(sql), {'name': value})."
        assert value not in sql and doubled not in sql, (
            f"category_sales(connection, {category!r}, {start}, {end}, {search!r}) sent SQL that holds the value "
            f"{value!r}:\n{sql.strip()[:300]}\nHint: {advice}"
        )
    wanted = expected_report(sales, category, start, end, search)
    advice = advice_for(
        found,
        wanted,
        search,
        "keep the sales of that category between the two dates, both included, and the names that contain the search.",
    )
    assert found == wanted, (
        f"category_sales(connection, {category!r}, {start}, {end}, {search!r}) should be {wanted}, got {found}. "
        f"Hint: {advice}"
    )

# Hostile input: the right (mostly empty) report, and the tables left as they were.
for payload in (
    "' OR 1=1 --",
    "x'; DROP TABLE sales; --",
    "Robert'); DELETE FROM products; --",
    '" OR ""="',
    "Tea & coffee' OR 'a'='a",
    "%",
    "Épicerie' --",
):
    for category, search in ((payload, None), ("Tea & coffee", payload), ("Épicerie", payload)):
        found, _ = run_report(engine, category, FIRST_DAY, date(2024, 4, 30), search)
        wanted = expected_report(sales, category, FIRST_DAY, date(2024, 4, 30), search)
        advice = advice_for(
            found,
            wanted,
            search,
            "the input must stay data: bind it as a parameter, and it can neither widen the WHERE nor run a "
            "statement of its own.",
        )
        assert found == wanted and row_counts(engine) == counts, (
            f"category_sales(connection, {category!r}, 2024-03-01, 2024-04-30, {search!r}) should be {wanted}, got "
            f"{found}; the tables hold {row_counts(engine)} rows, {counts} before. Hint: {advice}"
        )

# Dates: both ends included, exactly at a sale's date and one day past it; no search.
days = sorted({day for _, day, _, _ in sales})
for _ in range(25):
    first, last = sorted(rng.sample(days, 2))
    for start, end in (
        (FIRST_DAY + timedelta(days=first), FIRST_DAY + timedelta(days=last)),
        (FIRST_DAY + timedelta(days=first + 1), FIRST_DAY + timedelta(days=last - 1)),
        (FIRST_DAY + timedelta(days=first), FIRST_DAY + timedelta(days=first)),
    ):
        category = rng.choice(CATEGORIES)
        found, _ = run_report(engine, category, start, end)
        wanted = expected_report(sales, category, start, end)
        advice = advice_for(
            found, wanted, None, "both ends are included: sold_on BETWEEN :start AND :end (or >= :start AND <= :end)."
        )
        assert found == wanted, (
            f"category_sales(connection, {category!r}, {start}, {end}) should be {wanted}, got {found}. Hint: {advice}"
        )
start, end = date(2024, 3, 20), date(2024, 3, 10)
found, _ = run_report(engine, "Tea & coffee", start, end)
assert found == [], (
    f"With a start after the end, the report should be empty, got {found}. Hint: keep start <= sold_on <= end."
)

# The search is literal text: %, _ and \ are characters, not wildcards; ASCII case does not count.
for search in ("50%", "%", "_", "Earl_", "l_G", "C:\\t", "\\", "green", "TEA", "é", "É", "œ", "", " "):
    for category in CATEGORIES:
        start, end = FIRST_DAY, date(2024, 4, 15)
        found, _ = run_report(engine, category, start, end, search)
        wanted = expected_report(sales, category, start, end, search)
        assert found == wanted, (
            f"category_sales(connection, {category!r}, {start}, {end}, {search!r}) should be {wanted}, got "
            f"{found}. Hint: {advice_for(found, wanted, search, 'keep the names that contain the search, ASCII case aside.')}"
        )
