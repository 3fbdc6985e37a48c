# --- PYODIDE:env --- #
from course_helpers.packages import require as _require

await _require("flask")

# --- PYODIDE:code --- #
from flask import Flask, abort, request, url_for

app = Flask(__name__)
BOOKS = {1: {"id": 1, "title": "Dune"}, 2: {"id": 2, "title": "Beloved"}}

# Your routes here.

# --- PYODIDE:corr --- #
from flask import Flask, abort, request, url_for

app = Flask(__name__)
BOOKS = {1: {"id": 1, "title": "Dune"}, 2: {"id": 2, "title": "Beloved"}}


@app.get("/books")
def list_books():
    return [BOOKS[book_id] for book_id in sorted(BOOKS)]


@app.get("/books/<int:book_id>")
def get_book(book_id):
    if book_id not in BOOKS:
        abort(404)
    return BOOKS[book_id]


@app.post("/books")
def add_book():
    data = request.get_json(silent=True)  # None, not an exception, when the body is not JSON
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, str) or not title:
        abort(400)
    book_id = max(BOOKS, default=0) + 1
    BOOKS[book_id] = {"id": book_id, "title": title}
    return BOOKS[book_id], 201, {"Location": url_for("get_book", book_id=book_id)}


# --- PYODIDE:tests --- #
_client = app.test_client()
_response = _client.get("/books/1")
assert _response.status_code == 200, (
    f"GET /books/1 should get 200, got {_response.status_code}. Hint: declare the rule with the int converter, "
    "<int:book_id>: a plain <book_id> passes the str '1', which is not a key of BOOKS (its keys are ints)."
)
assert _response.get_json() == {"id": 1, "title": "Dune"}, (
    f"GET /books/1 returned {_response.get_json()!r}. "
    "Hint: expected {'id': 1, 'title': 'Dune'}: return the book's dict from BOOKS as it is; Flask sends a dict as JSON."
)

_response = _client.get("/books")
assert [b["id"] for b in _response.get_json() or []] == [1, 2], (
    f"GET /books should list books 1 and 2, got {_response.get_json()!r}. "
    "Hint: return a list of the book dicts in ascending id order; Flask sends a list as JSON too."
)

# --- PYODIDE:secrets --- #
_client = app.test_client()

_response = _client.get("/books")
assert _response.get_json() == [{"id": 1, "title": "Dune"}, {"id": 2, "title": "Beloved"}], (
    f"GET /books should list the two books of BOOKS as they are, got {_response.get_json()!r}. "
    "Hint: return [BOOKS[book_id] for book_id in sorted(BOOKS)], leaving BOOKS as given."
)
for _path in ("/books", "/books/2"):
    _response = _client.get(_path)
    assert _response.mimetype == "application/json", (
        f"GET {_path} should declare the Content-Type application/json, got {_response.headers.get('Content-Type')!r}. "
        "Hint: return the dict or the list itself; Flask turns it into JSON and sets the type."
    )
    _head = _client.head(_path)
    assert _head.status_code == 200 and _head.data == b"" and _head.mimetype == "application/json", (
        f"HEAD {_path} should get 200 and GET's headers with no body, got {_head.status_code} {_head.data[:60]!r}. "
        "Hint: a GET route answers HEAD too; do not route HEAD to a view of its own."
    )

_response = _client.get("/books/99")
assert _response.status_code == 404, (
    f"GET /books/99 (no such book) should get 404, got {_response.status_code}. "
    "Hint: abort(404) when book_id is not a key of BOOKS, before looking it up."
)
_response = _client.head("/books/99")
assert _response.status_code == 404 and _response.data == b"", (
    f"HEAD /books/99 should get 404 with no body, got {_response.status_code} {_response.data[:60]!r}. "
    "Hint: the GET view answers HEAD too: abort(404) for an unknown id."
)
_response = _client.get("/books/abc")
assert _response.status_code == 404, (
    f"GET /books/abc should get 404, got {_response.status_code}. Hint: the int converter refuses what is not a number."
)

