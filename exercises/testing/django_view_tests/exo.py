# --- PYODIDE:env --- #
from course_helpers.packages import require as _require

await _require("django")

from course_helpers.django_setup import configure_django as _configure_django
from course_helpers.pytest_runner import (
    Bug as _Bug,
    changed as _changed,
    check_tests_catch as _check_tests_catch,
    check_tests_pass as _check_tests_pass,
    provide_module as _provide_module,
    use_pytest as _use_pytest,
)

_configure_django()
await _use_pytest()

_CORRECT = """
from django.http import Http404, JsonResponse
from django.urls import path
from django.views.decorators.http import require_safe

BOOKS = [
    {"id": 1, "title": "Dune", "author": "Frank Herbert"},
    {"id": 2, "title": "Beloved", "author": "Toni Morrison"},
    {"id": 3, "title": "Children of Dune", "author": "Frank Herbert"},
]


@require_safe
def book_list(request):
    author = request.GET.get("author")
    books = BOOKS
    if author is not None:
        books = [book for book in BOOKS if book["author"].casefold() == author.casefold()]
    return JsonResponse({"books": books})


@require_safe
def book_detail(request, book_id):
    for book in BOOKS:
        if book["id"] == book_id:
            return JsonResponse(book)
    raise Http404("no such book")


urlpatterns = [
    path("books/", book_list),
    path("books/<int:book_id>/", book_detail),
]
"""


_BUGS = [
    _Bug(
        "GET /books/9/ answers 200 with an empty body instead of 404",
        _changed(
            _CORRECT,
            ("import Http404, JsonResponse", "import HttpResponse, JsonResponse"),
            ('raise Http404("no such book")', "return HttpResponse()"),
        ),
        "ask for a book id that does not exist and assert the status code.",
    ),
    _Bug(
        "the author filter is case-sensitive (?author=frank herbert finds no book)",
        _changed(_CORRECT, ('book["author"].casefold() == author.casefold()', 'book["author"] == author')),
        "filter on an author written in other capitals than in the data, such as 'frank herbert'.",
    ),
    _Bug(
        "POST /books/ is accepted (200) instead of refused with 405",
        _changed(_CORRECT, ("@require_safe\ndef book_list", "def book_list")),
        "send a POST to the list and assert the status code the statement gives.",
    ),
    _Bug(
        "the detail route lacks its trailing slash (/books/2/ answers 404)",
        _changed(_CORRECT, ('path("books/<int:book_id>/"', 'path("books/<int:book_id>"')),
        "request a book by the path the statement gives, /books/2/ with its final slash, and assert the JSON.",
    ),
    _Bug(
        "the list is sent as text/html, not application/json",
        _changed(
            _CORRECT,
            (
                "from django.http import Http404, JsonResponse",
                "import json\n\nfrom django.http import Http404, HttpResponse",
            ),
            ('return JsonResponse({"books": books})', 'return HttpResponse(json.dumps({"books": books}))'),
        ),
        "read the list with response.json(), which refuses a body not declared as JSON, or assert its Content-Type.",
    ),
    _Bug(
        "an author with no books answers 404 instead of an empty list",
        _changed(
            _CORRECT,
            (
                '    return JsonResponse({"books": books})',
                '    if not books:\n        raise Http404("no books")\n    return JsonResponse({"books": books})',
            ),
        ),
        "filter on an author who has no book and assert the answer.",
    ),
    _Bug(
        "HEAD is refused with 405 (only GET is allowed)",
        _changed(_CORRECT, ("require_safe", "require_GET")),
        "send a HEAD request, which the statement allows, and assert the status code.",
    ),
    _Bug(
        "without ?author= the list is empty",
        _changed(
            _CORRECT,
            ('request.GET.get("author")', 'request.GET.get("author", "")'),
            ("    books = BOOKS\n    if author is not None:\n        books =", "    books ="),
        ),
        "ask for the list with no query string and assert every book is in it.",
    ),
]

_provide_module("books_api", _CORRECT)  # what ROOT_URLCONF="books_api" finds when the ▶ button runs

# --- PYODIDE:code --- #
from django.test import Client, override_settings


def test_the_list_answers():
    with override_settings(ROOT_URLCONF="books_api"):
        response = Client().get("/books/")
    assert response.status_code < 500


# --- PYODIDE:corr --- #
import pytest
from django.test import Client, override_settings


@pytest.fixture
def client():
    with override_settings(ROOT_URLCONF="books_api"):  # the URLs of books_api, for this test only
        yield Client()


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({}, [1, 2, 3]),
        ({"author": "frank herbert"}, [1, 3]),
        ({"author": "Nobody"}, []),
    ],
)
def test_the_list_and_its_author_filter(client, params, ids):
    books = client.get("/books/", params).json()["books"]  # .json() fails unless the type is JSON
    assert [book["id"] for book in books] == ids


def test_a_book_is_found_by_id(client):
    assert client.get("/books/2/").json() == {"id": 2, "title": "Beloved", "author": "Toni Morrison"}


def test_an_unknown_book_is_not_found(client):
    assert client.get("/books/9/").status_code == 404


def test_only_get_and_head_are_allowed(client):
    assert client.head("/books/").status_code == 200
    assert client.post("/books/").status_code == 405


# --- PYODIDE:tests --- #
# Your tests must pass on the views of the statement, in any order.
_check_tests_pass("books_api", _CORRECT)

# --- PYODIDE:secrets --- #
# Each buggy version of the views must make at least one of your tests fail.
_check_tests_catch("books_api", _CORRECT, _BUGS)
