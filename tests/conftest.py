"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

# PMT zips course_helpers/ into every build; a .pyc that an exercise check writes there while
# another pytest worker builds could vanish from under the archiver. No bytecode, no race
# (the environment variable reaches the checks' and the builds' interpreters).
sys.dont_write_bytecode = True
os.environ["PYTHONDONTWRITEBYTECODE"] = "1"

from courseware.browser_runtime import BrowserRuntime
from tests.support import scratch
from tests.support.checks import EXERCISE_PYTHON, run_check
from tests.support.site import SiteServer


def pytest_collection_modifyitems(items):
    """The browser tests are the slowest: run them last, after the fast feedback."""
    items.sort(key=lambda item: "tests/browser/" in item.nodeid)


@pytest.fixture(scope="session")
def runtime() -> BrowserRuntime:
    return BrowserRuntime()


@pytest.fixture(scope="session")
def exercise_python() -> Path:
    """The interpreter of the environment that mirrors the browser (make exercise-env)."""
    if not EXERCISE_PYTHON.is_file():
        pytest.fail(f"{EXERCISE_PYTHON} is missing: run `make test`, which builds the exercise environment")
    return EXERCISE_PYTHON


@pytest.fixture(scope="session")
def check(exercise_python):
    """run_check in the exercise environment, remembered: several tests read one outcome."""
    outcomes: dict[tuple[Path, str], dict] = {}

    def run(folder: Path, candidate: str) -> dict:
        if (folder, candidate) not in outcomes:
            outcomes[folder, candidate] = run_check(exercise_python, folder, candidate)
        return outcomes[folder, candidate]

    return run


@pytest.fixture
def exercise_importing(tmp_path):
    """Make a throwaway exercise whose solution imports the given modules."""
    return lambda *modules: scratch.exercise_importing(tmp_path, *modules)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> SiteServer:
    """Build once (strict, zero warnings), then serve; the port is bound before the build
    because PMT writes the site's own address into every page."""
    server = SiteServer(tmp_path_factory.mktemp("build") / "site")
    done = server.build()
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr[-4000:]}"
    problems = [line for line in done.stderr.splitlines() if re.match(r"(WARNING|ERROR)\b", line)]
    assert not problems, "the strict build logged problems:\n" + "\n".join(problems)
    server.start()
    yield server
    server.stop()