_response = _client.post("/books", json={"title": "Emma"})
assert _response.status_code == 201, (
    f"POST /books should get 201 Created, got {_response.status_code}. "
    "Hint: route POST /books with @app.post and return a (body, status, headers) tuple with the status 201."
)
_created = _response.get_json() or {}
assert _created.get("title") == "Emma" and _created.get("id") == 3, (
    f"POST /books should return the new book with id 3, got {_created!r}. "
    "Hint: the next id is one more than the largest id in BOOKS; return the new {'id': ..., 'title': ...} dict."
)
assert _response.mimetype == "application/json", (
    f"The 201 should declare the Content-Type application/json, got {_response.headers.get('Content-Type')!r}. "
    "Hint: return the new book's dict as the body of the tuple; Flask sends it as JSON."
)
_location = _response.headers.get("Location")
assert _location == "/books/3", (
    f"The Location header should point at the new book, '/books/3', got {_location!r}. Hint: url_for('get_book', book_id=...)."
)
assert _client.get(_location).get_json() == _created, (
    "GET on the Location of a new book should return that book. "
    "Hint: store the new book in BOOKS under its id, so that GET /books/<id> finds it."
)
_response = _client.post("/books", json={"title": "Emma"})
_again = _response.get_json(silent=True) or {}
assert _response.status_code == 201 and _again == {"id": 4, "title": "Emma"}, (
    f"The same POST a second time should create another book, id 4, got {_response.status_code} {_again!r}. "
    "Hint: two books may share a title; compute the next id from BOOKS on every request."
)

_response = _client.post("/books", json={"id": 1, "title": "Persuasion", "author": "Austen", "admin": True})
_stored = _client.get("/books/5").get_json(silent=True)
assert _response.get_json(silent=True) == {"id": 5, "title": "Persuasion"} and _stored == {
    "id": 5,
    "title": "Persuasion",
}, (
    "POST /books with {'id': 1, 'title': 'Persuasion', 'author': 'Austen', 'admin': True} should store and return "
    f"only {{'id': 5, 'title': 'Persuasion'}}, got {_response.get_json(silent=True)!r}, stored {_stored!r}. "
    "Hint: build the new book from the title alone, {'id': book_id, 'title': title}: never copy a client's fields."
)
_first = _client.get("/books/1").get_json(silent=True)
assert _first == {"id": 1, "title": "Dune"}, (
    f"A POST whose body says 'id': 1 changed book 1, now {_first!r}. "
    "Hint: the server chooses the id; ignore every field of the body but title."
)

_next_id = 6
for _title in ("0", "1984", "False", "Ænéide"):
    _response = _client.post("/books", json={"title": _title})
    assert _response.status_code == 201 and _response.get_json(silent=True) == {"id": _next_id, "title": _title}, (
        f"POST /books with the title {_title!r}, a non-empty str, should get 201 and "
        f"{{'id': {_next_id}, 'title': {_title!r}}}, got {_response.status_code} {_response.get_json(silent=True)!r}. "
        "Hint: keep the title exactly as sent: refuse only what is not a str, or is the empty str."
    )
    _next_id += 1

_response = _client.post("/books", json={"author": "Austen"})
assert _response.status_code == 400, (
    f"A POST without a title should get 400, got {_response.status_code}. "
    "Hint: look the title up with .get('title') on the JSON body and abort(400) when it is missing."
)
_response = _client.post("/books", data="not json", content_type="text/plain")
assert _response.status_code == 400, (
    f"A POST whose body is not JSON should get 400, got {_response.status_code}. Hint: request.json refuses a body "
    "that is not declared as JSON with 415; request.get_json(silent=True) gives None instead, and the view answers 400."
)
_response = _client.post("/books", data=b'{"title": "\xff"}', content_type="application/json")
assert _response.status_code == 400, (
    f"A POST whose body is not UTF-8 should get 400, got {_response.status_code}. "
    "Hint: request.get_json(silent=True) gives None for a body it cannot decode: answer 400 then."
)

for _body in (
    ["Emma"],
    "Emma",
    {"title": 42},
    {"title": 0},
    {"title": True},
    {"title": None},
    {"title": ["Emma"]},
    {"title": ""},
):
    _response = _client.post("/books", json=_body)
    assert _response.status_code == 400, (
        f"POST /books with the JSON body {_body!r} should get 400, got {_response.status_code}. "
        "Hint: valid JSON is not always an object with a text title: check that get_json() gave a dict "
        "and that its title is a non-empty str before using it."
    )
_count = len(_client.get("/books").get_json() or [])
assert _count == _next_id - 1, (
    f"After the refused POSTs the shelf should still hold {_next_id - 1} books, it holds {_count}. "
    "Hint: check the body completely before storing anything in BOOKS."
)

