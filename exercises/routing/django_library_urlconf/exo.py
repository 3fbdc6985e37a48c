# --- PYODIDE:env --- #
from course_helpers.packages import require as _require

await _require("django")
from course_helpers.checks import call as _call
from course_helpers.django_setup import configure_django as _configure_django, serve

_configure_django()


def _fetch(client, path, method="GET", **extra):
    """Send one request through Django's test client; what the views raise becomes a message."""
    return _call(
        client.generic,
        method,
        path,
        described_as=f"{method} {path}",
        advice="A view must answer every request it gets with a response, a 404 included (raise Http404).",
        **extra,
    )


def _json_of(response, shown):
    """The JSON object of a response, once its Content-Type is checked."""
    declared = response.headers.get("Content-Type")
    if declared != "application/json":
        raise AssertionError(
            f"{shown} got {response.status_code} with the Content-Type {declared!r}, not 'application/json'. "
            "Hint: answer with JsonResponse({...}), which serialises the dict and declares the type."
        )
    data = response.json()
    if not isinstance(data, dict):
        raise AssertionError(
            f"{shown} should answer a JSON object, got {data!r}. Hint: pass a dict to JsonResponse, such as "
            "{'books': [...]}."
        )
    return data


# --- PYODIDE:code --- #
from django.http import Http404, JsonResponse
from django.urls import include, path, reverse
from django.views.decorators.http import require_safe

BOOKS = {
    1: {"title": "Dune", "author": "frank-herbert", "tags": ["sci-fi", "classic"]},
    2: {"title": "Beloved", "author": "toni-morrison", "tags": ["classic"]},
    3: {"title": "Children of Dune", "author": "frank-herbert", "tags": ["sci-fi"]},
}

# Your four views here.

book_patterns = []  # the app's routes
urlpatterns = []  # book_patterns, mounted under library/ with the namespace "books"

# --- PYODIDE:corr --- #
from django.http import Http404, JsonResponse
from django.urls import include, path, reverse
from django.views.decorators.http import require_safe

BOOKS = {
    1: {"title": "Dune", "author": "frank-herbert", "tags": ["sci-fi", "classic"]},
    2: {"title": "Beloved", "author": "toni-morrison", "tags": ["classic"]},
    3: {"title": "Children of Dune", "author": "frank-herbert", "tags": ["sci-fi"]},
}


def book_links(book_ids):
    """The URLs of these books, in id order, built from the route's name."""
    return [reverse("books:detail", kwargs={"book_id": book_id}) for book_id in sorted(book_ids)]


@require_safe  # GET and HEAD; other methods get 405 with an Allow header
def book_list(request):
    return JsonResponse({"books": book_links(BOOKS)})


@require_safe
def book_detail(request, book_id):  # an int already: the int converter matched and converted it
    if book_id not in BOOKS:
        raise Http404()
    book = BOOKS[book_id]
    return JsonResponse(
        {
            "id": book_id,
            "title": book["title"],
            "author": reverse("books:author", kwargs={"author": book["author"]}),
            "tags": [reverse("books:tag", kwargs={"tag": tag}) for tag in book["tags"]],
        }
    )


@require_safe
def author_books(request, author):
    return JsonResponse({"books": book_links(i for i, book in BOOKS.items() if book["author"] == author)})


@require_safe
def tag_books(request, tag):
    return JsonResponse({"books": book_links(i for i, book in BOOKS.items() if tag in book["tags"])})


book_patterns = [
    path("", book_list, name="list"),
    path("<int:book_id>/", book_detail, name="detail"),
    path("authors/<slug:author>/", author_books, name="author"),
    path("tags/<str:tag>/", tag_books, name="tag"),
]
urlpatterns = [path("library/", include((book_patterns, "books")))]

# --- PYODIDE:tests --- #
_client = serve(urlpatterns)

_response = _fetch(_client, "/library/1/")
assert _response.status_code == 200, (
    f"GET /library/1/ should get 200, got {_response.status_code}. Hint: mount book_patterns with "
    "path('library/', include((book_patterns, 'books'))) and route '<int:book_id>/', with its final '/', "
    "to book_detail."
)
assert _json_of(_response, "GET /library/1/") == {
    "id": 1,
    "title": "Dune",
    "author": "/library/authors/frank-herbert/",
    "tags": ["/library/tags/sci-fi/", "/library/tags/classic/"],
}, (
    f"GET /library/1/ returned {_response.content[:200]!r}. Hint: expected the id, the title, the URL of the "
    "author's page and the URL of each tag's page, each built with reverse('books:...', kwargs={...})."
)

