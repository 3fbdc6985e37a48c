# --- PYODIDE:env --- #
import json as _json

from course_helpers.packages import require as _require

await _require("fastapi")
from course_helpers.asgi import call_asgi
from course_helpers.fastapi_setup import prepare_fastapi as _prepare_fastapi

_prepare_fastapi()


def json_of(response):
    """The response's body, parsed as JSON (an AssertionError that says so when it is not JSON)."""
    try:
        return _json.loads(response.body)
    except ValueError:
        raise AssertionError(
            f"The body should be JSON, got {response.body[:80]!r} (status {response.status!r}). "
            "Hint: return a dict or a list from the path operation, and raise HTTPException for errors: "
            "FastAPI turns both into JSON."
        ) from None


# --- PYODIDE:code --- #
from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Query

app = FastAPI()
BOOKS = {
    1: {"id": 1, "title": "Dune", "tags": ["sf", "classic"]},
    2: {"id": 2, "title": "Emma", "tags": ["classic", "romance"]},
    3: {"id": 3, "title": "Neuromancer", "tags": ["sf", "cyberpunk"]},
    4: {"id": 4, "title": "Beloved", "tags": ["classic"]},
}

# Your routes here.

# --- PYODIDE:corr --- #
from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Query

app = FastAPI()
BOOKS = {
    1: {"id": 1, "title": "Dune", "tags": ["sf", "classic"]},
    2: {"id": 2, "title": "Emma", "tags": ["classic", "romance"]},
    3: {"id": 3, "title": "Neuromancer", "tags": ["sf", "cyberpunk"]},
    4: {"id": 4, "title": "Beloved", "tags": ["classic"]},
}


# @app.get would answer HEAD with 405: api_route declares both methods.
@app.api_route("/books", methods=["GET", "HEAD"])
def list_books(
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    offset: Annotated[int, Query(ge=0)] = 0,
    # Without Query(), a list would be read from the body. FastAPI copies the default [] for each request.
    tag: Annotated[list[str], Query()] = [],  # noqa: B006
):
    found = [BOOKS[book_id] for book_id in sorted(BOOKS) if all(t in BOOKS[book_id]["tags"] for t in tag)]
    return found[offset : offset + limit]


# Declared before /books/{book_id}: routes are tried in order, and "count" is no int.
@app.api_route("/books/count", methods=["GET", "HEAD"])
def count_books():
    return {"count": len(BOOKS)}


@app.api_route("/books/{book_id}", methods=["GET", "HEAD"])
def get_book(book_id: Annotated[int, Path(ge=1)]):
    if book_id not in BOOKS:
        raise HTTPException(status_code=404, detail="Book not found")
    return BOOKS[book_id]


# --- PYODIDE:tests --- #
_response = call_asgi(app, path="/books/2")
assert _response.status == 200, (
    f"GET /books/2 should get 200, got {_response.status!r} {_response.body[:80]!r}. "
    "Hint: declare @app.api_route('/books/{book_id}', methods=['GET', 'HEAD']) with a parameter book_id typed int; "
    "404 {'detail': 'Not Found'} means no route matched the path."
)
assert json_of(_response) == {"id": 2, "title": "Emma", "tags": ["classic", "romance"]}, (
    f"GET /books/2 should return book 2 as it is in BOOKS, got {_response.body[:80]!r}. "
    "Hint: return BOOKS[book_id]; with book_id typed int, FastAPI passes 2, not '2'."
)

_response = call_asgi(app, path="/books")
_books_listed = json_of(_response) if _response.status == 200 else _response.body[:80]
assert _books_listed == [
    {"id": 1, "title": "Dune", "tags": ["sf", "classic"]},
    {"id": 2, "title": "Emma", "tags": ["classic", "romance"]},
    {"id": 3, "title": "Neuromancer", "tags": ["sf", "cyberpunk"]},
    {"id": 4, "title": "Beloved", "tags": ["classic"]},
], (
    f"GET /books should list the four books of BOOKS in id order, got {_response.status!r} {_books_listed!r}. "
    "Hint: return a list of the book dicts, [BOOKS[book_id] for book_id in sorted(BOOKS)], filtered and paged."
)

