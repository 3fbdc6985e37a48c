"""samples/orm/django_async_queries.py, awaited from a test.

async_to_sync runs the coroutine, and the ORM's queries run back in this test's thread, so they
see the tables and the transaction of the fixtures (an in-memory database is one connection's).
"""

import pytest
from asgiref.sync import async_to_sync
from django.core.exceptions import SynchronousOnlyOperation

from samples.orm.django_async_queries import add_book, author_summary
from samples.orm.library.models import Author

pytestmark = pytest.mark.usefixtures("django_db")


def test_add_then_summarise():
    async_to_sync(add_book)("Toni Morrison", "Jazz", 1992)
    book = async_to_sync(add_book)("Toni Morrison", "Beloved", 1987)
    assert (book.title, book.author.name) == ("Beloved", "Toni Morrison")
    assert Author.objects.count() == 1
    assert async_to_sync(author_summary)("Toni Morrison") == ("Toni Morrison", 2, ["Beloved", "Jazz"])


def test_unknown_author_and_no_books():
    assert async_to_sync(author_summary)("Nobody") is None
    Author.objects.create(name="Zoë Heller")
    assert async_to_sync(author_summary)("Zoë Heller") == ("Zoë Heller", 0, [])


def test_the_synchronous_api_is_refused_inside_a_coroutine():
    async def wrong():
        return Author.objects.get(name="Toni Morrison")

    with pytest.raises(SynchronousOnlyOperation):
        async_to_sync(wrong)()
