# --- PYODIDE:env --- #
from course_helpers.packages import import_after_require as _import_after_require, require as _require

await _require("django")
import random as _random
from decimal import Decimal

from course_helpers.checks import returning as _returning
from course_helpers.django_setup import (
    configure_django as _configure_django,
    create_tables as _create_tables,
    use_database as _use_database,
)

_configure_django()
await _use_database()

models = _import_after_require("django.db", "models")


class Book(models.Model):
    isbn = models.CharField(max_length=13, unique=True)
    title = models.CharField(max_length=200)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    featured = models.BooleanField(default=False)  # chosen by the shop's editors, never by a feed

    class Meta:
        app_label = "library"


def fill_catalogue(rows):
    """New, empty tables holding one book per (isbn, title, price, featured) of `rows`, in that order."""
    _create_tables(Book)
    for isbn, title, price, featured in rows:
        Book.objects.create(isbn=isbn, title=title, price=Decimal(price), featured=featured)


def _catalogue():
    """{isbn: (title, price as a str, featured)} of every book, read from the table."""
    return {
        isbn: (title, str(price), featured)
        for isbn, title, price, featured in Book.objects.values_list("isbn", "title", "price", "featured")
    }


def books():
    """{isbn: (title, price as a str)} of every book, read from the table."""
    return {isbn: (title, price) for isbn, (title, price, _) in sorted(_catalogue().items())}


def _normal(isbn):
    """The ISBN as the statement normalises it."""
    return "".join(isbn.split()).replace("-", "").upper()


def _expected_import(table, records):
    """The plain-Python answer: (counts, the table after the import); `table` is left as it was."""
    table, created, updated = dict(table), 0, 0
    for record in records:
        isbn = _normal(record["isbn"])
        featured = table[isbn][2] if isbn in table else False
        created, updated = created + (isbn not in table), updated + (isbn in table)
        table[isbn] = (record["title"], f"{Decimal(record['price']):.2f}", featured)
    return (created, updated), table


def _advice_for(before, want_table, got_table, want_counts, got_counts):
    """What the learner's import gets wrong, as advice for the Hint."""
    messy = sorted(isbn for isbn in got_table if isbn != _normal(isbn))
    if messy:
        return (
            f"the table holds the ISBN {messy[0]!r} as the feed spelled it: normalise every ISBN before using it "
            "(remove every whitespace character and every hyphen, then upper-case it), so that two spellings of "
            "one ISBN find the same book."
        )
    if any(isbn in got_table and got_table[isbn][2] != want[2] for isbn, want in want_table.items()):
        return (
            "store only title and price from a record: a feed also carries keys such as 'featured', which are "
            "not its to set. Build defaults from those two keys, never from the whole record."
        )
    if set(got_table) == set(want_table) and any(
        got_table[isbn] == before.get(isbn) != want for isbn, want in want_table.items()
    ):
        return (
            "a book that was already there must take the feed's title and price: get_or_create() never changes an "
            "existing row, update_or_create(isbn=..., defaults={...}) does."
        )
    if got_table == want_table and got_counts != want_counts:
        return (
            "created counts the records that created a book, updated those that found theirs already there "
            "(even unchanged, even created earlier in the same feed): each record counts once, so "
            "created + updated == len(records)."
        )
    return "one book per normalised ISBN, with the title and price of the last record that named it."


# --- PYODIDE:code --- #
def import_books(records):
    """Create or update one Book per record of the feed (a dict with "isbn", "title" and "price"),
    keyed by the normalised ISBN. Return (created, updated): how many records created a book,
    how many found theirs already there."""
    return (0, 0)


# --- PYODIDE:corr --- #
def normalise_isbn(isbn):
    """The ISBN without whitespace or hyphens, in upper case: ' 0-8044-2957-x' -> '080442957X'."""
    return "".join(isbn.split()).replace("-", "").upper()