_response = call_asgi(app, path="/books", query=b"limit=0")
assert _response.status == 422 and json_of(_response) == {
    "detail": [
        {
            "loc": ["query", "limit"],
            "msg": "ensure this value is greater than or equal to 1",
            "type": "value_error.number.not_ge",
            "ctx": {"limit_value": 1},
        }
    ]
}, (
    f"GET /books?limit=0 should get FastAPI's 422 for a limit below 1, got {_response.status!r} {_response.body!r}. "
    "Hint: declare limit: Annotated[int, Query(ge=1, le=50)] = 10 and let FastAPI refuse it: do not check it "
    "yourself."
)


# --- PYODIDE:secrets --- #
def _request(method, path, query=b""):
    """(how the request is shown, the response) for one request to the learner's app."""
    shown = f"{method} {path}" + (f"?{query.decode('latin-1')}" if query else "")
    try:
        return shown, call_asgi(app, method=method, path=path, query=query)
    except AssertionError as error:
        raise AssertionError(
            f"{error} (the request: {shown})\nHint: answer every request with a status; let FastAPI validate "
            "the parameters and raise HTTPException for a missing book."
        ) from None


def _answer(method, path, query=b""):
    """(shown, status, parsed JSON body) once the content-type is checked."""
    shown, response = _request(method, path, query)
    declared = response.header("content-type")
    assert declared == b"application/json", (
        f"{shown}: every answer is JSON, but the content-type is {declared!r} (status {response.status!r}). "
        "Hint: return dicts and lists, and raise HTTPException: FastAPI sends each as application/json."
    )
    return shown, response.status, json_of(response)


def _listed(query):
    """(shown, status, the ids listed) for GET /books?query; ids None when the answer is no list of books."""
    shown, status, data = _answer("GET", "/books", query)
    ids = None
    if status == 200 and isinstance(data, list) and all(isinstance(book, dict) for book in data):
        ids = [book.get("id") for book in data]
    return shown, status, ids, data


def _ids(ids):
    """A list of ids as short text: runs of three or more consecutive ids are written 1..50."""
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        return repr(ids)
    parts, start = [], 0
    for end in range(1, len(ids) + 1):
        if end == len(ids) or ids[end] != ids[end - 1] + 1:
            run = ids[start:end]
            parts += [f"{run[0]}..{run[-1]}"] if len(run) >= 3 else [str(i) for i in run]
            start = end
    return f"[{', '.join(parts)}]"


_NOT_INT = "value is not a valid integer"


def _entry(where, name, msg, kind, limit=None):
    entry = {"loc": [where, name], "msg": msg, "type": kind}
    if limit is not None:
        entry["ctx"] = {"limit_value": limit}
    return entry


def _not_ge(where, name, limit):
    return _entry(
        where, name, f"ensure this value is greater than or equal to {limit}", "value_error.number.not_ge", limit
    )


def _not_le(where, name, limit):
    return _entry(
        where, name, f"ensure this value is less than or equal to {limit}", "value_error.number.not_le", limit
    )


def _canonical(entries):
    """The entries of a 422 detail as sorted JSON texts: their order, and their keys' order, do not count."""
    return sorted(_json.dumps(entry, sort_keys=True) for entry in entries)


def _refused(method, path, query, entries, advice):
    """The request must get FastAPI's own 422, whose detail holds exactly `entries`, in any order."""
    shown, status, data = _answer(method, path, query)
    detail = data.get("detail") if isinstance(data, dict) else None
    if status == 422 and isinstance(detail, str):
        advice = (
            "this 422 was built by hand (its detail is a str): declare the constraint in the signature, "
            "Query(ge=..., le=...) or Path(ge=...), and FastAPI writes the detail list itself."
        )
    same = isinstance(detail, list) and _canonical(detail) == _canonical(entries)
    assert status == 422 and same, (
        f"{shown} should get FastAPI's own 422 with the detail {entries!r}, got {status!r} {data!r}. Hint: {advice}"
    )


# The first and the last book of the shelf, by id.
for _book_id, _title in ((1, "Dune"), (4, "Beloved")):
    _shown, _status, _data = _answer("GET", f"/books/{_book_id}")
    assert _status == 200 and isinstance(_data, dict) and _data.get("title") == _title, (
        f"{_shown} should get 200 with the book {_title!r}, got {_status!r} {_data!r}. "
        "Hint: look the id up in BOOKS as it is, BOOKS[book_id]."
    )

