# --- PYODIDE:env --- #
from course_helpers.packages import require

await require("django")
from course_helpers.checks import call
from course_helpers.django_setup import configure_django, serve

configure_django()


def fetch(client, path, method="GET", **extra):
    """Send one request through Django's test client; what the views raise becomes a message."""
    return call(
        client.generic,
        method,
        path,
        described_as=f"{method} {path}",
        advice="A view must answer every request it gets with a response, a 404 included (raise Http404).",
        **extra,
    )


def json_of(response, shown):
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
client = serve(urlpatterns)

response = fetch(client, "/library/1/")
assert response.status_code == 200, (
    f"GET /library/1/ should get 200, got {response.status_code}. Hint: mount book_patterns with "
    "path('library/', include((book_patterns, 'books'))) and route '<int:book_id>/', with its final '/', "
    "to book_detail."
)
assert json_of(response, "GET /library/1/") == {
    "id": 1,
    "title": "Dune",
    "author": "/library/authors/frank-herbert/",
    "tags": ["/library/tags/sci-fi/", "/library/tags/classic/"],
}, (
    f"GET /library/1/ returned {response.content[:200]!r}. Hint: expected the id, the title, the URL of the "
    "author's page and the URL of each tag's page, each built with reverse('books:...', kwargs={...})."
)

response = fetch(client, "/library/")
assert json_of(response, "GET /library/").get("books") == ["/library/1/", "/library/2/", "/library/3/"], (
    f"GET /library/ should list the URLs of the three books in id order, got {response.content[:200]!r}. "
    "Hint: route '' to book_list and return {'books': [reverse('books:detail', kwargs={'book_id': i}), ...]}."
)

# --- PYODIDE:secrets --- #
import json

from django.core.handlers.wsgi import WSGIHandler
from django.urls import NoReverseMatch, set_script_prefix

from course_helpers.wsgi import call_wsgi

GIVEN_BOOKS = {book_id: dict(book) for book_id, book in BOOKS.items()}


