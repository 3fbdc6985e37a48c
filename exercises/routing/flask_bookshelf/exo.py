# --- PYODIDE:env --- #
from course_helpers.packages import require

await require("flask")

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
    data = request.get_json(silent=True) or {}
    if not data.get("title"):
        abort(400)
    book_id = max(BOOKS, default=0) + 1
    BOOKS[book_id] = {"id": book_id, "title": data["title"]}
    return BOOKS[book_id], 201, {"Location": url_for("get_book", book_id=book_id)}

# --- PYODIDE:tests --- #
client = app.test_client()
response = client.get("/books/1")
assert response.status_code == 200, f"GET /books/1 should get 200, got {response.status_code}"
assert response.get_json() == {"id": 1, "title": "Dune"}, f"GET /books/1 returned {response.get_json()!r}"

response = client.get("/books")
assert [b["id"] for b in response.get_json() or []] == [1, 2], f"GET /books should list books 1 and 2, got {response.get_json()!r}"

# --- PYODIDE:secrets --- #
client = app.test_client()

response = client.get("/books/99")
assert response.status_code == 404, f"GET /books/99 (no such book) should get 404, got {response.status_code}"
response = client.get("/books/abc")
assert response.status_code == 404, (
    f"GET /books/abc should get 404, got {response.status_code}. Hint: the int converter refuses what is not a number."
)

response = client.post("/books", json={"title": "Emma"})
assert response.status_code == 201, f"POST /books should get 201 Created, got {response.status_code}"
created = response.get_json() or {}
assert created.get("title") == "Emma" and created.get("id") == 3, f"POST /books should return the new book with id 3, got {created!r}"
location = response.headers.get("Location")
assert location == "/books/3", (
    f"The Location header should point at the new book, '/books/3', got {location!r}. Hint: url_for('get_book', book_id=...)."
)
assert client.get(location).get_json() == created, "GET on the Location of a new book should return that book"

response = client.post("/books", json={"author": "Austen"})
assert response.status_code == 400, f"A POST without a title should get 400, got {response.status_code}"
response = client.post("/books", data="not json", content_type="text/plain")
assert response.status_code == 400, (
    f"A POST whose body is not JSON should get 400, got {response.status_code}. Hint: request.get_json(silent=True)."
)

response = client.delete("/books/1")
assert response.status_code == 405, f"DELETE /books/1 should get 405 (only GET is routed), got {response.status_code}"
assert "GET" in response.headers.get("Allow", ""), "The 405 should carry an Allow header listing GET"
