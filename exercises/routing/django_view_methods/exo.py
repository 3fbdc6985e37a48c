# --- PYODIDE:env --- #
from course_helpers.packages import import_after_require, require

await require("django")
from course_helpers.checks import call
from course_helpers.django_setup import configure_django, serve

configure_django()

View = import_after_require("django.views", "View")

# Django 5.2's own list: a previous run that changed it in place (list.remove) is undone here.
View.http_method_names = ["get", "post", "put", "patch", "delete", "head", "options", "trace"]


def fetch(client, method, path, body=b""):
    """Send one request through Django's test client; what the views raise becomes a message."""
    return call(
        client.generic,
        method,
        path,
        body,
        content_type="application/json",
        described_as=f"{method} {path}" + (f" with the body {body!r}" if body else ""),
        advice="A view must answer every request with a response: 404 for an unknown id, 400 for a bad body.",
    )


def json_of(response):
    """The JSON a response carries, or None when it declares another type or is not JSON."""
    if response.headers.get("Content-Type") != "application/json":
        return None
    try:
        return response.json()
    except ValueError:
        return None


def view_class_of(url):
    """The class of the class-based view that serves `url`, or None (a function view, or no route)."""
    Resolver404, resolve = import_after_require("django.urls", "Resolver404", "resolve")

    try:
        return getattr(resolve(url).func, "view_class", None)
    except Resolver404:
        return None


def allowed(response):
    """The methods of a response's Allow header, as a set."""
    return {method.strip() for method in response.headers.get("Allow", "").split(",") if method.strip()}


# --- PYODIDE:code --- #
import json

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import path
from django.views import View

BOOKS = {1: "Dune", 2: "Beloved"}


class BookView(View):
    pass


class PublicBookView(BookView):
    pass


urlpatterns = []

# --- PYODIDE:corr --- #
import json

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import path
from django.views import View

BOOKS = {1: "Dune", 2: "Beloved"}


class BookView(View):
    """/api/books/<id>/: read, replace and delete a book."""

    def get(self, request, book_id):
        if book_id not in BOOKS:
            raise Http404()
        return JsonResponse({"id": book_id, "title": BOOKS[book_id]})

    def put(self, request, book_id):
        if book_id not in BOOKS:
            raise Http404()
        try:
            data = json.loads(request.body)
        except ValueError:  # not JSON, or not UTF-8 (UnicodeDecodeError is a ValueError)
            data = None
        title = data.get("title") if isinstance(data, dict) else None
        if not isinstance(title, str) or not title:
            return JsonResponse({"error": "send a JSON object with a non-empty title"}, status=400)
        BOOKS[book_id] = title
        return JsonResponse({"id": book_id, "title": title})

    def delete(self, request, book_id):
        if book_id not in BOOKS:
            raise Http404()
        del BOOKS[book_id]
        return HttpResponse(status=204)


class PublicBookView(BookView):
    """/books/<id>/: the same books, read-only. HEAD comes from get(), OPTIONS from View."""

    http_method_names = ["get", "head", "options"]


urlpatterns = [
    path("api/books/<int:book_id>/", BookView.as_view()),
    path("books/<int:book_id>/", PublicBookView.as_view()),
]

# --- PYODIDE:tests --- #
client = serve(urlpatterns)

for url, name in (("/api/books/1/", "BookView"), ("/books/1/", "PublicBookView")):
    found = getattr(view_class_of(url), "__name__", "no class: no route, or a function view")
    assert found == name, (
        f"{url} should be served by the class {name}, got {found}. "
        f"Hint: route it to {name}.as_view(): only class-based views answer OPTIONS by themselves."
    )

response = fetch(client, "GET", "/books/1/")
if response.status_code == 405:
    advice = "write the names of http_method_names in lowercase ('get'): dispatch() looks up request.method.lower()."
else:
    advice = "answer JsonResponse({'id': book_id, 'title': ...}) in get(); book_id comes as an int."
assert response.status_code == 200 and json_of(response) == {"id": 1, "title": "Dune"}, (
    f"GET /books/1/ should get 200 and the JSON {{'id': 1, 'title': 'Dune'}}, got {response.status_code} "
    f"{response.content[:100]!r}. Hint: {advice}"
)

response = fetch(client, "PUT", "/books/1/", b'{"title": "Emma"}')
if "HEAD" not in allowed(response):
    advice = "keep 'head' in http_method_names: HEAD is how monitors and link checkers ask, and View runs get() for it."
elif "OPTIONS" not in allowed(response):
    advice = "keep 'options' in http_method_names: View answers OPTIONS with the Allow header by itself."