def import_books(records):
    """Create or update one Book per record of the feed (a dict with "isbn", "title" and "price"),
    keyed by the normalised ISBN. Return (created, updated): how many records created a book,
    how many found theirs already there."""
    created_count = updated_count = 0
    for record in records:
        _, created = Book.objects.update_or_create(
            isbn=normalise_isbn(record["isbn"]),
            defaults={"title": record["title"], "price": record["price"]},
        )
        if created:
            created_count += 1
        else:
            updated_count += 1
    return created_count, updated_count


# --- PYODIDE:tests --- #
_FEED = [
    {"isbn": "978-0-14-044913-6", "title": "The Odyssey", "price": "12.50"},
    {"isbn": "9780141439518", "title": "Pride and Prejudice", "price": "8.99"},
    {"isbn": "0-8044-2957-x", "title": "Ænéide", "price": "0"},
]
_WANT = {
    "080442957X": ("Ænéide", "0.00"),
    "9780140449136": ("The Odyssey", "12.50"),
    "9780141439518": ("Pride and Prejudice", "8.99"),
}
fill_catalogue([])
_counts = _returning(tuple, import_books, _FEED, described_as="import_books(FEED)")
_want_counts, _want_table = _expected_import({}, _FEED)
assert _counts == (3, 0) and books() == _WANT, (
    f"Into an empty table, import_books(FEED) should return (3, 0) and store {_WANT}; it returned {_counts!r} and "
    f"stored {books()}. Hint: {_advice_for({}, _want_table, _catalogue(), _want_counts, _counts)}"
)
_counts = _returning(
    tuple,
    import_books,
    _FEED,
    described_as="import_books(FEED), a second time",
    advice="Importing the same feed again must create nothing: look each ISBN up first, "
    "Book.objects.update_or_create(isbn=..., defaults={...}).",
)
assert _counts == (0, 3) and books() == _WANT, (
    f"Importing the same feed a second time should return (0, 3) and leave {_WANT}; it returned {_counts!r} and left "
    f"{books()}. Hint: {_advice_for(_want_table, _want_table, _catalogue(), (0, 3), _counts)}"
)


# --- PYODIDE:secrets --- #
def _check_import(records, what, advice):
    """Import `records` into the table as it is; compare the counts and the table with the plain-Python answer."""
    before = _catalogue()
    want_counts, want_table = _expected_import(before, records)
    got_counts = _returning(tuple, import_books, records, described_as=f"import_books({what})", advice=advice)
    got_table = _catalogue()
    if (got_counts, got_table) != (want_counts, want_table):
        hint = _advice_for(before, want_table, got_table, want_counts, got_counts)
        differ = [
            isbn for isbn in sorted(set(got_table) | set(want_table)) if got_table.get(isbn) != want_table.get(isbn)
        ]
        shown = {isbn: (got_table.get(isbn), want_table.get(isbn)) for isbn in differ[:3]}
        raise AssertionError(
            f"import_books({what}), {len(records)} records, should return {want_counts}; it returned "
            f"{got_counts!r}. Rows that are not what they should be, ISBN: (got, wanted) as (title, price, "
            f"featured), None for no row: {shown or 'none'}. Hint: {hint}"
        )


_CATALOGUE = [
    ("9782070360024", "L'Étranger", "7.10", True),
    ("9780140449136", "The Odyssey", "12.50", False),
    ("080442957X", "Ænéide", "0.00", False),
    ("9785170987109", "Мастер и Маргарита", "9.00", True),
]

# Prices and titles change: the books that are there are updated, the others created.
fill_catalogue(_CATALOGUE)
_check_import(
    [
        {"isbn": "9780140449136", "title": "The Odyssey", "price": "9.99"},
        {"isbn": "9787536692930", "title": "三体", "price": "15.00"},
        {"isbn": "9782070360024", "title": "L'Étranger (Folio)", "price": "7.10"},
        {"isbn": "9780141439518", "title": "Pride and Prejudice", "price": "0"},
        {"isbn": "9785170987109", "title": "Мастер и Маргарита", "price": "9.00"},
    ],
    "a feed that changes the price of one book and the title of another",
    "Look the book up by its ISBN alone, the unique field, and put what may change (title, price) in defaults: "
    "with every field in the lookup, a new price finds no book, and creating it again breaks the unique ISBN.",
)
_check_import([], "[]", "An empty feed creates nothing and returns (0, 0).")

