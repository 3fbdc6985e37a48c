# --- PYODIDE:env --- #
import importlib as _importlib
import random as _random
import re as _re

from course_helpers.checks import returning as _returning
from course_helpers import packages as _packages

await _packages.load_from_pyodide("sqlite3", "sqlite3", "Python's sqlite3 module")
_sqlite3 = _importlib.import_module("sqlite3")

_PRODUCTS = [
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
_USERS = [
    ("admin", "pbkdf2_sha256$600000$kP3x$Zq9v2Yw0admin"),
    ("alice", "pbkdf2_sha256$600000$Hn7r$Lm4t8Ue1alice"),
]


class _RecordingCursor(_sqlite3.Cursor):
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


class _RecordingConnection(_sqlite3.Connection):
    """A connection that keeps the SQL text it is given, before any value is bound to it.

    (A trace callback cannot: in Python 3.11 it receives the statement with its bound
    values written in, so a parameter and a pasted value look the same there.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent = []

    def cursor(self, factory=_RecordingCursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=(), /):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, parameters, /):
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script, /):
        return self.cursor().executescript(script)


def catalogue(products=_PRODUCTS):
    """A new in-memory database: `products` (name, price in cents) and the users' password hashes."""
    connection = _sqlite3.connect(":memory:", factory=_RecordingConnection)
    connection.execute(
        "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, price INTEGER NOT NULL)"
    )
    connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, password_hash TEXT NOT NULL)")
    connection.executemany("INSERT INTO products (name, price) VALUES (?, ?)", products)
    connection.executemany("INSERT INTO users (name, password_hash) VALUES (?, ?)", _USERS)
    connection.commit()
    connection.sent.clear()
    return connection


def _folded(text):
    """What SQLite's LIKE compares: ASCII letters without their case, every other character as it is."""
    return "".join(c.lower() if c.isascii() else c for c in text)


_SORT_KEYS = {
    "name": lambda row: row[0],
    "price": lambda row: (row[1], row[0]),
    "-price": lambda row: (-row[1], row[0]),
}


def _expected(products, term, sort_by="name"):
    """The search, done in Python over the seeded rows: what find_products must return."""
    rows = [(name, price) for name, price in products if _folded(term) in _folded(name)]
    return sorted(rows, key=_SORT_KEYS[sort_by])


def _tables(connection):
    """Everything both tables hold, to see whether a call changed them."""
    try:
        return [connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in ("products", "users")]
    except _sqlite3.Error as error:
        return f"unreadable ({error})"


def _search(connection, term, sort_by=None, advice=""):
    """The learner's rows as tuples, and the SQL texts the call sent (sort_by=None: the default order)."""
    connection.sent.clear()
    given = {} if sort_by is None else {"sort_by": sort_by}
    found = _returning(
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
    return [tuple(row) if isinstance(row, (tuple, list, _sqlite3.Row)) else row for row in found], list(connection.sent)


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
    if not isinstance(sort_by, str) or sort_by not in ORDERS:
        raise ValueError(f"unknown sort key {sort_by!r}")
    if "\x00" in term:
        raise ValueError("NUL character in the search term")
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    sql = "SELECT name, price FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY " + ORDERS[sort_by]
    return connection.execute(sql, (f"%{escaped}%",)).fetchall()


# --- PYODIDE:tests --- #
_connection = catalogue()
_found, _ = _search(_connection, "TEA", sort_by="price")
_wanted = _expected(_PRODUCTS, "TEA", "price")
assert _found == _wanted, (
    f"find_products(connection, 'TEA', sort_by='price') should be {_wanted}, got {_found}. "
    "Hint: keep the names that contain the term (LIKE ignores the case of ASCII letters), cheapest first, "
    "equal prices by name: ORDER BY price, name."
)
_found, _ = _search(_connection, "x' OR 'a' LIKE 'a")
assert _found == [], (
    f"find_products(connection, \"x' OR 'a' LIKE 'a\") should find nothing (no name contains that text), got {_found}: "
    "the quote ended the SQL string and the OR matched every row. "
    "Hint: write ? in the SQL where the value goes and pass it apart: connection.execute(sql, (pattern,))."
)

# --- PYODIDE:secrets --- #
_find_products = find_products  # the learner's function, as their code defined it
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
    ["name"],
]
ESCAPE_PAYLOADS = ["!", "e!", "!%", "^", "a^_", "#", "#%", "|", "|_", "~", "~%"]

_PARAMETER = "write ? in the SQL where the value goes and pass the value apart: connection.execute(sql, (pattern,))."
_ALLOW_LIST = (
    "keep a dict of the three allowed keys and the ORDER BY text each stands for, written by you; "
    "raise ValueError for any key not in it (an identifier cannot be a ? parameter)."
)


def _harm(payload):
    """What the payload does when it is pasted into the SQL."""
    if "UNION" in payload:
        return "it appends the users' names and password hashes to the products found"
    if "DROP" in payload or "DELETE" in payload:
        return "it ends the SELECT and starts a statement that destroys a table"
    if "'" in payload or '"' in payload:
        return "its quote ends the SQL string, and the rest rewrites the WHERE to match every product"
    return "its LIKE wildcards match names that do not contain the text typed"