else:
    advice = "list exactly the methods PublicBookView accepts in http_method_names; View refuses the others."
assert response.status_code == 405 and allowed(response) == {"GET", "HEAD", "OPTIONS"}, (
    f"PUT /books/1/ (the read-only URL) should get 405 with Allow: GET, HEAD, OPTIONS, got {response.status_code} "
    f"and Allow {response.headers.get('Allow')!r}. Hint: {advice}"
)

response = fetch(client, "OPTIONS", "/api/books/1/")
if "put" not in View.http_method_names:
    advice = (
        "PublicBookView changed, in place, the list it inherited, which is View's own list, shared by every view: "
        "give it a new list, http_method_names = ['get', ...], never .remove() from the inherited one."
    )
else:
    advice = "give BookView the methods get, put and delete; View adds HEAD (from get) and OPTIONS."
assert response.status_code == 200 and allowed(response) == {"GET", "PUT", "DELETE", "HEAD", "OPTIONS"}, (
    f"OPTIONS /api/books/1/ should get 200 with Allow: GET, PUT, DELETE, HEAD, OPTIONS, got "
    f"{response.status_code} and Allow {response.headers.get('Allow')!r}. Hint: {advice}"
)

# --- PYODIDE:secrets --- #
GIVEN_BOOKS = dict(BOOKS)
API = {"GET", "PUT", "DELETE", "HEAD", "OPTIONS"}
PUBLIC = {"GET", "HEAD", "OPTIONS"}
client = serve(urlpatterns)

for url in ("/api/books/2/", "/books/2/", "/books/%32/"):
    data = json_of(fetch(client, "GET", url))
    assert data == {"id": 2, "title": "Beloved"}, (
        f"GET {url} should answer {{'id': 2, 'title': 'Beloved'}}, got {data!r}. "
        "Hint: both URLs show the book of BOOKS that the id names, with the title as it is."
    )

# Every method each URL does not accept: 405, with the Allow of the URL.
for url, accepted in (("/api/books/1/", API), ("/books/1/", PUBLIC), ("/books/99/", PUBLIC)):
    for method in ("GET", "PUT", "DELETE", "POST", "PATCH", "TRACE", "BREW", "HEAD", "OPTIONS"):
        if method in accepted:
            continue
        response = fetch(client, method, url, b'{"title": "Emma"}')
        assert response.status_code == 405 and allowed(response) == accepted, (
            f"{method} {url} should get 405 with Allow: {', '.join(sorted(accepted))}, got {response.status_code} "
            f"and Allow {response.headers.get('Allow')!r}. Hint: do not refuse a method in a handler of your own "
            "(a put() that returns 405): leave it out of http_method_names, and View computes Allow from the "
            "methods that remain."
        )
assert BOOKS == GIVEN_BOOKS, (
    f"PUT and DELETE on the read-only URL changed BOOKS, now {BOOKS!r}. "
    "Hint: PublicBookView must refuse them before any handler runs: leave them out of its http_method_names."
)

# OPTIONS: 200, the Allow of the URL, no body.
for url, accepted in (("/books/2/", PUBLIC), ("/api/books/2/", API)):
    response = fetch(client, "OPTIONS", url)
    assert (response.status_code, allowed(response), response.content) == (200, accepted, b""), (
        f"OPTIONS {url} should get 200 with Allow: {', '.join(sorted(accepted))} and no body, got "
        f"{response.status_code}, Allow {response.headers.get('Allow')!r}, {response.content[:60]!r}. "
        "Hint: keep 'options' in http_method_names and let View.options() answer; it lists the methods of "
        "http_method_names that the class has a handler for."
    )

# HEAD: GET's status and headers, no body, on both URLs and for every status.
for url in ("/books/1/", "/api/books/2/", "/books/99/", "/api/books/99/"):
    get = fetch(client, "GET", url)
    head = fetch(client, "HEAD", url)
    same = ("Content-Type", "Content-Length")
    assert (head.status_code, head.content) == (get.status_code, b"") and all(
        head.headers.get(name) == get.headers.get(name) for name in same
    ), (
        f"HEAD {url} should get GET's status ({get.status_code}), Content-Type and Content-Length, and no body; "
        f"got {head.status_code} {head.headers.get('Content-Type')!r} Content-Length "
        f"{head.headers.get('Content-Length')!r}. Hint: keep 'head' in http_method_names and write no head() "
        "method: View runs get() for HEAD, and the body is dropped on the way out."
    )

