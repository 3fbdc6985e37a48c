"""Content negotiation in Flask: one resource, two representations, or 406 Not Acceptable."""

import csv
import io

from flask import Flask, abort, jsonify, make_response, request

app = Flask(__name__)

BOOKS = [{"id": 1, "title": "Dune"}, {"id": 2, "title": "Beloved"}]
OFFERS = ["application/json", "text/csv"]  # on a tie in the client's preferences, the first wins


@app.get("/books")
def books():
    accept = request.accept_mimetypes
    # No Accept header means "anything"; Werkzeug's best_match() would return None for it.
    chosen = accept.best_match(OFFERS) if accept else OFFERS[0]
    if chosen is None:
        abort(406, description=f"Available: {', '.join(OFFERS)}")
    if chosen == "text/csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["id", "title"])
        writer.writeheader()
        writer.writerows(BOOKS)
        response = make_response(out.getvalue())
        response.mimetype = "text/csv"
    else:
        response = jsonify(BOOKS)
    response.vary.add("Accept")  # a cache must key this response on Accept, not on the URL alone
    return response