# HEAD: every route answers it as GET does (the server, not the app, leaves the body out).
for _path, _query in (
    ("/books", b""),
    ("/books", b"tag=sf"),
    ("/books/count", b""),
    ("/books/1", b""),
    ("/books/99", b""),
):
    _shown_get, _get = _request("GET", _path, _query)
    _shown, _head = _request("HEAD", _path, _query)
    assert _head.status == _get.status and _head.header("content-type") == _get.header("content-type"), (
        f"{_shown} should get the status and content-type of {_shown_get}, {_get.status!r} "
        f"{_get.header('content-type')!r}, got {_head.status!r} {_head.header('content-type')!r}. Hint: @app.get "
        "accepts GET alone, and FastAPI answers HEAD with 405; declare @app.api_route(path, methods=['GET', 'HEAD'])."
    )
    assert _head.header("content-length") == _get.header("content-length"), (
        f"{_shown} should announce the content-length of {_shown_get}, {_get.header('content-length')!r}, got "
        f"{_head.header('content-length')!r}. Hint: let the same path operation answer GET and HEAD."
    )

# /books/count: a fixed path next to /books/{book_id}.
_shown, _status, _data = _answer("GET", "/books/count")
if _status == 422:
    _advice = (
        "FastAPI tries routes in the order they were declared, and /books/{book_id} matched first ('count' is no "
        "int): declare /books/count before /books/{book_id}."
    )
else:
    _advice = "return {'count': len(BOOKS)} from the path operation of /books/count."
assert _status == 200 and _data == {"count": 4}, (
    f"{_shown} should get 200 with {{'count': 4}}, got {_status!r} {_data!r}. Hint: {_advice}"
)

# An id that is no book: 404, with a detail of its own.
for _book_id in ("5", "99", "123456789012345678901234567890"):
    _shown, _status, _data = _answer("GET", f"/books/{_book_id}")
    if _status == 200 and isinstance(_data, list):
        _advice = (
            "FastAPI does not read a (body, status) tuple as Flask does: it sends the tuple as a JSON list, "
            "with 200. raise HTTPException(status_code=404, detail='Book not found')."
        )
    else:
        _advice = "raise HTTPException(status_code=404, detail='Book not found') when book_id is not a key of BOOKS."
    assert _status == 404 and _data == {"detail": "Book not found"}, (
        f"{_shown} (no such book) should get 404 with {{'detail': 'Book not found'}}, got {_status!r} {_data!r}. "
        f"Hint: {_advice}"
    )

# book_id: a whole number, 1 or more; FastAPI refuses the rest with 422.
for _book_id in ("0", "-1", "-42"):
    _refused(
        "GET",
        f"/books/{_book_id}",
        b"",
        [_not_ge("path", "book_id", 1)],
        "ids start at 1: declare book_id: Annotated[int, Path(ge=1)], and FastAPI refuses 0 and below.",
    )
for _book_id in ("abc", "1.5", "one", "1e3", "0x1"):
    _refused(
        "GET",
        f"/books/{_book_id}",
        b"",
        [_entry("path", "book_id", _NOT_INT, "type_error.integer")],
        "type book_id as int: FastAPI refuses a path segment that is no whole number.",
    )

# Another shelf: 60 books, put into BOOKS out of order, tagged by what their ids are divisible by.
_saved = dict(BOOKS)
BOOKS.clear()
for _book_id in [*range(60, 30, -1), *range(1, 31)]:
    _tags = [name for name, step in (("two", 2), ("three", 3), ("five", 5)) if _book_id % step == 0]
    BOOKS[_book_id] = {"id": _book_id, "title": f"Book {_book_id}", "tags": _tags}
_ALL = list(range(1, 61))