# GET and the converter.
for url in ("/books/99/", "/books/0/", "/api/books/99/", "/books/abc/", "/books/-1/", "/books/%201/", "/books/1%0A/"):
    response = fetch(client, "GET", url)
    assert response.status_code == 404, (
        f"GET {url} should get 404, got {response.status_code}. "
        "Hint: route <int:book_id>, and raise Http404 in get() for an id that is not in BOOKS."
    )
for method in ("PUT", "DELETE", "POST"):
    response = fetch(client, method, "/api/books/abc/", b'{"title": "Emma"}')
    assert response.status_code == 404, (
        f"{method} /api/books/abc/ should get 404 (no route matches), got {response.status_code}. "
        "Hint: the converter decides first: route 'api/books/<int:book_id>/'."
    )

# PUT replaces the title, keeps nothing else of the body, and is idempotent.
for body, title in (
    (b'{"title": "Emma"}', "Emma"),
    (b'{"title": "Emma"}', "Emma"),
    ('{"title": "Ænéide", "id": 7, "author": "Virgil"}'.encode(), "Ænéide"),
    (b'{"title": "0"}', "0"),
):
    response = fetch(client, "PUT", "/api/books/2/", body)
    assert response.status_code == 200 and json_of(response) == {"id": 2, "title": title}, (
        f"PUT /api/books/2/ with {body!r} should get 200 and {{'id': 2, 'title': {title!r}}}, got "
        f"{response.status_code} {response.content[:100]!r}. Hint: read json.loads(request.body), store its "
        "title under the id of the URL, and answer the book as GET would; ignore every other field."
    )
    stored = json_of(fetch(client, "GET", "/books/2/"))
    assert stored == {"id": 2, "title": title} and sorted(BOOKS) == [1, 2], (
        f"After that PUT, GET /books/2/ should answer {{'id': 2, 'title': {title!r}}}, got {stored!r}, and BOOKS "
        f"should keep the ids 1 and 2, got {sorted(BOOKS)}. Hint: BOOKS[book_id] = title, for the id of the URL."
    )
for body in (
    b"",
    b"Emma",
    b'{"title": "\xff"}',
    b'["Emma"]',
    b'"Emma"',
    b'{"name": "Emma"}',
    b'{"title": ""}',
    b'{"title": 42}',
    b'{"title": null}',
    b'{"title": ["Emma"]}',
):
    response = fetch(client, "PUT", "/api/books/1/", body)
    data = json_of(response)
    error = data.get("error") if isinstance(data, dict) else None
    assert response.status_code == 400 and isinstance(error, str) and error, (
        f"PUT /api/books/1/ with the body {body!r} should get 400 and a JSON {{'error': <a message>}}, got "
        f"{response.status_code} {response.content[:100]!r}. Hint: catch ValueError around json.loads (bad JSON, "
        "bytes that are not UTF-8), then check that you got a dict whose title is a non-empty str."
    )
assert BOOKS[1] == "Dune", (
    f"The refused PUTs changed book 1, now {BOOKS[1]!r}. Hint: check the whole body before storing anything."
)
response = fetch(client, "PUT", "/api/books/99/", b'{"title": "Emma"}')
assert response.status_code == 404 and 99 not in BOOKS, (
    f"PUT /api/books/99/ (no such book) should get 404 and create nothing, got {response.status_code}. "
    "Hint: look the id up first, as get() does: PUT here replaces a book, it never creates one."
)

# DELETE: 204 without a body, then the book is gone; a second DELETE finds nothing.
response = fetch(client, "DELETE", "/api/books/1/")
assert (response.status_code, response.content) == (204, b"") and 1 not in BOOKS, (
    f"DELETE /api/books/1/ should get 204 with no body and remove book 1, got {response.status_code} "
    f"{response.content[:60]!r}, BOOKS {BOOKS!r}. Hint: del BOOKS[book_id], then return HttpResponse(status=204)."
)
for method, url in (("GET", "/books/1/"), ("DELETE", "/api/books/1/"), ("DELETE", "/api/books/99/")):
    response = fetch(client, method, url)
    assert response.status_code == 404, (
        f"After DELETE /api/books/1/, {method} {url} should get 404, got {response.status_code}. "
        "Hint: in delete() too, raise Http404 for an id that is not in BOOKS."
    )
assert BOOKS == {2: "0"}, (
    f"After those requests BOOKS should be {{2: '0'}}, got {BOOKS!r}. Hint: DELETE removes the book of its URL, "
    "and nothing else."
)
BOOKS.clear()
BOOKS.update(GIVEN_BOOKS)
