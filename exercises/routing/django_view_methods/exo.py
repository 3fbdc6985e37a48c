# --- PYODIDE:env --- #
from course_helpers.packages import import_after_require as _import_after_require, require as _require

await _require("django")
from course_helpers.checks import call as _call
from course_helpers.django_setup import configure_django as _configure_django, serve

_configure_django()

_View = _import_after_require("django.views", "View")

# Django 5.2's own list: a previous run that changed it in place (list.remove) is undone here.
_View.http_method_names = ["get", "post", "put", "patch", "delete", "head", "options", "trace"]


def _fetch(client, method, path, body=b""):
    """Send one request through Django's test client; what the views raise becomes a message."""
    return _call(
        client.generic,
        method,
        path,
        body,
        content_type="application/json",
        described_as=f"{method} {path}" + (f" with the body {body!r}" if body else ""),
        advice="A view must answer every request with a response: 404 for an unknown id, 400 for a bad body.",
    )


def _json_of(response):
    """The JSON a response carries, or None when it declares another type or is not JSON."""
    if response.headers.get("Content-Type") != "application/json":
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _view_class_of(url):
    """The class of the class-based view that serves `url`, or None (a function view, or no route)."""
    Resolver404, resolve = _import_after_require("django.urls", "Resolver404", "resolve")

    try:
        return getattr(resolve(url).func, "view_class", None)
    except Resolver404:
        return None


def _allowed(response):
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
_client = serve(urlpatterns)

for _url, _name in (("/api/books/1/", "BookView"), ("/books/1/", "PublicBookView")):
    _found = getattr(_view_class_of(_url), "__name__", "no class: no route, or a function view")
    assert _found == _name, (
        f"{_url} should be served by the class {_name}, got {_found}. "
        f"Hint: route it to {_name}.as_view(): only class-based views answer OPTIONS by themselves."
    )

_response = _fetch(_client, "GET", "/books/1/")
if _response.status_code == 405:
    _advice = "write the names of http_method_names in lowercase ('get'): dispatch() looks up request.method.lower()."
else:
    _advice = "answer JsonResponse({'id': book_id, 'title': ...}) in get(); book_id comes as an int."
assert _response.status_code == 200 and _json_of(_response) == {"id": 1, "title": "Dune"}, (
    f"GET /books/1/ should get 200 and the JSON {{'id': 1, 'title': 'Dune'}}, got {_response.status_code} "
    f"{_response.content[:100]!r}. Hint: {_advice}"
)

_response = _fetch(_client, "PUT", "/books/1/", b'{"title": "Emma"}')
if "HEAD" not in _allowed(_response):
    _advice = (
        "keep 'head' in http_method_names: HEAD is how monitors and link checkers ask, and View runs get() for it."
    )
elif "OPTIONS" not in _allowed(_response):
    _advice = "keep 'options' in http_method_names: View answers OPTIONS with the Allow header by itself."
else:
    _advice = "list exactly the methods PublicBookView accepts in http_method_names; View refuses the others."
assert _response.status_code == 405 and _allowed(_response) == {"GET", "HEAD", "OPTIONS"}, (
    f"PUT /books/1/ (the read-only URL) should get 405 with Allow: GET, HEAD, OPTIONS, got {_response.status_code} "
    f"and Allow {_response.headers.get('Allow')!r}. Hint: {_advice}"
)

_response = _fetch(_client, "OPTIONS", "/api/books/1/")
if "put" not in _View.http_method_names:
    _advice = (
        "PublicBookView changed, in place, the list it inherited, which is View's own list, shared by every view: "
        "give it a new list, http_method_names = ['get', ...], never .remove() from the inherited one."
    )
else:
    _advice = "give BookView the methods get, put and delete; View adds HEAD (from get) and OPTIONS."
assert _response.status_code == 200 and _allowed(_response) == {"GET", "PUT", "DELETE", "HEAD", "OPTIONS"}, (
    f"OPTIONS /api/books/1/ should get 200 with Allow: GET, PUT, DELETE, HEAD, OPTIONS, got "
    f"{_response.status_code} and Allow {_response.headers.get('Allow')!r}. Hint: {_advice}"
)

