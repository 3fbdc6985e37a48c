# --- PYODIDE:env --- #
from course_helpers.packages import import_after_require as _import_after_require, require as _require

await _require("django")
import random as _random
import re as _re
from datetime import date, timedelta as _timedelta

from course_helpers.checks import returning as _returning
from course_helpers.django_setup import (
    configure_django as _configure_django,
    counting_queries as _counting_queries,
    create_tables as _create_tables,
    use_database as _use_database,
)

_configure_django()
await _use_database()

models = _import_after_require("django.db", "models")


class Author(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        app_label = "library"


class Book(models.Model):
    title = models.CharField(max_length=200)
    published = models.DateField()
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")

    class Meta:
        app_label = "library"


class Award(models.Model):
    name = models.CharField(max_length=100)
    year = models.PositiveIntegerField()
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="awards")

    class Meta:
        app_label = "library"


# The example of the statement: {author: ([(title, published), ...], [(award, year), ...])}.
EXAMPLE_LIBRARY = {
    "Ursula K. Le Guin": (
        [
            ("The Dispossessed", date(1974, 5, 1)),
            ("Always Coming Home", date(1985, 9, 1)),
            ("Tehanu", date(1990, 2, 1)),
        ],
        [("Hugo", 1975), ("Nebula", 1975), ("Nebula", 1991)],
    ),
    "Italo Calvino": ([("Palomar", date(1983, 11, 1)), ("Le città invisibili", date(1972, 1, 1))], []),
    "Toni Morrison": ([("Beloved", date(1987, 9, 2)), ("Jazz", date(1992, 4, 1))], [("Pulitzer", 1988)]),
    "Čapek": ([("R.U.R.", date(1920, 1, 1))], [("Prize A", 1930), ("Prize B", 1931)]),
}


def fill_library(library):
    """New, empty tables holding `library`, inserted in its order."""
    _create_tables(Author, Book, Award)
    for name, (books, awards) in library.items():
        author = Author.objects.create(name=name)
        for title, published in books:
            Book.objects.create(title=title, published=published, author=author)
        for award, year in awards:
            Award.objects.create(name=award, year=year, author=author)


def _expected_rows(library, since, minimum):
    """The plain-Python answer."""
    rows = [
        (name, sum(published >= since for _, published in books), len(awards))
        for name, (books, awards) in library.items()
    ]
    rows = [row for row in rows if row[1] >= minimum]
    rows.sort(key=lambda row: row[0])
    rows.sort(key=lambda row: row[1], reverse=True)  # stable: names stay in order within a count
    return rows


def _advice_for(got, library, since, minimum):
    """What the learner's rows get wrong, as advice for the Hint."""
    want = _expected_rows(library, since, minimum)
    counts = {row[0]: row for row in _expected_rows(library, since, 0)}
    if not all(isinstance(row, tuple) and len(row) == 3 and row[0] in counts for row in got):
        return "return one tuple (name, count of recent books, count of awards) per author: values_list('name', ...)."
    if want and not got:
        return "no row came back although authors match: return list(...) of a QuerySet of Author.objects."
    common = [row for row in got if row[0] in {name for name, _, _ in want}]
    if any(row != counts[row[0]] for row in common):
        if all(row[1] >= counts[row[0]][1] and row[2] >= counts[row[0]][2] for row in common):
            return (
                "some counts are too high: joining books and awards in one query repeats each book once per "
                "award (and each award once per book); count distinct rows, Count(..., distinct=True)."
            )
        return "count, for each author, only the books published on or after since, and all of their awards."
    missing = {name for name, _, _ in want} - {row[0] for row in got}
    if missing and minimum and all(counts[name][1] == minimum for name in missing):
        return "an author with exactly minimum recent books is kept: filter the count with __gte, not __gt."
    if missing and all(counts[name][1] == 0 for name in missing):
        return (
            "authors with no book since that date vanished: a filter() on books before annotate() drops them. "
            "Count only the recent books instead: Count('books', filter=Q(books__published__gte=since))."
        )
    if sorted(got) != sorted(want):
        return "keep each author whose count of recent books is at least minimum, once: filter on the annotation."
    if [row[1] for row in got] != [row[1] for row in want]:
        return "the largest count first: order_by('-<the name of your count>', ...), with the minus sign."
    return (
        "authors with the same count must come in the order of their names: add 'name' as a second key of "
        "order_by(), or the database returns ties in any order."
    )