_response = _client.post("/books", json={"title": "Middlemarch"}, base_url="http://localhost/shop")
assert _response.headers.get("Location") == f"/shop/books/{_next_id}", (
    f"Mounted under /shop (SCRIPT_NAME), the Location of a new book should be '/shop/books/{_next_id}', "
    f"got {_response.headers.get('Location')!r}. Hint: build it with url_for('get_book', book_id=...), which adds "
    "the prefix the app is mounted under; a path written by hand does not."
)

# Another shelf: ids with gaps, put into BOOKS out of order.
BOOKS.clear()
BOOKS.update({7: {"id": 7, "title": "Ulysses"}, 2: {"id": 2, "title": "Beloved"}, 5: {"id": 5, "title": "Emma"}})
_listed = [book.get("id") for book in _client.get("/books").get_json() or [] if isinstance(book, dict)]
assert _listed == [2, 5, 7], (
    f"With the books 7, 2 and 5 put into BOOKS in that order, GET /books should list the ids [2, 5, 7], got {_listed}. "
    "Hint: a dict keeps the order of insertion, not of its keys: sort the ids, sorted(BOOKS)."
)
_response = _client.post("/books", json={"title": "Lolita"})
_new_id = (_response.get_json(silent=True) or {}).get("id")
assert _response.status_code == 201 and _new_id == 8, (
    f"With the ids 2, 5 and 7 on the shelf, a new book should get the id 8, got {_response.status_code} id {_new_id!r}. "
    "Hint: the next id is one more than the largest id, max(BOOKS) + 1; len(BOOKS) + 1 reuses an id after a gap."
)
BOOKS.clear()
_response = _client.post("/books", json={"title": "Dune"})
_new_id = (_response.get_json(silent=True) or {}).get("id")
assert _response.status_code == 201 and _new_id == 1, (
    f"On an empty shelf, a new book should get 201 and the id 1, got {_response.status_code} id {_new_id!r}. "
    "Hint: max() of an empty dict raises ValueError; max(BOOKS, default=0) + 1 gives 1."
)

_response = _client.delete("/books/1")
assert _response.status_code == 405, (
    f"DELETE /books/1 should get 405, got {_response.status_code}. Hint: route each method with its own decorator "
    "(@app.get, @app.post) and let Flask refuse the others."
)
assert "GET" in _response.headers.get("Allow", ""), (
    "The 405 should carry an Allow header listing GET. "
    "Hint: do not answer 405 yourself; route /books/<int:book_id> with @app.get only and Flask adds the Allow header."
)
_response = _client.open("/books", method="BREW")
_allow = {method.strip() for method in _response.headers.get("Allow", "").split(",")}
assert _response.status_code == 405 and {"GET", "POST"} <= _allow, (
    f"An unknown method on /books should get 405 with GET and POST in Allow, got {_response.status_code} "
    f"and Allow {_response.headers.get('Allow')!r}. Hint: one route per method; Flask computes Allow from all of them."
)

# What Flask's router does for you: keep it that way.
_response = _client.options("/books")
_allow = {method.strip() for method in _response.headers.get("Allow", "").split(",")}
assert {"GET", "HEAD", "OPTIONS", "POST"} <= _allow, (
    f"OPTIONS /books should list GET, HEAD, OPTIONS and POST in Allow, got {_response.headers.get('Allow')!r}. "
    "Hint: Flask answers OPTIONS itself from the routes of that path."
)
_response = _client.get("/books/%31")
assert _response.status_code == 200 and (_response.get_json() or {}).get("id") == 1, (
    f"GET /books/%31 is GET /books/1 written with a percent-escape: expected book 1, got {_response.status_code}. "
    "Hint: use the int converter in the rule; it sees the decoded path."
)
for _path in ("/books/-1", "/books/1.0", "/books/%201", "/books/1%0A", "/books/1%2F"):
    _response = _client.get(_path)
    assert _response.status_code == 404, (
        f"GET {_path} should get 404, got {_response.status_code}. Hint: <int:book_id> accepts digits only; "
        "a <book_id> read with int() in the view lets other spellings through."
    )
_response = _client.get("/books/")
assert _response.status_code == 404, (
    f"GET /books/ (with a trailing slash) should get 404: the list lives at /books. Got {_response.status_code}. "
    "Hint: keep Flask's strict slashes, so each resource has one URL."
)
