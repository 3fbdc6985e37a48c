"""Django: all-or-nothing with atomic(), and a savepoint to survive one failed row."""

from django.db import IntegrityError, transaction

from samples.orm.library.models import Author, Book


class EmptyCatalogue(Exception):
    pass


def import_catalogue(author_name, rows):
    """Create the author and its books, skipping titles already present.

    Either the author and at least one book are saved, or nothing is: EmptyCatalogue rolls back
    the author too. Returns (author, skipped titles).
    """
    skipped = []
    with transaction.atomic():  # BEGIN ... COMMIT, or ROLLBACK if an exception leaves the block
        author = Author.objects.create(name=author_name)
        for title, year in rows:
            try:
                with transaction.atomic():  # nested: a SAVEPOINT, rolled back alone if this row fails
                    Book.objects.create(author=author, title=title, published=year)
            except IntegrityError:  # caught outside the inner block: the outer one is still healthy
                skipped.append(title)
        if len(skipped) == len(rows):
            raise EmptyCatalogue(author_name)
    return author, skipped
