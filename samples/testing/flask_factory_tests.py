"""A Flask application factory and the tests written for it: a fresh app, with its own data, for each test."""

import pytest
from flask import Flask, abort, current_app, request, url_for


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(MAX_TITLE=80)
    app.config.from_mapping(test_config or {})  # a test's settings win over the defaults
    app.extensions["notes"] = []  # the app's data lives on the app, never in a module global

    @app.post("/notes")
    def add_note():
        title = (request.get_json(silent=True) or {}).get("title", "")
        if not isinstance(title, str) or not title.strip():
            abort(400, description="a note needs a title")
        if len(title) > current_app.config["MAX_TITLE"]:
            abort(400, description="title too long")
        notes = current_app.extensions["notes"]
        notes.append(title.strip())
        return {"id": len(notes), "url": url_for("get_note", note_id=len(notes))}, 201

    @app.get("/notes/<int:note_id>")
    def get_note(note_id):
        notes = current_app.extensions["notes"]
        if not 1 <= note_id <= len(notes):
            abort(404)
        return {"id": note_id, "title": notes[note_id - 1]}

    return app


def wants_json():
    """Read the current request: a helper to test inside app.test_request_context()."""
    return request.accept_mimetypes.best == "application/json"


# --- the tests: in a project, tests/conftest.py holds the fixtures and tests/test_notes.py the tests ---


@pytest.fixture
def app():
    return create_app({"TESTING": True, "MAX_TITLE": 10})  # TESTING: exceptions reach the test, not a 500 page


@pytest.fixture
def client(app):
    return app.test_client()


def test_a_note_is_created_then_read(client):
    response = client.post("/notes", json={"title": "Buy milk"})
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "url": "/notes/1"}
    assert client.get("/notes/1").get_json() == {"id": 1, "title": "Buy milk"}


@pytest.mark.parametrize("body", [{}, {"title": "  "}, {"title": 42}, {"title": "x" * 11}])
def test_a_bad_note_is_refused(client, body):
    assert client.post("/notes", json=body).status_code == 400


def test_each_test_gets_an_empty_app(client):
    assert client.get("/notes/1").status_code == 404  # the note of the first test is not here


def test_a_helper_that_reads_the_request(app):
    with app.test_request_context("/notes", headers={"Accept": "application/json"}):
        assert wants_json()
    with app.test_request_context("/notes", headers={"Accept": "text/html"}):
        assert not wants_json()
