"""A "books" app's urls.py: its own URL names, under the application namespace "books"."""

from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe

app_name = "books"  # the application namespace: names become "books:list", "books:detail"

BOOKS = {1: "Dune", 2: "Beloved"}


@require_safe  # GET and HEAD; any other method gets 405 with an Allow header
def book_list(request):
    # Built from the names, never hard-coded: moving the app under another prefix changes nothing here.
    urls = [reverse("books:detail", kwargs={"book_id": book_id}) for book_id in sorted(BOOKS)]
    return JsonResponse({"books": urls})


@require_safe
def book_detail(request, book_id):  # already an int: the int converter matched and converted it
    if book_id not in BOOKS:
        raise Http404("no such book")  # the URL matched, the resource does not exist: still 404
    return JsonResponse({"id": book_id, "title": BOOKS[book_id]})


urlpatterns = [
    path("", book_list, name="list"),
    path("<int:book_id>/", book_detail, name="detail"),  # /books/abc/ matches nothing: 404
]
