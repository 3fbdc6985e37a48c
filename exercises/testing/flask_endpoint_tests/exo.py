# --- PYODIDE:env --- #
from course_helpers.packages import require as _require

await _require("flask")

from course_helpers.pytest_runner import (
    Bug as _Bug,
    changed as _changed,
    check_tests_catch as _check_tests_catch,
    check_tests_pass as _check_tests_pass,
    provide_module as _provide_module,
    use_pytest as _use_pytest,
)

await _use_pytest()

_CORRECT = '''
from flask import Flask, abort, current_app, request, url_for


def create_app():
    """A new notes API, with notes of its own."""
    app = Flask(__name__)
    app.extensions["notes"] = []  # this app's notes, in order: note n is notes[n - 1]

    @app.errorhandler(400)
    @app.errorhandler(404)
    def json_error(error):
        return {"error": error.description}, error.code

    @app.post("/notes")
    def create_note():
        data = request.get_json(silent=True)
        title = data.get("title") if isinstance(data, dict) else None
        if not isinstance(title, str) or not title:
            abort(400, description="a note needs a non-empty title")
        notes = current_app.extensions["notes"]
        notes.append(title)
        note_id = len(notes)
        return {"id": note_id, "title": title}, 201, {"Location": url_for("read_note", note_id=note_id)}

    @app.get("/notes/<int:note_id>")
    def read_note(note_id):
        notes = current_app.extensions["notes"]
        if not 1 <= note_id <= len(notes):
            abort(404, description="no such note")
        return {"id": note_id, "title": notes[note_id - 1]}

    return app
'''


_BUGS = [
    _Bug(
        "POST /notes answers 200 instead of 201 Created",
        _changed(_CORRECT, ("}, 201, {", "}, 200, {")),
        "assert the exact status code of a successful POST, not only that it is a success.",
    ),
    _Bug(
        "POST /notes sends no Location header",
        _changed(_CORRECT, (', 201, {"Location": url_for("read_note", note_id=note_id)}', ", 201")),
        "assert the Location header of the answer to a POST: the path of the new note.",
    ),
    _Bug(
        "GET /notes/1 answers the second note, and the newest note answers 404",
        _changed(_CORRECT, ("if not 1 <= note_id <= len(notes)", "if not 1 <= note_id < len(notes)")).replace(
            "notes[note_id - 1]", "notes[note_id]"
        ),
        "create two notes, then read each one back by its id and assert the whole JSON you get.",
    ),
    _Bug(
        "GET of an unknown id crashes with a 500 instead of answering 404",
        _changed(
            _CORRECT,
            ('        if not 1 <= note_id <= len(notes):\n            abort(404, description="no such note")\n', ""),
        ),
        "ask a fresh app for a note that does not exist and assert the status code.",
    ),
    _Bug(
        'POST /notes accepts an empty title ({"title": ""} gets 201)',
        _changed(_CORRECT, ("if not isinstance(title, str) or not title:", "if not isinstance(title, str):")),
        'post {"title": ""} and assert that it is refused.',
    ),
    _Bug(
        "POST /notes without a title crashes with a 500 instead of answering 400",
        _changed(_CORRECT, ('title = data.get("title") if isinstance(data, dict) else None', 'title = data["title"]')),
        "post a JSON object with no title at all, such as {}, and assert the status code.",
    ),
    _Bug(
        "the 400 error is an HTML page, not a JSON object with an error",
        _changed(_CORRECT, ("    @app.errorhandler(400)\n", "")),
        'assert that the body of a refused POST is JSON with an "error" key (response.get_json()).',
    ),
    _Bug(
        "a POST with an empty title is refused with 422 instead of 400",
        _changed(
            _CORRECT,
            (
                'abort(400, description="a note needs a non-empty title")',
                'return {"error": "a note needs a non-empty title"}, 422',
            ),
        ),
        "assert the exact status code of a refused POST, not only its body.",
    ),
]

_provide_module("notes_app", _CORRECT)  # what `from notes_app import create_app` gives the ▶ button

# --- PYODIDE:code --- #
from notes_app import create_app


def test_a_note_can_be_posted():
    client = create_app().test_client()
    response = client.post("/notes", json={"title": "Buy milk"})
    assert response.status_code < 500


# --- PYODIDE:corr --- #
import pytest

from notes_app import create_app


@pytest.fixture
def client():
    return create_app().test_client()  # a new app for each test: no note leaks from one test to the next


def test_an_unknown_note_is_not_found(client):
    assert client.get("/notes/1").status_code == 404


def test_notes_are_created_then_read_by_id(client):
    first = client.post("/notes", json={"title": "Milk"})
    client.post("/notes", json={"title": "Eggs"})
    assert first.status_code == 201
    assert first.headers["Location"] == "/notes/1"
    read = [client.get(f"/notes/{note_id}").get_json() for note_id in (1, 2)]
    assert read == [{"id": 1, "title": "Milk"}, {"id": 2, "title": "Eggs"}]


@pytest.mark.parametrize("body", [{}, {"title": ""}])
def test_a_note_without_a_title_is_refused(client, body):
    response = client.post("/notes", json=body)
    assert response.status_code == 400
    assert "error" in response.get_json()


# --- PYODIDE:tests --- #
# Your tests must pass on the notes app of the statement, in any order.
_check_tests_pass("notes_app", _CORRECT)

# --- PYODIDE:secrets --- #
# Each buggy notes app must make at least one of your tests fail.
_check_tests_catch("notes_app", _CORRECT, _BUGS)
