"""The library app's models: what the ORM chapter's Django samples query.

Django creates one table per model (library_author, library_book), adds an `id` primary key
(DEFAULT_AUTO_FIELD) and an index on every ForeignKey column.
"""

from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100, unique=True)  # unique: the database refuses a second "Ursula K. Le Guin"

    def __str__(self):
        return self.name


class Book(models.Model):
    title = models.CharField(max_length=200)
    # on_delete says what happens to the books when their author is deleted: here, they go too.
    # related_name names the reverse side: author.books.all().
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    published = models.PositiveSmallIntegerField()  # the year
    stock = models.PositiveIntegerField(default=0)  # PositiveIntegerField: a CHECK (stock >= 0) in the table

    class Meta:
        constraints = [
            # One title per author: get_or_create and update_or_create rely on this to be race-free.
            models.UniqueConstraint(fields=["author", "title"], name="library_book_unique_title_per_author"),
        ]
        indexes = [models.Index(fields=["published", "id"], name="library_book_published_id")]

    def __str__(self):
        return self.title
