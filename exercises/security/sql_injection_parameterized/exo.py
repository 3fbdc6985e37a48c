# --- PYODIDE:env --- #
import importlib
import random

from course_helpers.checks import returning
from course_helpers.packages import load_from_pyodide

await load_from_pyodide("sqlite3", "sqlite3", "Python's sqlite3 module")
sqlite3 = importlib.import_module("sqlite3")

PRODUCTS = [
    ("Mint tea", 450),
    ("MINT tea, 50% off", 225),
    ("Rose_hip", 600),
    ("RoseXhip", 600),
    ("Crème brûlée", 380),
    ("CRÈME fraîche", 380),
    ("O'Brien oats", 520),
    ("Mug C:\\tea", 990),
    ("Mug C:tea", 990),
    ("Tea strainer", 225),
    ("Œillet tea", 450),
    ("Seeds 100%", 75),
]
USERS = [
    ("admin", "pbkdf2_sha256$600000$kP3x$Zq9v2Yw0admin"),
    ("alice", "pbkdf2_sha256$600000$Hn7r$Lm4t8Ue1alice"),
]


class RecordingCursor(sqlite3.Cursor):
    """A cursor that keeps the SQL text of every statement it is given."""

    def execute(self, sql, parameters=(), /):
        self.connection.sent.append(sql)
        return super().execute(sql, parameters)

    def executemany(self, sql, parameters, /):
        self.connection.sent.append(sql)
        return super().executemany(sql, parameters)

    def executescript(self, script, /):
        self.connection.sent.append(script)
        return super().executescript(script)


class RecordingConnection(sqlite3.Connection):
    """A connection that keeps the SQL text it is given, before any value is bound to it.

    (A trace callback cannot: in Python 3.11 it receives the statement with its bound
    values written in, so a parameter and a pasted value look the same there.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent = []

    def cursor(self, factory=RecordingCursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=(), /):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, parameters, /):
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script, /):
        return self.cursor().executescript(script)


def catalogue(products=PRODUCTS):
    """A new in-memory database: `products` (name, price in cents) and the users' password hashes."""
    connection = sqlite3.connect(":memory:", factory=RecordingConnection)
    connection.execute(
        "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, price INTEGER NOT NULL)"
    )
    connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, password_hash TEXT NOT NULL)")
    connection.executemany("INSERT INTO products (name, price) VALUES (?, ?)", products)
    connection.executemany("INSERT INTO users (name, password_hash) VALUES (?, ?)", USERS)
    connection.commit()
    connection.sent.clear()
    return connection


def folded(text):
    """What SQLite's LIKE compares: ASCII letters without their case, every other character as it is."""
    return "".join(c.lower() if c.isascii() else c for c in text)


SORT_KEYS = {
    "name": lambda row: row[0],
    "price": lambda row: (row[1], row[0]),
    "-price": lambda row: (-row[1], row[0]),
}


def expected(products, term, sort_by="name"):
    """The search, done in Python over the seeded rows: what find_products must return."""
    rows = [(name, price) for name, price in products if folded(term) in folded(name)]
    return sorted(rows, key=SORT_KEYS[sort_by])


def tables(connection):
    """Everything both tables hold, to see whether a call changed them."""
    try:
        return [connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in ("products", "users")]
    except sqlite3.Error as error:
        return f"unreadable ({error})"


def search(connection, term, sort_by=None, advice=""):
    """The learner's rows as tuples, and the SQL texts the call sent (sort_by=None: the default order)."""
    connection.sent.clear()
    given = {} if sort_by is None else {"sort_by": sort_by}
    found = returning(
        list,
        find_products,
        connection,
        term,
        **given,
        described_as=f"find_products(connection, {term!r}{f', sort_by={sort_by!r}' if given else ''})",
        advice=advice
        or "A syntax error or 'unrecognized token' means the term was pasted into the SQL and a quote in it "
        "ended the string: write ? in the SQL and pass the value apart, connection.execute(sql, (value,)).",
    )
    return [tuple(row) if isinstance(row, (tuple, list, sqlite3.Row)) else row for row in found], list(connection.sent)


# --- PYODIDE:code --- #
def find_products(connection, term, sort_by="name"):
    """[(name, price), ...] of the products whose name contains `term`, sorted by `sort_by`."""
    order = "price DESC" if sort_by == "-price" else sort_by
    sql = f"SELECT name, price FROM products WHERE name LIKE '%{term}%' ORDER BY {order}"
    return connection.execute(sql).fetchall()


# --- PYODIDE:corr --- #
ORDERS = {
    "name": "name",
    "price": "price, name",
    "-price": "price DESC, name",
}


def find_products(connection, term, sort_by="name"):
    """[(name, price), ...] of the products whose name contains `term`, sorted by `sort_by`."""
    if sort_by not in ORDERS:
        raise ValueError(f"unknown sort key {sort_by!r}")
    if "\x00" in term:
        raise ValueError("NUL character in the search term")
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    sql = "SELECT name, price FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY " + ORDERS[sort_by]
    return connection.execute(sql, (f"%{escaped}%",)).fetchall()