for _query, _expected in (
    (b"", _ALL[:10]),
    (b"limit=1", [1]),
    (b"limit=50", _ALL[:50]),
    (b"limit=49", _ALL[:49]),
    (b"limit=2", [1, 2]),
    (b"offset=0", _ALL[:10]),
    (b"offset=1", _ALL[1:11]),
    (b"offset=55", _ALL[55:]),
    (b"offset=59", [60]),
    (b"offset=60", []),
    (b"offset=1000", []),
    (b"limit=3&offset=7", [8, 9, 10]),
    (b"offset=7&limit=3", [8, 9, 10]),
    (b"limit=%33", [1, 2, 3]),
    (b"limit=50&offset=20", _ALL[20:]),
    (b"sort=desc&limit=2&page=3", [1, 2]),
    (b"LIMIT=3&Offset=5", _ALL[:10]),
):
    _shown, _status, _got_ids, _data = _listed(_query)
    if _status == 422:
        _advice = (
            "this query is valid: limit goes from 1 to 50 and offset from 0, both bounds included; Query(ge=..., "
            "le=...) includes its bounds, gt= and lt= exclude them."
        )
    else:
        _advice = (
            "sort the ids, skip offset books, then keep at most limit: [offset : offset + limit]; limit is 10 "
            "when absent, offset 0, and unknown parameters are ignored."
        )
    assert _status == 200 and _got_ids == _expected, (
        f"{_shown} should list the books {_ids(_expected)} (60 on the shelf), got {_status!r} "
        f"{_ids(_got_ids) if _got_ids is not None else repr(_data)}. Hint: {_advice}"
    )

for _query, _entries in (
    (b"limit=51", [_not_le("query", "limit", 50)]),
    (b"limit=1000", [_not_le("query", "limit", 50)]),
    (b"limit=-1", [_not_ge("query", "limit", 1)]),
    (b"limit=abc", [_entry("query", "limit", _NOT_INT, "type_error.integer")]),
    (b"limit=", [_entry("query", "limit", _NOT_INT, "type_error.integer")]),
    (b"limit=2.5", [_entry("query", "limit", _NOT_INT, "type_error.integer")]),
):
    _refused(
        "GET",
        "/books",
        _query,
        _entries,
        "declare limit: Annotated[int, Query(ge=1, le=50)] = 10: ge and le are inclusive bounds, and FastAPI names "
        "the one that was broken.",
    )
for _query, _entries in (
    (b"offset=-1", [_not_ge("query", "offset", 0)]),
    (b"offset=-60", [_not_ge("query", "offset", 0)]),
    (b"offset=x", [_entry("query", "offset", _NOT_INT, "type_error.integer")]),
    (b"limit=0&offset=-1", [_not_ge("query", "limit", 1), _not_ge("query", "offset", 0)]),
    (b"offset=-1&limit=51", [_not_le("query", "limit", 50), _not_ge("query", "offset", 0)]),
):
    _refused(
        "GET",
        "/books",
        _query,
        _entries,
        "declare offset: Annotated[int, Query(ge=0)] = 0: a negative offset would slice from the end of the list.",
    )

# tag: repeated in the query, every one of them must be among the book's tags.
for _query, _expected in (
    (b"tag=five", [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]),
    (b"tag=two&tag=three", [6, 12, 18, 24, 30, 36, 42, 48, 54, 60]),
    (b"tag=three&tag=two", [6, 12, 18, 24, 30, 36, 42, 48, 54, 60]),
    (b"tag=two&tag=three&tag=five", [30, 60]),
    (b"tag=five&tag=five", [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]),
    (b"tag=two&tag=three&limit=3&offset=2", [18, 24, 30]),
    (b"tag=Two", []),
    (b"tag=two&tag=seven", []),
):
    _shown, _status, _got_ids, _data = _listed(_query)
    if _got_ids is not None and len(_got_ids) == 10 and _got_ids == _ALL[:10]:
        _advice = (
            "the tag filter was not applied: a parameter typed list[str] without Query() is read from the request "
            "body, not from the query string. Declare tag: Annotated[list[str], Query()] = []."
        )
    else:
        _advice = (
            "a book is listed when every tag given is among its tags: all(t in book['tags'] for t in tag). "
            "Type tag as a list, Annotated[list[str], Query()], or FastAPI keeps only the last tag=."
        )
    assert _status == 200 and _got_ids == _expected, (
        f"{_shown} should list the books {_ids(_expected)}, got {_status!r} {_ids(_got_ids) if _got_ids is not None else repr(_data)}. "
        f"Hint: {_advice}"
    )

# Tags with other characters: FastAPI decodes the query string, the filter compares exactly.
BOOKS.clear()
for _book_id, _tags in (
    (3, ["café"]),
    (1, ["0"]),
    (2, ["a&b", "x/y"]),
    (4, ["1+1", "100%"]),
    (5, ["sf\n"]),
    (6, ["sf"]),
    (7, []),
):
    BOOKS[_book_id] = {"id": _book_id, "title": f"Book {_book_id}", "tags": _tags}
