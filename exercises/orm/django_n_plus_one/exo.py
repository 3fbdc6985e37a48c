# --- PYODIDE:env --- #
from course_helpers.packages import import_after_require as _import_after_require, require as _require

await _require("django")
import random as _random

from course_helpers.checks import returning as _returning
from course_helpers.django_setup import (
    configure_django as _configure_django,
    counting_queries,
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


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        app_label = "library"


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    tags = models.ManyToManyField(Tag, related_name="books")

    class Meta:
        app_label = "library"


# The example of the statement: (title, author, tags), inserted in this order.
EXAMPLE_CATALOGUE = [
    ("Kindred", "Octavia E. Butler", ["time travel", "classic"]),
    ("Dune", "Frank Herbert", ["space", "classic", "desert"]),
    ("Parable of the Sower", "Octavia E. Butler", []),
    ("Dune", "Brian Herbert", ["space"]),
]


def fill_catalogue(catalogue):
    """New, empty tables holding `catalogue`: authors and tags created in the order they first appear."""
    _create_tables(Author, Tag, Book)
    authors, tags = {}, {}
    for title, name, tag_names in catalogue:
        if name not in authors:
            authors[name] = Author.objects.create(name=name)
        book = Book.objects.create(title=title, author=authors[name])
        for tag_name in tag_names:
            if tag_name not in tags:
                tags[tag_name] = Tag.objects.create(name=tag_name)
            book.tags.add(tags[tag_name])


def _expected_report(catalogue):
    """The plain-Python answer: by title, then author's name; tags by name."""
    return sorted((title, name, sorted(tag_names)) for title, name, tag_names in catalogue)


def _report_advice(got, want):
    """What a wrong report gets wrong, as advice for the Hint."""
    if sorted(map(repr, got)) == sorted(map(repr, want)):
        return "keep the order of the report: order_by('title', 'author__name'), as the given code does."
    if [row[:2] if isinstance(row, tuple) else row for row in got] == [row[:2] for row in want]:
        return (
            "each book's tags, sorted by name: with Prefetch('tags', queryset=Tag.objects.order_by('name')) "
            "the prefetched tags come sorted, and book.tags.all() keeps that order."
        )
    return "the report must say exactly what the given code says: same rows, same order; change only the loading."


def _advice_for(queries):
    """Why the captured queries are too many, read from their SQL, as advice for the Hint."""
    tags = [query["sql"] for query in queries if 'FROM "library_tag"' in query["sql"]]
    authors = [query["sql"] for query in queries if 'FROM "library_author"' in query["sql"]]
    if len(tags) > 1 and any(" IN (" in sql for sql in tags):
        return (
            "the tags were prefetched, then queried again for each book: book.tags.order_by() (or .filter()) "
            "makes a new query and ignores what was prefetched. Read book.tags.all(), and sort the prefetched "
            "tags with Prefetch('tags', queryset=Tag.objects.order_by('name'))."
        )
    if len(tags) > 1 and len(authors) > 1:
        return (
            "each book costs two more queries, one for its author and one for its tags: join the authors in with "
            "select_related('author') and load every book's tags at once with prefetch_related."
        )
    if len(tags) > 1:
        return "each book's tags cost a query: load them for every book at once with prefetch_related."
    if len(authors) > 1:
        return (
            "each book's author costs a query: select_related('author') joins the authors into the query of the books."
        )
    if authors:
        return (
            "the authors cost a query of their own: select_related('author') joins them into the query of the books "
            "(a ForeignKey), where prefetch_related('author') runs a second SELECT."
        )
    return "one query for the books with their authors (select_related), one for all their tags (prefetch_related)."


# No query here: env runs with top-level await, where Django refuses database work. The checks fill the tables.


# --- PYODIDE:code --- #
def book_report():
    """One row per book, (title, author's name, the names of its tags in alphabetical order),
    by title, then by author's name."""
    report = []
    for book in Book.objects.order_by("title", "author__name"):
        tag_names = [tag.name for tag in book.tags.order_by("name")]
        report.append((book.title, book.author.name, tag_names))
    return report


# --- PYODIDE:corr --- #
from django.db.models import Prefetch


def book_report():
    """One row per book, (title, author's name, the names of its tags in alphabetical order),
    by title, then by author's name."""
    books = (
        Book.objects.select_related("author")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by("title", "author__name")
    )
    report = []
    for book in books:
        tag_names = [tag.name for tag in book.tags.all()]
        report.append((book.title, book.author.name, tag_names))
    return report


# --- PYODIDE:tests --- #
fill_catalogue(EXAMPLE_CATALOGUE)
with counting_queries() as _queries:
    _got = _returning(list, book_report)
assert _got == _expected_report(EXAMPLE_CATALOGUE), (
    f"On the example's catalogue, book_report() should return {_expected_report(EXAMPLE_CATALOGUE)!r}, got {_got!r}. "
    f"Hint: {_report_advice(_got, _expected_report(EXAMPLE_CATALOGUE))}"
)
assert len(_queries) <= 2, (
    f"On the example's 4 books, book_report() ran {len(_queries)} SQL queries; at most 2 are allowed. "
    f"Hint: {_advice_for(_queries)}"
)

# --- PYODIDE:secrets --- #
_TITLES = ["Dune", "Emma", "Émile", "Beloved", "Kindred", "Solaris", "東京物語", "Ulysses", "abc", "Zazie"]
_AUTHORS = ["Herbert", "Austen", "Rousseau", "Morrison", "Butler", "Lem", "Ozu", "Joyce", "Queneau", "Le Guin"]
_TAGS = ["space", "classic", "desert", "roman", "ß", "Été", "time", "war", "sea", "AI"]


def _random_catalogue(rng, size):
    """`size` books, in a random order: repeated titles and authors, some books without tags."""
    pairs = set()
    while len(pairs) < size:
        pairs.add((rng.choice(_TITLES), rng.choice(_AUTHORS)))
    catalogue = [(title, name, rng.sample(_TAGS, rng.choice((0, 1, 2, 3, 4)))) for title, name in sorted(pairs)]
    rng.shuffle(catalogue)
    return catalogue


def _check(catalogue):
    fill_catalogue(catalogue)
    with counting_queries() as queries:
        got = _returning(list, book_report)
    want = _expected_report(catalogue)
    if got != want:
        raise AssertionError(
            f"With {len(catalogue)} books, book_report() should return {want!r}, got {got!r}. Hint: {_report_advice(got, want)}"
        )
    assert len(queries) <= 2, (
        f"With {len(catalogue)} books, book_report() ran {len(queries)} SQL queries; at most 2 are allowed, "
        f"whatever the number of books. Hint: {_advice_for(queries)}"
    )


_rng = _random.Random(30)
_check([])
_check([("Solaris", "Lem", [])])
_check([("Emma", "Austen", ["roman", "classic", "AI"])])
for _size in (5, 30, 2, 12, 30):
    _check(_random_catalogue(_rng, _size))
