"""Django's asynchronous query API: the a-prefixed methods and `async for`."""

from samples.orm.library.models import Author, Book


async def author_summary(name):
    """(name, number of books, titles in order), or None for an unknown author."""
    try:
        author = await Author.objects.aget(name=name)  # not .get(): that would raise SynchronousOnlyOperation
    except Author.DoesNotExist:
        return None
    books = Book.objects.filter(author=author).order_by("title")  # building a QuerySet runs nothing
    count = await books.acount()
    titles = [book.title async for book in books]  # async iteration evaluates it
    return author.name, count, titles


async def add_book(author_name, title, year):
    author, _ = await Author.objects.aget_or_create(name=author_name)
    return await Book.objects.acreate(author=author, title=title, published=year)