for _query, _expected in (
    (b"tag=caf%C3%A9", [3]),
    (b"tag=cafe", []),
    (b"tag=0", [1]),
    (b"tag=a%26b", [2]),
    (b"tag=a&b", []),
    (b"tag=x%2Fy", [2]),
    (b"tag=1%2B1", [4]),
    (b"tag=1+1", []),
    (b"tag=100%25", [4]),
    (b"tag=sf", [6]),
    (b"tag=sf%0A", [5]),
    (b"tag=", []),
    (b"", [1, 2, 3, 4, 5, 6, 7]),
):
    _shown, _status, _got_ids, _data = _listed(_query)
    assert _status == 200 and _got_ids == _expected, (
        f"{_shown} should list the books {_expected}, got {_status!r} {_got_ids if _got_ids is not None else _data!r}. "
        "Hint: compare each tag exactly as FastAPI decoded it (%26 is &, %2B is +, + is a space); a tag= with "
        "nothing after it asks for the tag '', and a query without tag= applies no filter."
    )

# The same request twice: the same answer, and BOOKS unchanged.
_before = _json.dumps(BOOKS, sort_keys=True)
for _ in range(2):
    _shown, _status, _got_ids, _data = _listed(b"tag=sf&limit=1")
    assert _status == 200 and _got_ids == [6], (
        f"{_shown}, sent twice, should list [6] each time, got {_status!r} {_got_ids if _got_ids is not None else _data!r}. "
        "Hint: build a new list on each request; never change BOOKS or the books while listing them."
    )
assert _json.dumps(BOOKS, sort_keys=True) == _before, (
    "Listing the books changed BOOKS. Hint: filter and slice into a new list; leave BOOKS and the books' tags as they are."
)

# An empty shelf.
BOOKS.clear()
for _path, _expected in (("/books", []), ("/books/count", {"count": 0})):
    _shown, _status, _data = _answer("GET", _path)
    assert _status == 200 and _data == _expected, (
        f"{_shown}, with BOOKS empty, should get 200 with {_expected!r}, got {_status!r} {_data!r}. "
        "Hint: an empty list and a count of 0 are answers like any other: read BOOKS on each request."
    )
BOOKS.update(_saved)

# What FastAPI does for you: keep it so.
try:
    _mounted = call_asgi(app, path="/api/books/2", root_path="/api")
except AssertionError as _error:
    raise AssertionError(
        f"{_error} (the request: GET /api/books/2, mounted at /api)\nHint: route the paths of the statement only."
    ) from None
assert _mounted.status == 200 and json_of(_mounted) == _saved[2], (
    f"Mounted under /api (ASGI root_path), GET /api/books/2 should get book 2, got {_mounted.status!r} {_mounted.body[:80]!r}. "
    "Hint: declare the routes without any prefix: FastAPI strips root_path before matching."
)
for _method, _path in (
    ("POST", "/books"),
    ("DELETE", "/books/1"),
    ("PUT", "/books/1"),
    ("PATCH", "/books/count"),
    ("OPTIONS", "/books"),
    ("BREW", "/books/2"),
):
    _shown, _response = _request(_method, _path)
    _allow = {m.strip() for m in (_response.header("allow") or b"").decode("latin-1").split(",")}
    assert _response.status == 405 and _allow == {"GET", "HEAD"}, (
        f"{_shown} should get 405 with the methods GET and HEAD in Allow, got {_response.status!r} and Allow "
        f"{_response.header('allow')!r}. Hint: declare methods=['GET', 'HEAD'] and nothing else on each route: "
        "FastAPI answers the other methods with 405 and computes Allow itself."
    )
    _shown, _status, _data = _answer(_method, _path)
    assert _data == {"detail": "Method Not Allowed"}, (
        f"{_shown} should get FastAPI's body {{'detail': 'Method Not Allowed'}}, got {_data!r}. "
        "Hint: leave the 405 to FastAPI."
    )
for _path in ("/authors", "/book/1", "/books/1/reviews", "/", "/books/count/1"):
    _shown, _status, _data = _answer("GET", _path)
    assert _status == 404 and _data == {"detail": "Not Found"}, (
        f"{_shown} should get FastAPI's 404, {{'detail': 'Not Found'}}, got {_status!r} {_data!r}. "
        "Hint: declare only the three routes of the statement; FastAPI answers any other path with 404."
    )