# --- PYODIDE:secrets --- #
_GIVEN_BOOKS = dict(BOOKS)
_API = {"GET", "PUT", "DELETE", "HEAD", "OPTIONS"}
_PUBLIC = {"GET", "HEAD", "OPTIONS"}
_client = serve(urlpatterns)

for _url in ("/api/books/2/", "/books/2/", "/books/%32/"):
    _data = _json_of(_fetch(_client, "GET", _url))
    assert _data == {"id": 2, "title": "Beloved"}, (
        f"GET {_url} should answer {{'id': 2, 'title': 'Beloved'}}, got {_data!r}. "
        "Hint: both URLs show the book of BOOKS that the id names, with the title as it is."
    )

# Every method each URL does not accept: 405, with the Allow of the URL.
for _url, _accepted in (("/api/books/1/", _API), ("/books/1/", _PUBLIC), ("/books/99/", _PUBLIC)):
    for _method in ("GET", "PUT", "DELETE", "POST", "PATCH", "TRACE", "BREW", "HEAD", "OPTIONS"):
        if _method in _accepted:
            continue
        _response = _fetch(_client, _method, _url, b'{"title": "Emma"}')
        assert _response.status_code == 405 and _allowed(_response) == _accepted, (
            f"{_method} {_url} should get 405 with Allow: {', '.join(sorted(_accepted))}, got {_response.status_code} "
            f"and Allow {_response.headers.get('Allow')!r}. Hint: do not refuse a method in a handler of your own "
            "(a put() that returns 405): leave it out of http_method_names, and View computes Allow from the "
            "methods that remain."
        )
assert BOOKS == _GIVEN_BOOKS, (
    f"PUT and DELETE on the read-only URL changed BOOKS, now {BOOKS!r}. "
    "Hint: PublicBookView must refuse them before any handler runs: leave them out of its http_method_names."
)

# OPTIONS: 200, the Allow of the URL, no body.
for _url, _accepted in (("/books/2/", _PUBLIC), ("/api/books/2/", _API)):
    _response = _fetch(_client, "OPTIONS", _url)
    assert (_response.status_code, _allowed(_response), _response.content) == (200, _accepted, b""), (
        f"OPTIONS {_url} should get 200 with Allow: {', '.join(sorted(_accepted))} and no body, got "
        f"{_response.status_code}, Allow {_response.headers.get('Allow')!r}, {_response.content[:60]!r}. "
        "Hint: keep 'options' in http_method_names and let View.options() answer; it lists the methods of "
        "http_method_names that the class has a handler for."
    )

# HEAD: GET's status and headers, no body, on both URLs and for every status.
for _url in ("/books/1/", "/api/books/2/", "/books/99/", "/api/books/99/"):
    _get = _fetch(_client, "GET", _url)
    _head = _fetch(_client, "HEAD", _url)
    _same = ("Content-Type", "Content-Length")
    assert (_head.status_code, _head.content) == (_get.status_code, b"") and all(
        _head.headers.get(name) == _get.headers.get(name) for name in _same
    ), (
        f"HEAD {_url} should get GET's status ({_get.status_code}), Content-Type and Content-Length, and no body; "
        f"got {_head.status_code} {_head.headers.get('Content-Type')!r} Content-Length "
        f"{_head.headers.get('Content-Length')!r}. Hint: keep 'head' in http_method_names and write no head() "
        "method: View runs get() for HEAD, and the body is dropped on the way out."
    )

# GET and the converter.
for _url in ("/books/99/", "/books/0/", "/api/books/99/", "/books/abc/", "/books/-1/", "/books/%201/", "/books/1%0A/"):
    _response = _fetch(_client, "GET", _url)
    assert _response.status_code == 404, (
        f"GET {_url} should get 404, got {_response.status_code}. "
        "Hint: route <int:book_id>, and raise Http404 in get() for an id that is not in BOOKS."
    )
