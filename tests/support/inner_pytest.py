"""Run a sample's own tests with pytest, inside the suite's run, and tell how each test went."""

from __future__ import annotations

import pytest


class Outcomes:
    """A plugin that records each test's outcome by its name (a failed setup counts too); with
    `reverse`, the tests run in the opposite order."""

    def __init__(self, reverse: bool = False):
        self.reverse, self.outcomes = reverse, {}

    def pytest_collection_modifyitems(self, items):
        if self.reverse:
            items.reverse()

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.outcome != "passed":
            self.outcomes[report.nodeid.split("::")[-1]] = report.outcome


def run_sample_tests(path: str, *options: str, reverse: bool = False) -> tuple[int, dict[str, str]]:
    """(exit code, test name -> outcome) of pytest run on the file `path`. Without the cache, and
    without pytest-playwright, whose assertion scope cannot be entered twice."""
    recorder = Outcomes(reverse)
    code = pytest.main([path, "-q", "-p", "no:cacheprovider", "-p", "no:playwright", *options], plugins=[recorder])
    return code, recorder.outcomes
