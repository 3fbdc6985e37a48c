"""Settings read from a file and the environment; tests with fixtures, scopes, tmp_path and monkeypatch."""

import json
import os
import sqlite3

import pytest

DEFAULTS = {"debug": False, "database_url": "sqlite:///app.db"}


def load_settings(path):
    """The defaults, then the JSON file's values, then DATABASE_URL from the environment if it is set."""
    settings = {**DEFAULTS, **json.loads(path.read_text(encoding="utf-8"))}
    if "DATABASE_URL" in os.environ:
        settings["database_url"] = os.environ["DATABASE_URL"]
    return settings


# --- the tests: fixtures shared by several test files go in a conftest.py ---


@pytest.fixture
def settings_file(tmp_path):  # tmp_path: a new, empty directory for each test
    path = tmp_path / "settings.json"
    path.write_text('{"debug": true}', encoding="utf-8")
    return path


def test_the_file_overrides_the_defaults(settings_file, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)  # whatever the machine running the tests has set
    assert load_settings(settings_file) == {"debug": True, "database_url": "sqlite:///app.db"}


def test_the_environment_wins(settings_file, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/test")  # undone after the test
    assert load_settings(settings_file)["database_url"] == "postgresql://db/test"


def test_a_broken_file_is_an_error(tmp_path):
    broken = tmp_path / "settings.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        load_settings(broken)


@pytest.fixture(scope="module")  # built once for all the tests of this file: for what is slow to build
def database():
    connection = sqlite3.connect(":memory:", isolation_level=None)  # autocommit: we open transactions ourselves
    connection.execute("CREATE TABLE users (name TEXT UNIQUE NOT NULL)")
    yield connection  # what follows the yield is the teardown, run after the last test that used it
    connection.close()


@pytest.fixture  # function scope (the default): one per test, on top of the shared connection
def db(database):
    database.execute("BEGIN")
    yield database
    database.execute("ROLLBACK")  # each test's rows vanish: the next test starts from an empty table


def test_a_user_is_stored(db):
    db.execute("INSERT INTO users VALUES ('ada')")
    assert db.execute("SELECT count(*) FROM users").fetchone() == (1,)


def test_names_are_unique(db):
    db.execute("INSERT INTO users VALUES ('ada')")  # no clash with the previous test: it was rolled back
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO users VALUES ('ada')")
