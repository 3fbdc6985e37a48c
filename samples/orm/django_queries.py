"""Django's ORM: building QuerySets, following relations, aggregating."""

from django.db.models import Count, Max, Q, Sum

from samples.orm.library.models import Author, Book


def recent_books(since, limit=10):
    """Books published in or after `since`, newest first, ties by title; at most `limit`.

    Nothing runs here: a QuerySet is only a description of the query until it is evaluated.
    """
    return Book.objects.filter(published__gte=since).order_by("-published", "title")[:limit]


def books_not_by(author_name):
    # author__name: a lookup across the foreign key, which becomes a JOIN in the SQL.
    return Book.objects.exclude(author__name=author_name).order_by("title")


def search(term):
    """Title or author name containing `term`, case-insensitively: Q objects combine with | and &."""
    return Book.objects.filter(Q(title__icontains=term) | Q(author__name__icontains=term)).order_by("title")


def prolific_authors(min_books):
    """Authors with at least `min_books` books, each with its count in `n_books`."""
    return (
        Author.objects.annotate(n_books=Count("books"))  # one value per row: GROUP BY author
        .filter(n_books__gte=min_books)  # a filter on an annotation: HAVING
        .order_by("-n_books", "name")
    )


def stock_summary():
    """One dict for the whole table: aggregate() ends the QuerySet and runs the query."""
    return Book.objects.aggregate(copies=Sum("stock"), newest=Max("published"), titles=Count("id"))