for _method in ("PUT", "DELETE", "POST"):
    _response = _fetch(_client, _method, "/api/books/abc/", b'{"title": "Emma"}')
    assert _response.status_code == 404, (
        f"{_method} /api/books/abc/ should get 404 (no route matches), got {_response.status_code}. "
        "Hint: the converter decides first: route 'api/books/<int:book_id>/'."
    )

# PUT replaces the title, keeps nothing else of the body, and is idempotent.
for _body, _title in (
    (b'{"title": "Emma"}', "Emma"),
    (b'{"title": "Emma"}', "Emma"),
    ('{"title": "Ænéide", "id": 7, "author": "Virgil"}'.encode(), "Ænéide"),
    (b'{"title": "0"}', "0"),
):
    _response = _fetch(_client, "PUT", "/api/books/2/", _body)
    assert _response.status_code == 200 and _json_of(_response) == {"id": 2, "title": _title}, (
        f"PUT /api/books/2/ with {_body!r} should get 200 and {{'id': 2, 'title': {_title!r}}}, got "
        f"{_response.status_code} {_response.content[:100]!r}. Hint: read json.loads(request.body), store its "
        "title under the id of the URL, and answer the book as GET would; ignore every other field."
    )
    _stored = _json_of(_fetch(_client, "GET", "/books/2/"))
    assert _stored == {"id": 2, "title": _title} and sorted(BOOKS) == [1, 2], (
        f"After that PUT, GET /books/2/ should answer {{'id': 2, 'title': {_title!r}}}, got {_stored!r}, and BOOKS "
        f"should keep the ids 1 and 2, got {sorted(BOOKS)}. Hint: BOOKS[book_id] = title, for the id of the URL."
    )
for _body in (
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
    _response = _fetch(_client, "PUT", "/api/books/1/", _body)
    _data = _json_of(_response)
    _error = _data.get("error") if isinstance(_data, dict) else None
    assert _response.status_code == 400 and isinstance(_error, str) and _error, (
        f"PUT /api/books/1/ with the body {_body!r} should get 400 and a JSON {{'error': <a message>}}, got "
        f"{_response.status_code} {_response.content[:100]!r}. Hint: catch ValueError around json.loads (bad JSON, "
        "bytes that are not UTF-8), then check that you got a dict whose title is a non-empty str."
    )
assert BOOKS[1] == "Dune", (
    f"The refused PUTs changed book 1, now {BOOKS[1]!r}. Hint: check the whole body before storing anything."
)
_response = _fetch(_client, "PUT", "/api/books/99/", b'{"title": "Emma"}')
assert _response.status_code == 404 and 99 not in BOOKS, (
    f"PUT /api/books/99/ (no such book) should get 404 and create nothing, got {_response.status_code}. "
    "Hint: look the id up first, as get() does: PUT here replaces a book, it never creates one."
)

# DELETE: 204 without a body, then the book is gone; a second DELETE finds nothing.
_response = _fetch(_client, "DELETE", "/api/books/1/")
assert (_response.status_code, _response.content) == (204, b"") and 1 not in BOOKS, (
    f"DELETE /api/books/1/ should get 204 with no body and remove book 1, got {_response.status_code} "
    f"{_response.content[:60]!r}, BOOKS {BOOKS!r}. Hint: del BOOKS[book_id], then return HttpResponse(status=204)."
)
for _method, _url in (("GET", "/books/1/"), ("DELETE", "/api/books/1/"), ("DELETE", "/api/books/99/")):
    _response = _fetch(_client, _method, _url)
    assert _response.status_code == 404, (
        f"After DELETE /api/books/1/, {_method} {_url} should get 404, got {_response.status_code}. "
        "Hint: in delete() too, raise Http404 for an id that is not in BOOKS."
    )
assert BOOKS == {2: "0"}, (
    f"After those requests BOOKS should be {{2: '0'}}, got {BOOKS!r}. Hint: DELETE removes the book of its URL, "
    "and nothing else."
)
BOOKS.clear()
BOOKS.update(_GIVEN_BOOKS)