def _reversed(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch as error:
        raise AssertionError(
            f"reverse({name!r}, kwargs={kwargs!r}) raised NoReverseMatch: {error}. Hint: give the routes the names "
            "list, detail, author and tag, and mount them with include((book_patterns, 'books')): the tuple's "
            "second item is the application namespace, the 'books:' of every name."
        ) from None


def _links(client, url):
    response = fetch(client, url)
    assert response.status_code == 200, (
        f"GET {url} should get 200, got {response.status_code}. "
        "Hint: every route of the statement answers 200 for a URL it matches (a book's page: when the book exists)."
    )
    return json_of(response, f"GET {url}")


client = serve(urlpatterns)

# The names, reversed under the namespace "books" and the prefix library/.
for name, kwargs, expected in (
    ("books:list", {}, "/library/"),
    ("books:detail", {"book_id": 3}, "/library/3/"),
    ("books:author", {"author": "toni-morrison"}, "/library/authors/toni-morrison/"),
    ("books:tag", {"tag": "classic"}, "/library/tags/classic/"),
):
    got = _reversed(name, **kwargs)
    assert got == expected, (
        f"reverse({name!r}, kwargs={kwargs!r}) should give {expected!r}, got {got!r}. "
        "Hint: the routes of book_patterns are relative ('', '<int:book_id>/', 'authors/<slug:author>/', "
        "'tags/<str:tag>/'); the prefix library/ is added once, by the path() that includes them."
    )

for url, expected in (
    ("/library/2/", {"id": 2, "title": "Beloved", "author": "/library/authors/toni-morrison/"}),
    ("/library/3/", {"id": 3, "title": "Children of Dune", "tags": ["/library/tags/sci-fi/"]}),
):
    data = _links(client, url)
    assert {key: data.get(key) for key in expected} == expected, (
        f"GET {url} should include {expected!r}, got {data!r}. "
        "Hint: answer the book that the URL names, with its own author and tags."
    )

for url, books in (
    ("/library/authors/frank-herbert/", ["/library/1/", "/library/3/"]),
    ("/library/authors/toni-morrison/", ["/library/2/"]),
    ("/library/tags/classic/", ["/library/1/", "/library/2/"]),
    ("/library/tags/sci-fi/", ["/library/1/", "/library/3/"]),
    ("/library/authors/nobody/", []),
    ("/library/tags/poetry/", []),
):
    data = _links(client, url)
    assert data == {"books": books}, (
        f"GET {url} should answer {{'books': {books!r}}}, got {data!r}. "
        "Hint: list the URLs of the books whose author is that slug (or that carry that tag), in id order; "
        "an author or a tag without books gets an empty list."
    )

# HEAD: GET's status and headers, no body; other methods: 405 with Allow.
for url in ("/library/", "/library/1/", "/library/authors/frank-herbert/", "/library/tags/classic/", "/library/9/"):
    get = fetch(client, url)
    head = fetch(client, url, "HEAD")
    same = ("Content-Type", "Content-Length")
    assert (head.status_code, head.content) == (get.status_code, b"") and all(
        head.headers.get(name) == get.headers.get(name) for name in same
    ), (
        f"HEAD {url} should get GET's status ({get.status_code}), Content-Type and Content-Length, and no body; got "
        f"{head.status_code} {head.headers.get('Content-Type')!r} {head.content[:60]!r}. "
        "Hint: require_safe lets GET and HEAD through; require_GET answers HEAD with 405."
    )
    for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
        response = fetch(client, url, method)
        allow = {m.strip() for m in response.headers.get("Allow", "").split(",")}
        assert response.status_code == 405 and allow == {"GET", "HEAD"}, (
            f"{method} {url} should get 405 with Allow: GET, HEAD, got {response.status_code} and Allow "
            f"{response.headers.get('Allow')!r}. Hint: decorate each view with require_safe; a function view "
            "otherwise runs for every method."
        )

for urls, advice in (
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
    for url in urls:
        response = fetch(client, url)
        assert response.status_code == 404, f"GET {url} should get 404, got {response.status_code}. Hint: {advice}"
for url, book_id in (("/library/%31/", 1), ("/library/0002/", 2), ("/library/%33/", 3)):
    data = _links(client, url)
    assert data.get("id") == book_id, (
        f"GET {url} should answer book {book_id} (the int converter reads the decoded digits), got {data!r}. "
        "Hint: let <int:book_id> convert the segment; the view gets an int."
    )

# APPEND_SLASH: every route ends with '/', so CommonMiddleware redirects the spelling without it.
for url, location in (
    ("/library", "/library/"),
    ("/library/1", "/library/1/"),
    ("/library/authors/frank-herbert", "/library/authors/frank-herbert/"),
    ("/library/tags/classic?page=2", "/library/tags/classic/?page=2"),
):
    response = fetch(client, url)
    assert response.status_code == 301 and response.headers.get("Location") == location, (
        f"GET {url} should get a 301 to {location!r} (APPEND_SLASH), got {response.status_code} and Location "
        f"{response.headers.get('Location')!r}. Hint: end every route with '/', as Django's convention is: "
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
listed = _links(client, "/library/").get("books")
assert listed == ["/library/0/", "/library/4/", "/library/7/"], (
    f"With the books 7, 0 and 4 put into BOOKS in that order, GET /library/ should list "
    f"['/library/0/', '/library/4/', '/library/7/'], got {listed!r}. "
    "Hint: a dict keeps the order of insertion: sort the ids; 0 is an id like any other."
)
for book_id, book in BOOKS.items():
    data = _links(client, f"/library/{book_id}/")
    tags = data.get("tags")
    assert isinstance(tags, list) and len(tags) == len(book["tags"]), (
        f"GET /library/{book_id}/ should link each of the tags {book['tags']!r}, in that order, got {tags!r}. "
        "Hint: one URL per tag of the book, [reverse('books:tag', kwargs={'tag': tag}) for tag in book['tags']]."
    )
    for tag, link in zip(book["tags"], tags):
        response = fetch(client, str(link))
        books = json_of(response, f"GET {link}").get("books") if response.status_code == 200 else None
        assert f"/library/{book_id}/" in (books or []), (
            f"The link {link!r} of the tag {tag!r} should lead to a list holding /library/{book_id}/, got "
            f"{response.status_code} {response.content[:100]!r}. Hint: build the link with "
            "reverse('books:tag', kwargs={'tag': tag}), the tag as it is: reverse() percent-encodes it once "
            "('%' becomes '%25', '?' '%3F'); quoting it yourself first encodes it twice, and the link names "
            "another tag."
        )
    author = _links(client, data.get("author") or "/library/")
    assert f"/library/{book_id}/" in (author.get("books") or []), (
        f"The author link of book {book_id}, {data.get('author')!r}, should lead to a list holding it, got {author!r}. "
        "Hint: reverse('books:author', kwargs={'author': book['author']})."
    )
for url, books in (
    ("/library/authors/victor_hugo/", ["/library/4/", "/library/7/"]),
    ("/library/authors/0/", ["/library/0/"]),
    ("/library/tags/caf%C3%A9/", ["/library/4/", "/library/7/"]),
    ("/library/tags/%2520/", ["/library/4/"]),
    ("/library/tags/%20/", []),
    ("/library/tags/sci+fi/", []),
    ("/library/tags/sci%20fi/", ["/library/0/"]),
):
    data = _links(client, url)
    assert data == {"books": books}, (
        f"GET {url} should answer {{'books': {books!r}}}, got {data!r}. "
        "Hint: compare the decoded segment the converter hands the view with the data as it is; "
        "never decode it again ('%2520' is the tag '%20') nor turn '+' into a space."
    )

# The same app mounted elsewhere: every link follows the prefix.
for prefix, route in (("/shop/", "shop/"), ("/", ""), ("/api/v2/", "api/v2/")):
    other = serve([path(route, include((book_patterns, "books")))])
    data = _links(other, f"{prefix}7/")
    expected_author = f"{prefix}authors/victor_hugo/"
    assert data.get("author") == expected_author and all(
        link.startswith(f"{prefix}tags/") for link in data.get("tags") or [None]
    ), (
        f"With book_patterns included under {route!r}, GET {prefix}7/ should link to {expected_author!r} and "
        f"tags under {prefix}tags/, got {data!r}. Hint: build every link with reverse(); a path written by hand "
        "does not follow the prefix the app is mounted under."
    )
    listed = _links(other, prefix).get("books")
    assert listed == [f"{prefix}0/", f"{prefix}4/", f"{prefix}7/"], (
        f"With book_patterns included under {route!r}, GET {prefix} should list the books under {prefix}, got "
        f"{listed!r}. Hint: reverse('books:detail', kwargs=...), not '/library/...' written by hand."
    )

# Mounted by the server under a SCRIPT_NAME: reverse() adds it too.
client = serve(urlpatterns)
try:
    served = call_wsgi(WSGIHandler(), path="/library/4/", script_name="/site", headers={"Host": "testserver"})
finally:
    set_script_prefix("/")
data = json.loads(served.body) if served.status_code == 200 else {}
assert data.get("author") == "/site/library/authors/victor_hugo/", (
    f"Served under the SCRIPT_NAME /site, GET /site/library/4/ should link to '/site/library/authors/victor_hugo/', "
    f"got {served.status} {served.body[:200]!r}. Hint: reverse() starts every path with the script prefix that "
    "the server gives; a path written by hand does not."
)

# Nothing kept from one request to the next.
first = fetch(client, "/library/7/").content
assert fetch(client, "/library/7/").content == first and fetch(serve(urlpatterns), "/library/7/").content == first, (
    "The same request, sent twice, got two different answers. "
    "Hint: build every answer from BOOKS and the URL alone; keep nothing between requests."
)
BOOKS.clear()
BOOKS.update(GIVEN_BOOKS)
