"""A Flask application factory that registers a blueprint under a URL prefix."""

from flask import Blueprint, Flask, abort, redirect, url_for

books = Blueprint("books", __name__)  # endpoints become "books.<function name>"

BOOKS = {1: "Dune", 2: "Beloved"}


@books.get("/")  # with the prefix below: /api/v1/books/ (and /api/v1/books redirects here)
def book_list():
    # ".detail" is relative to this blueprint: it survives a rename of the blueprint or its prefix.
    return {"books": [url_for(".detail", book_id=book_id) for book_id in sorted(BOOKS)]}


@books.get("/<int:book_id>")  # /api/v1/books/abc matches no rule: 404 before any code of ours runs
def detail(book_id):
    if book_id not in BOOKS:
        abort(404)
    return {"id": book_id, "title": BOOKS[book_id]}


def create_app(test_config=None):
    """Build a new, independent app: one per test, one per process in production."""
    app = Flask(__name__)
    app.config.from_mapping(test_config or {})
    app.register_blueprint(books, url_prefix="/api/v1/books")  # the app decides where it lives

    @app.get("/book/<int:book_id>")  # an old URL, kept alive after the move
    def old_book_url(book_id):
        return redirect(url_for("books.detail", book_id=book_id), code=308)

    return app
