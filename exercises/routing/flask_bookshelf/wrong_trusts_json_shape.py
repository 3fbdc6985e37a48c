# expect: valid JSON is not always an object
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
