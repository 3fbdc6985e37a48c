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
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "library"


class Book(models.Model):
    title = models.CharField(max_length=200)
    published = models.DateField()
    pages = models.PositiveIntegerField()
    in_print = models.BooleanField(default=True)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")

    class Meta:
        app_label = "library"


# (title, published, pages, in_print, author): the shelf of the statement's example.
EXAMPLE_SHELF = [
    ("Middlemarch", date(2024, 3, 1), 880, True, "George Eliot"),
    ("Beloved", date(2024, 5, 2), 324, True, "Toni Morrison"),
    ("Ulysses", date(2024, 5, 2), 730, False, "James Joyce"),
    ("Émile", date(2024, 5, 1), 612, True, "Jean-Jacques Rousseau"),
    ("Dune", date(2024, 5, 2), 412, True, "Frank Herbert"),
    ("Sula", date(2024, 4, 30), 174, True, "Toni Morrison"),
]


def fill_shelf(shelf):
    """New, empty tables holding the books of `shelf`, inserted in its order."""
    _create_tables(Author, Book)
    authors = {}
    for title, published, pages, in_print, name in shelf:
        if name not in authors:
            authors[name] = Author.objects.create(name=name)
        Book.objects.create(title=title, published=published, pages=pages, in_print=in_print, author=authors[name])


def _expected_titles(shelf, since, limit):
    """The plain-Python answer."""
    kept = sorted((book for book in shelf if book[1] >= since and book[3]), key=lambda book: book[0])
    kept.sort(key=lambda book: book[1], reverse=True)  # stable: titles stay in order within a day
    return [book[0] for book in kept[:limit]]


def _advice_for(got, shelf, since, limit):
    """What the learner's list gets wrong, as advice for the Hint."""
    books = {book[0]: book for book in shelf}
    want = _expected_titles(shelf, since, limit)
    if not all(isinstance(title, str) and title in books for title in got):
        return "return the titles themselves, as str: values_list('title', flat=True) gives them."
    if want and not got:
        return "no title came back although books match: return list(...) of a QuerySet of Book.objects."
    if any(not books[title][3] for title in got):
        return "leave out the books that are out of print: exclude(in_print=False)."
    if any(books[title][1] < since for title in got):
        return "keep only the books published on or after since: published__gte=since."
    if len(got) > limit:
        return "return at most limit titles: slice the QuerySet, queryset[:limit]."
    if got == [title for title in want if books[title][1] != since] != want:
        return "since itself is included: a book published on that very day counts (published__gte, not __gt)."
    dates = [books[title][1] for title in got]
    if dates != sorted(dates, reverse=True):
        return "newest first: order_by('-published', ...), the minus sign sorts in descending order."
    if dates == [books[title][1] for title in want]:
        return (
            "books published the same day must come in the order of their titles: without a second key in "
            "order_by('-published', 'title') the database returns ties in any order it likes."
        )
    return "compare the books you keep with the rules of the statement: every one of them must hold."


# No query here: env runs with top-level await, where Django refuses database work. The checks fill the tables.


# --- PYODIDE:code --- #
def recent_books(since, limit):
    """The titles of at most `limit` books published on or after the date `since` and still in
    print, newest first; books published the same day in the order of their titles.
    One query, limited by the database."""
    return []


# --- PYODIDE:corr --- #
def recent_books(since, limit):
    """The titles of at most `limit` books published on or after the date `since` and still in
    print, newest first; books published the same day in the order of their titles.
    One query, limited by the database."""
    books = (
        Book.objects.filter(published__gte=since)
        .exclude(in_print=False)
        .order_by("-published", "title")
        .values_list("title", flat=True)
    )
    return list(books[:limit])


# --- PYODIDE:tests --- #
fill_shelf(EXAMPLE_SHELF)
_got = _returning(list, recent_books, date(2024, 5, 1), 3)
assert _got == ["Beloved", "Dune", "Émile"], (
    f"On the shelf of the example, recent_books(date(2024, 5, 1), 3) should return ['Beloved', 'Dune', 'Émile'], "
    f"got {_got!r}. Hint: {_advice_for(_got, EXAMPLE_SHELF, date(2024, 5, 1), 3)}"
)

# --- PYODIDE:secrets --- #
_WORDS = ["Dune", "émile", "Zebra", "apple", "Øre", "night", "Night", "東京", "Šum", "river", "Ab", "a"]


def _random_shelf(rng, size):
    """`size` books with distinct titles, few distinct dates (many ties), in a random order."""
    titles = set()
    while len(titles) < size:
        titles.add(" ".join(rng.sample(_WORDS, rng.randint(1, 2))))
    start = date(2023, 12, 30)
    shelf = [
        (title, start + _timedelta(days=rng.randrange(5)), rng.randint(0, 900), rng.random() < 0.7, rng.choice("ABC"))
        for title in sorted(titles)
    ]
    rng.shuffle(shelf)
    return shelf


def _check(shelf, since, limit):
    with _counting_queries() as queries:
        got = _returning(list, recent_books, since, limit)
    want = _expected_titles(shelf, since, limit)
    if got != want:
        advice = _advice_for(got, shelf, since, limit)
        raise AssertionError(
            f"With {len(shelf)} books, recent_books({since!r}, {limit}) should return {want!r}, got {got!r}. "
            f"Hint: {advice}"
        )
    assert len(queries) == 1 or (limit == 0 and not queries), (  # a slice [:0] may run no query at all
        f"recent_books({since!r}, {limit}) ran {len(queries)} SQL queries; it should run exactly one. "
        "Hint: build one QuerySet and evaluate it once, with list(queryset[:limit]): no .count() or .exists() "
        "before it, no query per book."
    )
    if limit:
        sql = queries[0]["sql"]
        assert _re.search(rf"\bLIMIT {limit}\b", sql), (
            f"recent_books({since!r}, {limit}) fetched every matching row and cut the list in Python; its SQL "
            f"has no LIMIT {limit}: {sql[-160:]!r}. Hint: slice the QuerySet before it runs (queryset[:limit] "
            "becomes LIMIT in the SQL); list(queryset)[:limit] reads every row first."
        )


_rng = _random.Random(20241130)
for _size in (20, 20, 20, 20, 20, 12, 7, 2, 1, 0):
    _shelf = _random_shelf(_rng, _size)
    fill_shelf(_shelf)
    _days = sorted({book[1] for book in _shelf}) or [date(2024, 1, 1)]
    for _since in (_days[0] - _timedelta(days=1), *_days, _days[-1] + _timedelta(days=1)):
        for _limit in (0, 1, 3, _size, _size + 5):
            _check(_shelf, _since, _limit)
