"""Django: a search view whose values reach the database only as parameters, and whose sort order
comes from an allow-list (settings: samples/django_settings.py; models: samples/orm/library)."""

import os

from django.db import connection
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import path

from samples.orm.library.models import Book

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")

# What the client may write in ?sort=, and the ORM field each one means. order_by(request.GET["sort"])
# would accept any field, related ones too ("author__name"), and a missing one raises FieldError: a 500.
SORT_FIELDS = {"title": "title", "year": "published", "-year": "-published"}


def search(request):
    words = request.GET.get("q", "")
    sort = request.GET.get("sort", "title")
    if sort not in SORT_FIELDS:
        return HttpResponseBadRequest(f"sort must be one of {', '.join(SORT_FIELDS)}")
    # icontains becomes LIKE %s (or ILIKE on PostgreSQL), with the words bound as a parameter.
    books = Book.objects.filter(title__icontains=words).order_by(SORT_FIELDS[sort], "id")
    return JsonResponse({"books": [{"title": b.title, "published": b.published} for b in books]})


def copies_in_stock(request):
    """The same rule with raw SQL: %s placeholders, never quoted, and the values in a list."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(stock), 0) FROM library_book WHERE title = %s", [request.GET.get("title", "")]
        )
        (copies,) = cursor.fetchone()
    return JsonResponse({"copies": copies})


urlpatterns = [path("books/", search), path("stock/", copies_in_stock)]
