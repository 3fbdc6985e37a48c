"""samples/testing/fixtures_and_scopes.py: its tests pass in any order, and each fixture lives as long as its scope."""

import json
from collections import Counter

import pytest

from samples.testing import fixtures_and_scopes
from samples.testing.fixtures_and_scopes import load_settings


class Recorder:
    """A pytest plugin: the outcome of each test, and how many times each fixture was set up."""

    def __init__(self, reverse=False):
        self.reverse = reverse
        self.outcomes = {}
        self.setups = Counter()

    def pytest_collection_modifyitems(self, items):
        if self.reverse:
            items.reverse()

    def pytest_fixture_setup(self, fixturedef):
        self.setups[fixturedef.argname] += 1

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.outcome != "passed":
            self.outcomes[report.nodeid.split("::", 1)[1]] = report.outcome


def run_sample(reverse=False):
    recorder = Recorder(reverse)
    code = pytest.main(
        [fixtures_and_scopes.__file__, "-q", "-p", "no:cacheprovider", "-p", "no:playwright"], plugins=[recorder]
    )
    return code, recorder


@pytest.mark.parametrize("reverse", [False, True], ids=["in file order", "reversed"])
def test_the_sample_tests_pass_in_either_order(reverse):
    code, recorder = run_sample(reverse)
    assert code == pytest.ExitCode.OK
    assert len(recorder.outcomes) == 5
    assert set(recorder.outcomes.values()) == {"passed"}


def test_a_module_fixture_is_built_once_and_a_function_fixture_once_per_test():
    _, recorder = run_sample()
    assert recorder.setups["database"] == 1
    assert recorder.setups["db"] == 2
    assert recorder.setups["tmp_path"] == 3


def test_load_settings_directly(tmp_path, monkeypatch):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"database_url": "sqlite:///other.db"}), encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", "postgresql://x/y")
    assert load_settings(path) == {"debug": False, "database_url": "postgresql://x/y"}
    monkeypatch.delenv("DATABASE_URL")
    assert load_settings(path)["database_url"] == "sqlite:///other.db"


def test_without_the_rollback_the_second_test_fails():
    setup = fixtures_and_scopes.database.__wrapped__()
    database = next(setup)
    fixtures_and_scopes.test_a_user_is_stored(database)  # no BEGIN/ROLLBACK around it: the row stays
    with pytest.raises(Exception, match="UNIQUE"):
        fixtures_and_scopes.test_names_are_unique(database)
    setup.close()
