"""samples/testing/flask_factory_tests.py: its tests pass, in any order, and catch state shared between apps."""

import pytest
from flask import Flask, abort, request

from samples.testing import flask_factory_tests
from samples.testing.flask_factory_tests import create_app
from tests.support.inner_pytest import run_sample_tests

SHARED_NOTES = []  # the mistake: one list for every app the factory builds


def create_app_with_a_global_list(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(test_config or {})

    @app.post("/notes")
    def add_note():
        SHARED_NOTES.append(request.get_json()["title"])
        return {"id": len(SHARED_NOTES)}, 201

    @app.get("/notes/<int:note_id>")
    def get_note(note_id):
        if not 1 <= note_id <= len(SHARED_NOTES):
            abort(404)
        return {"id": note_id, "title": SHARED_NOTES[note_id - 1]}

    return app


@pytest.mark.parametrize("reverse", [False, True], ids=["in file order", "reversed"])
def test_the_sample_tests_pass_in_either_order(reverse):
    code, outcomes = run_sample_tests(flask_factory_tests.__file__, reverse=reverse)
    assert code == pytest.ExitCode.OK
    assert len(outcomes) == 1 + 4 + 1 + 1
    assert set(outcomes.values()) == {"passed"}


def test_the_isolation_test_fails_when_apps_share_a_module_global():
    first = create_app_with_a_global_list({"TESTING": True}).test_client()
    first.post("/notes", json={"title": "Buy milk"})
    second = create_app_with_a_global_list({"TESTING": True}).test_client()  # "a fresh app"
    with pytest.raises(AssertionError):
        flask_factory_tests.test_each_test_gets_an_empty_app(second)
    SHARED_NOTES.clear()


def test_two_apps_from_the_factory_share_nothing():
    first, second = create_app().test_client(), create_app().test_client()
    assert first.post("/notes", json={"title": "a"}).status_code == 201
    assert second.get("/notes/1").status_code == 404


def test_the_configuration_of_a_test_wins_over_the_defaults():
    assert create_app().config["MAX_TITLE"] == 80
    assert create_app({"MAX_TITLE": 3}).test_client().post("/notes", json={"title": "abcd"}).status_code == 400
    assert create_app().test_client().post("/notes", json={"title": "abcd"}).status_code == 201


def test_the_url_in_the_answer_is_built_with_url_for():
    app = create_app()
    assert app.test_client().post("/notes", json={"title": "x"}).get_json()["url"] == "/notes/1"
    assert app.test_client().get("/notes/0").status_code == 404
