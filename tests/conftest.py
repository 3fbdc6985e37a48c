"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from courseware.browser_runtime import BrowserRuntime
from courseware.exercise import discover_slugs
from courseware.project import exercise_python as exercise_interpreter
from tests.support import scratch
from tests.support.checks import run_check
from tests.support.site import SiteServer

# Child processes measured for coverage (builds, serve, checks) run in other folders, copies of
# the project among them: they write their data here, where `--cov` combines it.
os.environ.setdefault("COVERAGE_FILE", str(Path(__file__).resolve().parents[1] / "build" / "coverage" / "data"))


def pytest_addoption(parser):
    parser.addoption(
        "--exercise",
        metavar="CHAPTER/NAME",
        help="run only the tests about this exercise: format, checks, embed, browser (make check EXERCISE=...)",
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "exercise(*slugs): the test is about these exercises (selected by --exercise)")
    # pytest-xdist's own, declared here too for runs without it (-p no:xdist, make check)
    config.addinivalue_line("markers", "xdist_group(name): tests that share one worker (a page of exercises)")
    slug = config.getoption("--exercise")
    if slug and slug not in discover_slugs():
        known = ", ".join(discover_slugs())
        raise pytest.UsageError(f"--exercise {slug}: no such exercise (no exercises/{slug}/exo.py). Known: {known}")


def pytest_collection_modifyitems(config, items):
    slug = config.getoption("--exercise")
    if slug:
        about = [item for item in items if any(slug in marker.args for marker in item.iter_markers("exercise"))]
        config.hook.pytest_deselected(items=[item for item in items if item not in about])
        items[:] = about
    # The browser tests are the slowest: run them last, after the fast feedback.
    items.sort(key=lambda item: "tests/browser/" in item.nodeid)


@pytest.fixture(scope="session")
def runtime() -> BrowserRuntime:
    return BrowserRuntime()


@pytest.fixture(scope="session")
def exercise_python() -> Path:
    """The interpreter of the environment that mirrors the browser (make exercise-env)."""
    python = exercise_interpreter()
    if not python.is_file():
        pytest.fail(f"{python} is missing: run `make test`, which builds the exercise environment")
    return python


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
    """Build once, then serve; the port is bound before the build because PMT writes the site's
    own address into every page. The build's log is kept for the test that requires it clean."""
    server = SiteServer(tmp_path_factory.mktemp("build") / "site")
    done = server.build()
    assert done.returncode == 0, f"mkdocs build failed:\n{done.stderr[-4000:]}"
    server.log = [line for line in done.stderr.splitlines() if re.match(r"(WARNING|ERROR)\b", line)]
    server.start()
    yield server
    server.stop()


def pytest_terminal_summary(terminalreporter):
    """Say how many exercises this run could not prove in the browser, and why (offline gaps)."""
    online_only = [
        report.nodeid.split("[chromium-")[-1].rstrip("]")
        for report in terminalreporter.stats.get("skipped", [])
        if "test_only_the_solution_validates" in report.nodeid and "offline:" in str(report.longrepr)
    ]
    if online_only:
        terminalreporter.write_line(
            f"browser suite: {len(online_only)} exercises proven online only (BROWSER_ASSETS=online, "
            f"as the Pages workflow runs it): {', '.join(sorted(online_only))}"
        )