def _like_advice(payload, sql):
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
for _payload in TERM_PAYLOADS:
    _connection = catalogue()
    _before = _tables(_connection)
    _found, _sent = _search(
        _connection, _payload, advice=f"{_payload!r} is an attack: {_harm(_payload)}. Hint: {_PARAMETER}"
    )
    _sql = "\n".join(_sent)
    _doubled = _payload.replace("'", "''")
    if "'" in _payload and _doubled in _sql:
        raise AssertionError(
            f"find_products(connection, {_payload!r}) sent SQL that holds the term with its quotes doubled:\n"
            f"{_sql.strip()[:300]}\nHint: quoting by hand stops this payload, but the term is still SQL text: "
            f"one forgotten place, a backslash rule of another database, and it is code again. {_PARAMETER}"
        )
    assert len(_payload) < 3 or _payload not in _sql, (
        f"find_products(connection, {_payload!r}) sent SQL that holds the term:\n{_sql.strip()[:300]}\n"
        f"Pasted there, {_harm(_payload)}. Hint: {_PARAMETER}"
    )
    _wanted = _expected(_PRODUCTS, _payload)
    if _found != _wanted and any(character in _payload for character in "%_\\"):
        raise AssertionError(
            f"find_products(connection, {_payload!r}) should be {_wanted} (the names that contain the term as typed), "
            f"got {_found}. Hint: {_like_advice(_payload, _sql)}"
        )
    assert _found == _wanted, (
        f"find_products(connection, {_payload!r}) should be {_wanted}, got {_found}: the payload got through, "
        f"{_harm(_payload)}. Hint: {_PARAMETER}"
    )
    _after = _tables(_connection)
    assert _after == _before, (
        f"After find_products(connection, {_payload!r}) the tables no longer hold what they did: "
        f"{_harm(_payload)}. Hint: {_PARAMETER}"
    )

# Terms holding the characters a learner may pick as ESCAPE character: each must be escaped like % and _.
_ESCAPE_PRODUCTS = [
    ("Sale!", 300),
    ("Sale", 310),
    ("1!% off", 320),
    ("50% off", 330),
    ("Tea^2", 400),
    ("a^_b", 410),
    ("a_b", 420),
    ("axb", 430),
    ("Tea #1", 500),
    ("Tea 1", 510),
    ("Mint|Rose", 600),
    ("Mint|_Rose", 610),
    ("~Tea~%", 700),
    ("Tea%", 710),
]
for _payload in ESCAPE_PAYLOADS:
    _connection = catalogue(_ESCAPE_PRODUCTS)
    _found, _sent = _search(_connection, _payload)
    _wanted = _expected(_ESCAPE_PRODUCTS, _payload)
    if _found != _wanted:
        _sql = "\n".join(_sent)
        _escape = _re.search(r"ESCAPE\s*'(.)'", _sql, _re.IGNORECASE)
        if sorted(map(repr, _found)) == sorted(map(repr, _wanted)):
            _advice = (
                "the right products, in another order: sorted by name, code point by code point ('T' before 'a'), "
                "as SQLite compares text by default (no COLLATE NOCASE)."
            )
        elif _escape and _escape.group(1) in _payload:
            _advice = (
                f"the term holds {_escape.group(1)!r}, your ESCAPE character: unescaped, it escapes the character "
                f"after it. Put the escape character before itself too, and first: "
                f"term.replace({_escape.group(1)!r}, {_escape.group(1) * 2!r}), then % and _."
            )
        else:
            _advice = _like_advice(_payload, _sql)
        raise AssertionError(
            f"In a catalogue of {[_name for _name, _ in _ESCAPE_PRODUCTS]}, find_products(connection, {_payload!r}) "
            f"should be {_wanted} (the names that contain the term as typed), got {_found}. Hint: {_advice}"
        )

# A NUL character: SQLite's LIKE stops reading the pattern there ('\x00' would match every name).
for _payload in NUL_PAYLOADS:
    _connection = catalogue()
    try:
        _found = _find_products(_connection, _payload)
    except ValueError:
        continue
    except Exception as _error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"find_products(connection, {_payload!r}) raised {type(_error).__name__}: {_error}. "
            "Hint: refuse a term that holds '\\x00' with ValueError, before any SQL: SQLite reads a LIKE "
            "pattern up to its first NUL character."
        ) from None
    raise AssertionError(
        f"find_products(connection, {_payload!r}) returned {_found!r}; a ValueError was due. "
        "Hint: SQLite reads a LIKE pattern up to its first NUL character, so '%\\x00%' is '%', which matches "
        "every name: raise ValueError when '\\x00' in term."
    )

