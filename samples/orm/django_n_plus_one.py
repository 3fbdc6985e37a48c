"""Django: the N+1 problem, and the two ways out of it."""

from django.db.models import Prefetch

from samples.orm.library.models import Author, Book


def titles_and_authors_naive():
    # book.author is loaded on first access, by one query per book: 1 + N queries.
    return [(book.title, book.author.name) for book in Book.objects.order_by("title")]


def titles_and_authors():
    # select_related: the authors come in the same query, through a JOIN (foreign keys, one-to-one).
    return [(book.title, book.author.name) for book in Book.objects.select_related("author").order_by("title")]


def authors_and_titles_naive():
    # author.books.all() is a new query for each author: 1 + N queries.
    return [(author.name, [book.title for book in author.books.all()]) for author in Author.objects.order_by("name")]


def authors_and_titles():
    # prefetch_related: one more query for all the books (WHERE author_id IN (...)), joined up in Python.
    books = Prefetch("books", queryset=Book.objects.order_by("title"))
    authors = Author.objects.prefetch_related(books).order_by("name")
    return [(author.name, [book.title for book in author.books.all()]) for author in authors]
