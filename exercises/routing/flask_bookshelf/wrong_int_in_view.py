# expect: accepts digits only
from flask import Flask, abort, request, url_for

app = Flask(__name__)
BOOKS = {1: {"id": 1, "title": "Dune"}, 2: {"id": 2, "title": "Beloved"}}


@app.get("/books")
def list_books():
    return [BOOKS[book_id] for book_id in sorted(BOOKS)]


@app.get("/books/<book_id>")
def get_book(book_id):
    try:
        return BOOKS[int(book_id)]
    except (ValueError, KeyError):
        abort(404)


@app.post("/books")
def add_book():
    data = request.get_json(silent=True)  # None, not an exception, when the body is not JSON
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, str) or not title:
        abort(400)
    book_id = max(BOOKS, default=0) + 1
    BOOKS[book_id] = {"id": book_id, "title": title}
    return BOOKS[book_id], 201, {"Location": url_for("get_book", book_id=book_id)}