# --- PYODIDE:tests --- #
connection = catalogue()
found, _ = search(connection, "TEA", sort_by="price")
wanted = expected(PRODUCTS, "TEA", "price")
assert found == wanted, (
    f"find_products(connection, 'TEA', sort_by='price') should be {wanted}, got {found}. "
    "Hint: keep the names that contain the term (LIKE ignores the case of ASCII letters), cheapest first, "
    "equal prices by name: ORDER BY price, name."
)
found, _ = search(connection, "x' OR 'a' LIKE 'a")
assert found == [], (
    f"find_products(connection, \"x' OR 'a' LIKE 'a\") should find nothing (no name contains that text), got {found}: "
    "the quote ended the SQL string and the OR matched every row. "
    "Hint: write ? in the SQL where the value goes and pass it apart: connection.execute(sql, (pattern,))."
)

# --- PYODIDE:secrets --- #
TERM_PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "' UNION SELECT name, password_hash FROM users --",
    "%' UNION SELECT name, password_hash FROM users WHERE '%'='",
    "'; DROP TABLE products; --",
    "x'); DELETE FROM users; --",
    "' /* a comment */ OR ''='",
    "Mint%' --",
    '" OR ""="',
    "%",
    "_",
    "50%",
    "e_h",
    "C:\\t",
    "\\",
    "brûlée' OR 'é'='é",
]
NUL_PAYLOADS = ["tea\x00' OR '1'='1", "\x00"]
SORT_PAYLOADS = [
    "price; DROP TABLE users",
    "(CASE WHEN (SELECT substr(password_hash, 1, 1) FROM users WHERE name = 'admin') = 'p' THEN name ELSE price END)",
    "name, (SELECT password_hash FROM users)",
    "price DESC",
    "name DESC",
    "NAME",
    "Price",
    " name",
    "name\n",
    "-name",
    "1",
    "",
]

PARAMETER = "write ? in the SQL where the value goes and pass the value apart: connection.execute(sql, (pattern,))."
ALLOW_LIST = (
    "keep a dict of the three allowed keys and the ORDER BY text each stands for, written by you; "
    "raise ValueError for any key not in it (an identifier cannot be a ? parameter)."
)


def harm(payload):
    """What the payload does when it is pasted into the SQL."""
    if "UNION" in payload:
        return "it appends the users' names and password hashes to the products found"
    if "DROP" in payload or "DELETE" in payload:
        return "it ends the SELECT and starts a statement that destroys a table"
    if "'" in payload or '"' in payload:
        return "its quote ends the SQL string, and the rest rewrites the WHERE to match every product"
    return "its LIKE wildcards match names that do not contain the text typed"


def like_advice(payload, sql):
    """Advice for a search whose rows differ, when the term holds %, _ or a backslash."""
    if "ESCAPE" not in sql.upper():
        return (
            "LIKE has no escape character unless the SQL names one: a backslash before % is two plain characters "
            "without name LIKE ? ESCAPE '\\'."
        )
    if "\\" in payload:
        return (
            "escape the escape character too, and first: term.replace('\\\\', '\\\\\\\\') before replacing % and _, "
            "or a backslash in the term escapes the next character."
        )
    return "in LIKE, % matches any text and _ any one character: put the escape character before each of them."


# Every attack on the term: the products a plain search would find, tables untouched, nothing pasted.
for payload in TERM_PAYLOADS:
    connection = catalogue()
    before = tables(connection)
    found, sent = search(connection, payload, advice=f"{payload!r} is an attack: {harm(payload)}. Hint: {PARAMETER}")
    sql = "\n".join(sent)
    doubled = payload.replace("'", "''")
    if "'" in payload and doubled in sql:
        raise AssertionError(
            f"find_products(connection, {payload!r}) sent SQL that holds the term with its quotes doubled:\n"
            f"{sql.strip()[:300]}\nHint: quoting by hand stops this payload, but the term is still SQL text: "
            f"one forgotten place, a backslash rule of another database, and it is code again. {PARAMETER}"
        )
    assert len(payload) < 3 or payload not in sql, (
        f"find_products(connection, {payload!r}) sent SQL that holds the term:\n{sql.strip()[:300]}\n"
        f"Pasted there, {harm(payload)}. Hint: {PARAMETER}"
    )
    wanted = expected(PRODUCTS, payload)
    if found != wanted and any(character in payload for character in "%_\\"):
        raise AssertionError(
            f"find_products(connection, {payload!r}) should be {wanted} (the names that contain the term as typed), "
            f"got {found}. Hint: {like_advice(payload, sql)}"
        )
    assert found == wanted, (
        f"find_products(connection, {payload!r}) should be {wanted}, got {found}: the payload got through, "
        f"{harm(payload)}. Hint: {PARAMETER}"
    )
    after = tables(connection)
    assert after == before, (
        f"After find_products(connection, {payload!r}) the tables no longer hold what they did: "
        f"{harm(payload)}. Hint: {PARAMETER}"
    )

