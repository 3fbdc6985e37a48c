"""Django: views that read and write through the models. Django opens the database connection
when a request first needs it and gives it back at the end of the request."""

import json
import os

from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_POST, require_safe

from samples.orm.library.models import Author

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")


@require_safe
def author_books(request, author_id):
    author = get_object_or_404(Author, pk=author_id)  # no such row: 404, not a 500
    titles = list(author.books.order_by("title").values_list("title", flat=True))
    return JsonResponse({"author": author.name, "books": titles})


@require_POST
def add_author(request):
    name = json.loads(request.body)["name"]
    try:
        with transaction.atomic():  # the failed INSERT is rolled back, the connection stays usable
            author = Author.objects.create(name=name)
    except IntegrityError:  # caught outside the atomic block, never inside
        return JsonResponse({"error": f"{name} exists already"}, status=409)
    return JsonResponse({"id": author.pk, "name": author.name}, status=201)


urlpatterns = [
    path("authors/", add_author),
    path("authors/<int:author_id>/books/", author_books),
]