# ISBNs spelled in many ways, and an ISBN repeated in one feed: the last record wins.
_check_import(
    [
        {"isbn": " 978-0-14-044913-6 ", "title": "The Odyssey", "price": "11.00"},
        {"isbn": "0 8044 2957 x", "title": "Ænéide", "price": "3.5"},
        {"isbn": "978\t2070360024\n", "title": "L'Étranger", "price": "7.10"},
        {"isbn": "978-1-4028-9462-6", "title": "Emma", "price": "4.00"},
        {"isbn": "978\u00a01402894626", "title": "Emma (new edition)", "price": "4.50"},
        {"isbn": "9781402894626", "title": "Emma (new edition)", "price": "4.50"},
    ],
    "a feed with ISBNs spelled with spaces, hyphens, tabs and a lower-case x, and one ISBN three times",
    "Normalise each ISBN (no whitespace, no hyphens, upper case) before looking it up.",
)

# Records that carry more than the feed may set.
_check_import(
    [
        {"isbn": "9780140449136", "title": "The Odyssey", "price": "11.00", "featured": True},
        {"isbn": "9785170987109", "title": "Мастер и Маргарита", "price": "9.50", "featured": False},
        {"isbn": "9780000000002", "title": "Nouveau", "price": "1.00", "featured": True},
    ],
    "a feed whose records also set 'featured'",
    "Store only title and price from a record: build defaults from those two keys, never from the whole record.",
)
_check_import(
    [
        {"isbn": "9780000000019", "title": "Hostile", "price": "2.00", "publisher": "Acme", "id": 1, "pk": 2},
        {"isbn": "9780140449136", "title": "The Odyssey", "price": "11.00", "stock": 5, "id": 3},
    ],
    "a feed whose records carry the keys 'publisher', 'id', 'pk' and 'stock'",
    "Store only title and price from a record: the other keys of a feed are not fields to set, or not the "
    "feed's to set.",
)

# Many feeds, one after the other, over a small set of ISBNs spelled at random.
_BASES = ["9780140449136", "080442957X", "9782070360024", "9787536692930", "9781402894626", "123456789X", "0000000000"]
_TITLES = ["Dune", "émile", "三体", "Øre", "Ab", "L'Étranger", "Мастер"]


def _spelled(isbn, rng):
    """`isbn` as a feed might spell it: hyphens and whitespace here and there, a lower-case x."""
    out = []
    for char in isbn.lower() if rng.random() < 0.3 else isbn:
        if rng.random() < 0.15:
            out.append(rng.choice(["-", " ", "\t", "\u00a0"]))
        out.append(char)
    return rng.choice(["", " ", "\n"]) + "".join(out) + rng.choice(["", " ", "-"])


_rng = _random.Random(20261130)
fill_catalogue([("9781402894626", "Emma", "4.00", True)])
for _feed_number in range(12):
    _records = []
    for _ in range(_rng.randint(0, 9)):
        _record = {"isbn": _spelled(_rng.choice(_BASES), _rng), "title": _rng.choice(_TITLES)}
        _record["price"] = _rng.choice(["0", "0.00", "7", "12.5", "99.99", f"{_rng.randint(0, 5000) / 100:.2f}"])
        if _rng.random() < 0.2:
            _record["featured"] = _rng.random() < 0.5
        _records.append(_record)
    _check_import(
        _records,
        f"random feed number {_feed_number + 1}",
        "Each record: update_or_create(isbn=<normalised>, defaults={'title': ..., 'price': ...}).",
    )