# A NUL character: SQLite's LIKE stops reading the pattern there ('\x00' would match every name).
for payload in NUL_PAYLOADS:
    connection = catalogue()
    try:
        found = find_products(connection, payload)
    except ValueError:
        continue
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"find_products(connection, {payload!r}) raised {type(error).__name__}: {error}. "
            "Hint: refuse a term that holds '\\x00' with ValueError, before any SQL: SQLite reads a LIKE "
            "pattern up to its first NUL character."
        ) from None
    raise AssertionError(
        f"find_products(connection, {payload!r}) returned {found!r}; a ValueError was due. "
        "Hint: SQLite reads a LIKE pattern up to its first NUL character, so '%\\x00%' is '%', which matches "
        "every name: raise ValueError when '\\x00' in term."
    )

# Every attack on the sort key: refused with ValueError, tables untouched.
for payload in SORT_PAYLOADS:
    connection = catalogue()
    before = tables(connection)
    try:
        found = find_products(connection, "e", sort_by=payload)
    except ValueError:
        found = ValueError
    except sqlite3.Error as error:
        raise AssertionError(
            f"find_products(connection, 'e', sort_by={payload!r}) reached the database, which said "
            f"{type(error).__name__}: {error}: the sort key was pasted into the SQL, where it runs as code. "
            f"Hint: {ALLOW_LIST}"
        ) from None
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"find_products(connection, 'e', sort_by={payload!r}) raised {type(error).__name__}: {error}. "
            f"Hint: a sort key that is not allowed is a ValueError. {ALLOW_LIST}"
        ) from None
    if found is not ValueError:
        if payload.strip("-").strip().lower() in ("name", "price", "name desc", "price desc"):
            why = "only the three keys exactly as written are allowed: 'name', 'price', '-price' (case counts)."
        else:
            why = (
                "ORDER BY runs any expression: with CASE WHEN and a subquery, the order of the rows answers a "
                "yes/no question about a password hash, one character at a time (blind injection). "
                "A deny-list (';', '--', spaces) always misses a spelling; an allow-list does not."
            )
        raise AssertionError(
            f"find_products(connection, 'e', sort_by={payload!r}) was accepted and returned {found!r}; "
            f"a ValueError was due: {why} Hint: {ALLOW_LIST}"
        )
    assert tables(connection) == before, (
        f"After find_products(connection, 'e', sort_by={payload!r}) the tables no longer hold what they did. "
        f"Hint: {ALLOW_LIST}"
    )
connection = catalogue()
try:
    found = find_products(connection, "e", sort_by=None)
except ValueError:
    found = ValueError
except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
    found = f"{type(error).__name__}: {error}"
assert found is ValueError, (
    f"find_products(connection, 'e', sort_by=None) gave {found!r}; a ValueError was due. "
    f"Hint: test `sort_by in ALLOWED` before anything else. {ALLOW_LIST}"
)

# Legitimate searches over generated catalogues: every sort, ties by name, the empty term included.
rng = random.Random(14)
PIECES = ["tea", "Tea", "TEA", "mint", "50%", "5_0", "C:\\x", "Cx", "é", "É", "d'or", " ", "Œ", "100%"]
for _ in range(12):
    products = {}
    while len(products) < 9:
        name = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))
        products[name] = rng.choice([100, 250, 250, 990])
    products = list(products.items())
    connection = catalogue(products)
    names = [name for name, _ in products]
    terms = [""]
    for name in rng.sample(names, 4):
        start = rng.randrange(len(name))
        piece = name[start : start + rng.randint(1, 4)]
        terms.append("".join(c.swapcase() if c.isascii() and rng.random() < 0.5 else c for c in piece))
    for term in terms:
        for sort_by in (None, "name", "price", "-price"):
            found, sent = search(connection, term, sort_by)
            wanted = expected(products, term, sort_by or "name")
            if found == wanted:
                continue
            if sort_by is not None and sorted(map(repr, found)) == sorted(map(repr, wanted)):
                advice = (
                    "the right products, in another order: 'name' sorts by name, 'price' cheapest first, '-price' "
                    "dearest first, and equal prices by name (ORDER BY price, name)."
                )
            elif sort_by is None:
                advice = "without a sort_by, the products are sorted by name: the default is sort_by='name'."
            elif term == "":
                advice = "an empty term is contained in every name: it finds every product, like LIKE '%%'."
            elif any(character in term for character in "%_\\"):
                advice = like_advice(term, "\n".join(sent))
            else:
                advice = "keep the names that contain the term; LIKE ignores the case of ASCII letters only."
            raise AssertionError(
                f"In a catalogue of {products}, find_products(connection, {term!r}"
                f"{'' if sort_by is None else f', sort_by={sort_by!r}'}) should be "
                f"{wanted}, got {found}. Hint: {advice}"
            )