# No query here: env runs with top-level await, where Django refuses database work. The checks fill the tables.

# --- PYODIDE:code --- #
from django.db.models import Count, Q


def prolific_authors(since, minimum):
    """(name, number of the author's books published on or after `since`, number of the
    author's awards) for each author with at least `minimum` such books: the largest
    count first, then by name. One query."""
    return []


# --- PYODIDE:corr --- #
from django.db.models import Count, Q


def prolific_authors(since, minimum):
    """(name, number of the author's books published on or after `since`, number of the
    author's awards) for each author with at least `minimum` such books: the largest
    count first, then by name. One query."""
    authors = (
        Author.objects.annotate(
            recent=Count("books", filter=Q(books__published__gte=since), distinct=True),
            prizes=Count("awards", distinct=True),
        )
        .filter(recent__gte=minimum)
        .order_by("-recent", "name")
        .values_list("name", "recent", "prizes")
    )
    return list(authors)


# --- PYODIDE:tests --- #
fill_library(EXAMPLE_LIBRARY)
_got = _returning(list, prolific_authors, date(1980, 1, 1), 1)
assert _got == [("Toni Morrison", 2, 1), ("Ursula K. Le Guin", 2, 3), ("Italo Calvino", 1, 0)], (
    "In the example, prolific_authors(date(1980, 1, 1), 1) should return [('Toni Morrison', 2, 1), "
    f"('Ursula K. Le Guin', 2, 3), ('Italo Calvino', 1, 0)], got {_got!r}. "
    f"Hint: {_advice_for(_got, EXAMPLE_LIBRARY, date(1980, 1, 1), 1)}"
)

# --- PYODIDE:secrets --- #
_NAMES = ["Le Guin", "le Carré", "Zola", "Ōe", "Achebe", "Čapek", "Borges", "Woolf", "Eliot", "Ibsen", "Lu Xun", "Sand"]


def _random_library(rng):
    """Authors in a random order, some without books or awards, dates with ties."""
    names = rng.sample(_NAMES, rng.randint(3, len(_NAMES)))
    start = date(2001, 1, 1)
    return {
        name: (
            [(f"Book {i}", start + _timedelta(days=rng.randrange(6))) for i in range(rng.choice((0, 1, 2, 3, 4, 5)))],
            [(f"Prize {i}", 2000 + i) for i in range(rng.choice((0, 1, 2, 3)))],
        )
        for name in names
    }


def _check(library, since, minimum):
    with _counting_queries() as queries:
        got = _returning(list, prolific_authors, since, minimum)
    want = _expected_rows(library, since, minimum)
    if got != want:
        advice = _advice_for(got, library, since, minimum)
        raise AssertionError(
            f"With {len(library)} authors, prolific_authors({since!r}, {minimum}) should return {want!r}, "
            f"got {got!r}. Hint: {advice}"
        )
    assert len(queries) == 1, (
        f"prolific_authors({since!r}, {minimum}) ran {len(queries)} SQL queries; it should run exactly one. "
        "Hint: let the database count, in the same SELECT: annotate(...) with Count, never a .count() or a "
        "query per author in a loop."
    )
    sql = queries[0]["sql"]
    compared = (
        rf"(>=|<)\s*{minimum}\b|>\s*{minimum - 1}\b"  # count >= minimum, NOT (count < minimum), count > minimum - 1
    )
    assert minimum == 0 or _re.search(compared, sql), (
        f"prolific_authors({since!r}, {minimum}) fetched every author and kept those with {minimum} or more "
        f"recent books in Python; its SQL never compares a count with {minimum}: {sql[-160:]!r}. Hint: filter on "
        "the annotation, .filter(<your count>__gte=minimum) after annotate(): the database applies it (HAVING) "
        "and sends only the authors you keep."
    )


_rng = _random.Random(1130)
_libraries = [_random_library(_rng) for _ in range(8)]
for _minimums in ((1, 2, 3, 5, 6), (0,)):  # the threshold first; then minimum 0, where every author counts
    for _library in _libraries:
        fill_library(_library)
        _days = sorted({published for books, _ in _library.values() for _, published in books}) or [date(2001, 1, 1)]
        for _since in (_days[0] - _timedelta(days=1), *_days, _days[-1] + _timedelta(days=1)):
            for _minimum in _minimums:
                _check(_library, _since, _minimum)