_response = _fetch(_client, "/library/")
assert _json_of(_response, "GET /library/").get("books") == ["/library/1/", "/library/2/", "/library/3/"], (
    f"GET /library/ should list the URLs of the three books in id order, got {_response.content[:200]!r}. "
    "Hint: route '' to book_list and return {'books': [reverse('books:detail', kwargs={'book_id': i}), ...]}."
)

# --- PYODIDE:secrets --- #
import json as _json

from django.core.handlers.wsgi import WSGIHandler as _WSGIHandler
from django.urls import NoReverseMatch as _NoReverseMatch, set_script_prefix as _set_script_prefix

from course_helpers.wsgi import call_wsgi as _call_wsgi

_GIVEN_BOOKS = {book_id: dict(book) for book_id, book in BOOKS.items()}


def _reversed(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except _NoReverseMatch as error:
        raise AssertionError(
            f"reverse({name!r}, kwargs={kwargs!r}) raised NoReverseMatch: {error}. Hint: give the routes the names "
            "list, detail, author and tag, and mount them with include((book_patterns, 'books')): the tuple's "
            "second item is the application namespace, the 'books:' of every name."
        ) from None


def _links(client, url):
    response = _fetch(client, url)
    assert response.status_code == 200, (
        f"GET {url} should get 200, got {response.status_code}. "
        "Hint: every route of the statement answers 200 for a URL it matches (a book's page: when the book exists)."
    )
    return _json_of(response, f"GET {url}")


_client = serve(urlpatterns)

# The names, reversed under the namespace "books" and the prefix library/.
for _name, _kwargs, _expected in (
    ("books:list", {}, "/library/"),
    ("books:detail", {"book_id": 3}, "/library/3/"),
    ("books:author", {"author": "toni-morrison"}, "/library/authors/toni-morrison/"),
    ("books:tag", {"tag": "classic"}, "/library/tags/classic/"),
):
    _got = _reversed(_name, **_kwargs)
    assert _got == _expected, (
        f"reverse({_name!r}, kwargs={_kwargs!r}) should give {_expected!r}, got {_got!r}. "
        "Hint: the routes of book_patterns are relative ('', '<int:book_id>/', 'authors/<slug:author>/', "
        "'tags/<str:tag>/'); the prefix library/ is added once, by the path() that includes them."
    )

for _url, _expected in (
    ("/library/2/", {"id": 2, "title": "Beloved", "author": "/library/authors/toni-morrison/"}),
    ("/library/3/", {"id": 3, "title": "Children of Dune", "tags": ["/library/tags/sci-fi/"]}),
):
    _data = _links(_client, _url)
    assert {key: _data.get(key) for key in _expected} == _expected, (
        f"GET {_url} should include {_expected!r}, got {_data!r}. "
        "Hint: answer the book that the URL names, with its own author and tags."
    )

for _url, _books in (
    ("/library/authors/frank-herbert/", ["/library/1/", "/library/3/"]),
    ("/library/authors/toni-morrison/", ["/library/2/"]),
    ("/library/tags/classic/", ["/library/1/", "/library/2/"]),
    ("/library/tags/sci-fi/", ["/library/1/", "/library/3/"]),
    ("/library/authors/nobody/", []),
    ("/library/tags/poetry/", []),
):
    _data = _links(_client, _url)
    assert _data == {"books": _books}, (
        f"GET {_url} should answer {{'books': {_books!r}}}, got {_data!r}. "
        "Hint: list the URLs of the books whose author is that slug (or that carry that tag), in id order; "
        "an author or a tag without books gets an empty list."
    )

# HEAD: GET's status and headers, no body; other methods: 405 with Allow.
for _url in ("/library/", "/library/1/", "/library/authors/frank-herbert/", "/library/tags/classic/", "/library/9/"):
    _get = _fetch(_client, _url)
    _head = _fetch(_client, _url, "HEAD")
    _same = ("Content-Type", "Content-Length")
    assert (_head.status_code, _head.content) == (_get.status_code, b"") and all(
        _head.headers.get(name) == _get.headers.get(name) for name in _same
    ), (
        f"HEAD {_url} should get GET's status ({_get.status_code}), Content-Type and Content-Length, and no body; got "
        f"{_head.status_code} {_head.headers.get('Content-Type')!r} {_head.content[:60]!r}. "
        "Hint: require_safe lets GET and HEAD through; require_GET answers HEAD with 405."
    )
    for _method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
        _response = _fetch(_client, _url, _method)
        _allow = {m.strip() for m in _response.headers.get("Allow", "").split(",")}
        assert _response.status_code == 405 and _allow == {"GET", "HEAD"}, (
            f"{_method} {_url} should get 405 with Allow: GET, HEAD, got {_response.status_code} and Allow "
            f"{_response.headers.get('Allow')!r}. Hint: decorate each view with require_safe; a function view "
            "otherwise runs for every method."
        )

for _urls, _advice in (
    (
        ("/library/9/", "/library/0/", "/library/abc/", "/library/-1/", "/library/1.0/"),
        "raise Http404 for an id that is not in BOOKS, and let <int:book_id> refuse what is not ASCII digits.",
    ),
    (
        ("/library/+1/", "/library/%201/", "/library/1%0A/", "/library/%D9%A1/", "/library/1/extra/"),
        "<int:book_id> takes ASCII digits only; int() in the view would also take '+1', ' 1', '1\\n' and '١' "
        "(an Arabic-Indic one).",
    ),
    (
        (
            "/library/authors/caf%C3%A9/",
            "/library/authors/frank%20herbert/",
            "/library/authors/frank-herbert%0A/",
            "/library/authors/frank.herbert/",
        ),
        "<slug:author> takes ASCII letters, digits, '-' and '_' only; <str:author> would take any text.",
    ),
    (
        ("/library/tags/sci-fi%2Fclassic/", "/library/tags/sci-fi/classic/", "/books/1/", "/1/"),
        "<str:tag> takes one segment, anything but '/' (<path:...> would take '/' too); and the app lives "
        "under library/ only.",
    ),
):
    for _url in _urls:
        _response = _fetch(_client, _url)
        assert _response.status_code == 404, f"GET {_url} should get 404, got {_response.status_code}. Hint: {_advice}"
for _url, _book_id in (("/library/%31/", 1), ("/library/0002/", 2), ("/library/%33/", 3)):
    _data = _links(_client, _url)
    assert _data.get("id") == _book_id, (
        f"GET {_url} should answer book {_book_id} (the int converter reads the decoded digits), got {_data!r}. "
        "Hint: let <int:book_id> convert the segment; the view gets an int."
    )

# APPEND_SLASH: every route ends with '/', so CommonMiddleware redirects the spelling without it.
for _url, _location in (
    ("/library", "/library/"),
    ("/library/1", "/library/1/"),
    ("/library/authors/frank-herbert", "/library/authors/frank-herbert/"),
    ("/library/tags/classic?page=2", "/library/tags/classic/?page=2"),
):
    _response = _fetch(_client, _url)
    assert _response.status_code == 301 and _response.headers.get("Location") == _location, (
        f"GET {_url} should get a 301 to {_location!r} (APPEND_SLASH), got {_response.status_code} and Location "
        f"{_response.headers.get('Location')!r}. Hint: end every route with '/', as Django's convention is: "
        "'<int:book_id>/', 'authors/<slug:author>/'; CommonMiddleware then redirects the URL without it."
    )

# Tags are any text without '/': reverse() percent-encodes them, and the links lead back to the tag.
BOOKS.clear()
BOOKS.update(
    {
        7: {"title": "Les Misérables", "author": "victor_hugo", "tags": ["café", "50%", "what?", "#1", "a&b+c"]},
        0: {"title": "Zero", "author": "0", "tags": ["sci fi", "0"]},
        4: {"title": "Notre-Dame", "author": "victor_hugo", "tags": ["%20", "café"]},
    }
)
_listed = _links(_client, "/library/").get("books")
assert _listed == ["/library/0/", "/library/4/", "/library/7/"], (
    f"With the books 7, 0 and 4 put into BOOKS in that order, GET /library/ should list "
    f"['/library/0/', '/library/4/', '/library/7/'], got {_listed!r}. "
    "Hint: a dict keeps the order of insertion: sort the ids; 0 is an id like any other."
)
for _book_id, _book in BOOKS.items():
    _data = _links(_client, f"/library/{_book_id}/")
    _tags = _data.get("tags")
    assert isinstance(_tags, list) and len(_tags) == len(_book["tags"]), (
        f"GET /library/{_book_id}/ should link each of the tags {_book['tags']!r}, in that order, got {_tags!r}. "
        "Hint: one URL per tag of the book, [reverse('books:tag', kwargs={'tag': tag}) for tag in book['tags']]."
    )
    for _tag, _link in zip(_book["tags"], _tags):
        _response = _fetch(_client, str(_link))
        _books = _json_of(_response, f"GET {_link}").get("books") if _response.status_code == 200 else None
        assert f"/library/{_book_id}/" in (_books or []), (
            f"The link {_link!r} of the tag {_tag!r} should lead to a list holding /library/{_book_id}/, got "
            f"{_response.status_code} {_response.content[:100]!r}. Hint: build the link with "
            "reverse('books:tag', kwargs={'tag': tag}), the tag as it is: reverse() percent-encodes it once "
            "('%' becomes '%25', '?' '%3F'); quoting it yourself first encodes it twice, and the link names "
            "another tag."
        )
    _author = _links(_client, _data.get("author") or "/library/")
    assert f"/library/{_book_id}/" in (_author.get("books") or []), (
        f"The author link of book {_book_id}, {_data.get('author')!r}, should lead to a list holding it, got {_author!r}. "
        "Hint: reverse('books:author', kwargs={'author': book['author']})."
    )
for _url, _books in (
    ("/library/authors/victor_hugo/", ["/library/4/", "/library/7/"]),
    ("/library/authors/0/", ["/library/0/"]),
    ("/library/tags/caf%C3%A9/", ["/library/4/", "/library/7/"]),
    ("/library/tags/%2520/", ["/library/4/"]),
    ("/library/tags/%20/", []),
    ("/library/tags/sci+fi/", []),
    ("/library/tags/sci%20fi/", ["/library/0/"]),
):
    _data = _links(_client, _url)
    assert _data == {"books": _books}, (
        f"GET {_url} should answer {{'books': {_books!r}}}, got {_data!r}. "
        "Hint: compare the decoded segment the converter hands the view with the data as it is; "
        "never decode it again ('%2520' is the tag '%20') nor turn '+' into a space."
    )

# The same app mounted elsewhere: every link follows the prefix.
for _prefix, _route in (("/shop/", "shop/"), ("/", ""), ("/api/v2/", "api/v2/")):
    _other = serve([path(_route, include((book_patterns, "books")))])
    _data = _links(_other, f"{_prefix}7/")
    _expected_author = f"{_prefix}authors/victor_hugo/"
    assert _data.get("author") == _expected_author and all(
        link.startswith(f"{_prefix}tags/") for link in _data.get("tags") or [None]
    ), (
        f"With book_patterns included under {_route!r}, GET {_prefix}7/ should link to {_expected_author!r} and "
        f"tags under {_prefix}tags/, got {_data!r}. Hint: build every link with reverse(); a path written by hand "
        "does not follow the prefix the app is mounted under."
    )
    _listed = _links(_other, _prefix).get("books")
    assert _listed == [f"{_prefix}0/", f"{_prefix}4/", f"{_prefix}7/"], (
        f"With book_patterns included under {_route!r}, GET {_prefix} should list the books under {_prefix}, got "
        f"{_listed!r}. Hint: reverse('books:detail', kwargs=...), not '/library/...' written by hand."
    )

# Mounted by the server under a SCRIPT_NAME: reverse() adds it too.
_client = serve(urlpatterns)
try:
    _served = _call_wsgi(_WSGIHandler(), path="/library/4/", script_name="/site", headers={"Host": "testserver"})
finally:
    _set_script_prefix("/")
_data = _json.loads(_served.body) if _served.status_code == 200 else {}
assert _data.get("author") == "/site/library/authors/victor_hugo/", (
    f"Served under the SCRIPT_NAME /site, GET /site/library/4/ should link to '/site/library/authors/victor_hugo/', "
    f"got {_served.status} {_served.body[:200]!r}. Hint: reverse() starts every path with the script prefix that "
    "the server gives; a path written by hand does not."
)

# Nothing kept from one request to the next.
_first = _fetch(_client, "/library/7/").content
assert (
    _fetch(_client, "/library/7/").content == _first and _fetch(serve(urlpatterns), "/library/7/").content == _first
), (
    "The same request, sent twice, got two different answers. "
    "Hint: build every answer from BOOKS and the URL alone; keep nothing between requests."
)
BOOKS.clear()
BOOKS.update(_GIVEN_BOOKS)