# Every attack on the sort key: refused with ValueError, tables untouched.
for _payload in SORT_PAYLOADS:
    _connection = catalogue()
    _before = _tables(_connection)
    try:
        _found = _find_products(_connection, "e", sort_by=_payload)
    except ValueError:
        _found = ValueError
    except _sqlite3.Error as _error:
        raise AssertionError(
            f"find_products(connection, 'e', sort_by={_payload!r}) reached the database, which said "
            f"{type(_error).__name__}: {_error}: the sort key was pasted into the SQL, where it runs as code. "
            f"Hint: {_ALLOW_LIST}"
        ) from None
    except TypeError as _error:
        raise AssertionError(
            f"find_products(connection, 'e', sort_by={_payload!r}) raised TypeError: {_error}; a ValueError was "
            "due. Hint: `sort_by in ORDERS` hashes the key, and a list cannot be hashed: test "
            f"isinstance(sort_by, str) first, so that every key outside the three is a ValueError. {_ALLOW_LIST}"
        ) from None
    except Exception as _error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"find_products(connection, 'e', sort_by={_payload!r}) raised {type(_error).__name__}: {_error}. "
            f"Hint: a sort key that is not allowed is a ValueError. {_ALLOW_LIST}"
        ) from None
    if _found is not ValueError:
        if not isinstance(_payload, str):
            _why = "a sort key is one of three strings; a list is none of them."
        elif _payload.strip("-").strip().lower() in ("name", "price", "name desc", "price desc"):
            _why = "only the three keys exactly as written are allowed: 'name', 'price', '-price' (case counts)."
        else:
            _why = (
                "ORDER BY runs any expression: with CASE WHEN and a subquery, the order of the rows answers a "
                "yes/no question about a password hash, one character at a time (blind injection). "
                "A deny-list (';', '--', spaces) always misses a spelling; an allow-list does not."
            )
        raise AssertionError(
            f"find_products(connection, 'e', sort_by={_payload!r}) was accepted and returned {_found!r}; "
            f"a ValueError was due: {_why} Hint: {_ALLOW_LIST}"
        )
    assert _tables(_connection) == _before, (
        f"After find_products(connection, 'e', sort_by={_payload!r}) the tables no longer hold what they did. "
        f"Hint: {_ALLOW_LIST}"
    )
_connection = catalogue()
try:
    _found = _find_products(_connection, "e", sort_by=None)
except ValueError:
    _found = ValueError
except Exception as _error:  # noqa: BLE001 - the learner's code may raise anything
    _found = f"{type(_error).__name__}: {_error}"
assert _found is ValueError, (
    f"find_products(connection, 'e', sort_by=None) gave {_found!r}; a ValueError was due. "
    f"Hint: test `sort_by in ALLOWED` before anything else. {_ALLOW_LIST}"
)

# Legitimate searches over generated catalogues: every sort, ties by name, the empty term included.
_rng = _random.Random(14)
_PIECES = ["tea", "Tea", "TEA", "mint", "50%", "5_0", "C:\\x", "Cx", "é", "É", "d'or", " ", "Œ", "100%"]
for _ in range(12):
    _products = {}
    while len(_products) < 9:
        _name = " ".join(_rng.choice(_PIECES) for _ in range(_rng.randint(1, 3)))
        _products[_name] = _rng.choice([100, 250, 250, 990])
    _products = list(_products.items())
    _connection = catalogue(_products)
    _names = [_name for _name, _ in _products]
    _terms = [""]
    for _name in _rng.sample(_names, 4):
        _start = _rng.randrange(len(_name))
        _piece = _name[_start : _start + _rng.randint(1, 4)]
        _terms.append("".join(c.swapcase() if c.isascii() and _rng.random() < 0.5 else c for c in _piece))
    for _term in _terms:
        for _sort_by in (None, "name", "price", "-price"):
            _found, _sent = _search(_connection, _term, _sort_by)
            _wanted = _expected(_products, _term, _sort_by or "name")
            if _found == _wanted:
                continue
            _same_rows = sorted(map(repr, _found)) == sorted(map(repr, _wanted))
            if _same_rows and _sort_by is None:
                _advice = (
                    "the right products, in another order: without a sort_by they are sorted by name (the default is "
                    "sort_by='name'), and names compare code point by code point, 'Z' before 'a' (no COLLATE NOCASE)."
                )
            elif _same_rows:
                _advice = (
                    "the right products, in another order: 'name' sorts by name, 'price' cheapest first, '-price' "
                    "dearest first, and equal prices by name (ORDER BY price, name)."
                )
            elif _term == "":
                _advice = "an empty term is contained in every name: it finds every product, like LIKE '%%'."
            elif any(character in _term for character in "%_\\"):
                _advice = _like_advice(_term, "\n".join(_sent))
            elif any(not character.isascii() and character.lower() != character.upper() for character in _term):
                _advice = (
                    "LIKE ignores the case of ASCII letters only: 'é' does not find 'É'. Leave the term and the names "
                    "as they are: lower() in Python folds every letter, and SQLite's lower() does not fold them the "
                    "same way, so the two sides no longer compare as LIKE does."
                )
            else:
                _advice = "keep the names that contain the term; LIKE ignores the case of ASCII letters only."
            raise AssertionError(
                f"In a catalogue of {_products}, find_products(connection, {_term!r}"
                f"{'' if _sort_by is None else f', sort_by={_sort_by!r}'}) should be "
                f"{_wanted}, got {_found}. Hint: {_advice}"
            )
