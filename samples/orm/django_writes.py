"""Django: writing rows in bulk, upserting on a unique key, and updating without lost updates."""

from django.db.models import F

from samples.orm.library.models import Author, Book


def import_books(author, rows):
    """Insert every (title, year) in one INSERT per batch instead of one per row.

    bulk_create() does not call save() and sends no pre_save/post_save signals.
    """
    return Book.objects.bulk_create([Book(author=author, title=title, published=year) for title, year in rows])


def author_named(name):
    """The author with this name, created if missing: (author, created)."""
    # Safe against two requests at once only because `name` is unique in the database: the loser's
    # INSERT fails, and get_or_create() then fetches the winner's row.
    return Author.objects.get_or_create(name=name)


def set_stock(author, title, stock):
    """Look the book up by its unique key (author, title); update its stock or create it."""
    return Book.objects.update_or_create(
        author=author,
        title=title,
        defaults={"stock": stock},  # written in both cases
        create_defaults={"stock": stock, "published": 0},  # Django 5.0+: used only when creating
    )


def sell_one(book_id):
    """Take one copy if there is one: True if sold. A single UPDATE ... WHERE stock > 0, so two
    sales at once cannot both take the last copy, and neither overwrites the other's change."""
    return Book.objects.filter(pk=book_id, stock__gt=0).update(stock=F("stock") - 1) == 1
