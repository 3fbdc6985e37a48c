"""The offline stand-in for the CDN and PyPI answers as they would, and knows what it lacks."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile

import pytest

from course_helpers.packages import BROWSER_MARKERS, PINS, needed
from courseware.browser_runtime import BrowserRuntime
from courseware.exercise import Exercise
from courseware.project import PROJECT_ROOT
from tests.support import pmt, scratch
from tests.support.mirror.download import Downloads
from tests.support.mirror.plan import Plan, UnpinnedNeed
from tests.support.mirror.serve import NPM_STAND_INS, PYPI_SIMPLE, WHEEL_HOST, Mirror

PACKAGE_JSON = json.loads((PROJECT_ROOT / "package.json").read_text())["devDependencies"]


@pytest.fixture(scope="module")
def mirror():
    return Mirror()


@pytest.fixture(scope="module")
def plan():
    return Plan(BrowserRuntime(), Downloads().requires_dist)


def test_package_json_pins_the_pyodide_pmt_loads():
    assert PACKAGE_JSON["pyodide"] == pmt.pyodide_version(), (
        f"package.json has pyodide {PACKAGE_JSON['pyodide']}, PMT loads {pmt.pyodide_version()}: "
        "the exercise environment would not be the browser's"
    )


@pytest.mark.parametrize(("name", "version"), sorted(pmt.npm_packages().items()))
def test_package_json_serves_each_library_pmt_loads(name, version):
    if f"{name}@{version}" in NPM_STAND_INS:
        assert name in PACKAGE_JSON, f"{name}: its stand-in is missing from package.json"
        return
    assert PACKAGE_JSON.get(name) == version, f"PMT loads {name}@{version}; package.json has {PACKAGE_JSON.get(name)}"


def test_sqlalchemy_cannot_run_offline_and_says_why(plan, exercise_importing):
    gap = plan.offline_gap(exercise_importing("sqlalchemy"))
    assert gap and "sqlite3" in gap and "BROWSER_ASSETS=online" in gap


@pytest.mark.parametrize("module", ["json", "jinja2", "flask"])
def test_pure_packages_run_offline(plan, exercise_importing, module):
    assert plan.offline_gap(exercise_importing(module)) is None


def test_a_pinned_package_needing_an_unpinned_one_is_refused(exercise_importing):
    """A new dependency of Flask would otherwise be installed at its latest release."""

    def flask_needs_more(name, version):
        return Downloads().requires_dist(name, version) + (["shiny-new-thing>=1"] if name == "flask" else [])

    with pytest.raises(UnpinnedNeed, match="needs shiny-new-thing"):
        Plan(BrowserRuntime(), flask_needs_more).wanted([exercise_importing("flask")])


def test_a_pin_is_mirrored_with_what_its_metadata_says_it_needs(plan, exercise_importing):
    lock, pins = plan.wanted([exercise_importing("flask")])
    needs = set(needed(Downloads().requires_dist("flask", PINS["flask"]), BROWSER_MARKERS))
    assert needs and needs <= pins | lock, f"flask needs {needs}; mirrored: {pins | lock}"


def test_the_lock_lists_the_hash_of_the_wheel_served_in_its_place(mirror):
    lock = json.loads(mirror.respond(pmt.pyodide_cdn() + "pyodide-lock.json")[1])
    entry = lock["packages"]["micropip"]
    status, wheel, _ = mirror.respond(pmt.pyodide_cdn() + entry["file_name"])
    assert status == 200 and hashlib.sha256(wheel).hexdigest() == entry["sha256"]


def test_pypi_simple_index_points_at_the_pinned_wheel(mirror):
    status, body, kind = mirror.respond(PYPI_SIMPLE + "flask/")
    files = json.loads(body)["files"]
    assert (status, kind) == (200, "application/vnd.pypi.simple.v1+json")
    assert [f["filename"] for f in files] == [f"flask-{PINS['flask']}-py3-none-any.whl"]
    assert files[0]["url"].startswith(WHEEL_HOST)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"{pmt.CDN}/npm/ace-builds@{pmt.npm_packages()['ace-builds']}/src-min-noconflict/ace.js", 200),
        (f"{pmt.CDN}/npm/jquery.terminal@2.43.1/js/jquery.terminal.min.js", 200),  # served by its stand-in
        (f"{pmt.CDN}/npm/jquery@{pmt.npm_packages()['jquery']}", 200),
        (f"{pmt.CDN}/npm/ace-builds@1.43.0/src-min-noconflict/ace.js", 404),  # not the pinned version
        ("https://example.org/anything.js", 404),
    ],
)
def test_cdn_urls(mirror, url, status):
    assert mirror.respond(url)[0] == status


def test_filling_the_mirror_again_downloads_nothing_and_says_what_it_holds():
    """`make browser-mirror` (python -m tests.support.mirror) keeps what it already has."""
    before = {p.name: p.stat().st_mtime for p in Downloads().folder.glob("*.whl")}
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.mirror"], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert re.match(r"browser mirror: \d+ Pyodide lock wheels, \d+ micropip pins", done.stdout), done.stdout
    assert {p.name: p.stat().st_mtime for p in Downloads().folder.glob("*.whl")} == before


def django_exercise(folder, queries: bool):
    """A throwaway exercise on Django whose solution opens the database, or does not."""
    scratch.write_exercise(
        folder, prelude="from django.db import connection\n" + ("connection.ensure_connection()\n" if queries else "")
    )
    exo = folder / "exo.py"
    exo.write_text(
        exo.read_text().replace(
            "_LIMIT = 3", "from course_helpers.django_setup import configure_django\nconfigure_django()"
        )
    )
    return Exercise.at(f"{folder.parent.name}/{folder.name}", folder.parent.parent)


def test_a_need_of_a_package_imported_by_name_is_found_by_running(plan, tmp_path):
    """env installs Django with require() and imports it by name: no import statement names it."""
    folder = tmp_path / "orm" / "by_name"
    scratch.write_exercise(folder, prelude='import_after_require("django.db").connection.ensure_connection()\n')
    exo = folder / "exo.py"
    env = (
        "from course_helpers.packages import import_after_require, require\nawait require('django')\n"
        "from course_helpers.django_setup import configure_django\nconfigure_django()"
    )
    exo.write_text(exo.read_text().replace("_LIMIT = 3", env))
    gap = plan.offline_gap(Exercise.at("orm/by_name", tmp_path))
    assert gap and "sqlite3" in gap


def test_a_need_that_only_running_shows_is_found(plan, tmp_path):
    """Importing Django needs no sqlite3; its first query does: the probe runs the solution to see it."""
    gap = plan.offline_gap(django_exercise(tmp_path / "orm" / "queries", queries=True))
    assert gap and "sqlite3" in gap and "BROWSER_ASSETS=online" in gap
    assert plan.offline_gap(django_exercise(tmp_path / "routing" / "no_queries", queries=False)) is None


def test_pytest_runs_offline_with_the_standard_librarys_distutils(plan, exercise_importing):
    """Pyodide's lock makes pytest need setuptools, and setuptools distutils, a module Pyodide builds
    apart: the mirror serves it from this interpreter's standard library."""
    lock, _ = plan.wanted([exercise_importing("pytest")])
    assert "distutils" in lock
    assert plan.offline_gap(exercise_importing("pytest")) is None


def test_the_distutils_stand_in_is_the_standard_library_package_with_a_stable_hash(tmp_path):
    entry = BrowserRuntime().lock["packages"]["distutils"]
    first = Downloads(tmp_path / "a").stdlib_zip(entry, "distutils")
    second = Downloads(tmp_path / "b").stdlib_zip(entry, "distutils")
    assert first.name == entry["file_name"]
    assert first.read_bytes() == second.read_bytes(), "two builds differ: the patched lock's hash would drift"
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
    assert "distutils/__init__.py" in names and "distutils/util.py" in names, names[:5]


def test_a_module_env_loads_from_pyodide_by_name_is_a_need(plan, tmp_path):
    """env loads Python's sqlite3 with load_from_pyodide() and imports it by name: no import statement names it."""
    folder = tmp_path / "security" / "raw_sqlite"
    scratch.write_exercise(folder)
    exo = folder / "exo.py"
    env = (
        "import importlib\nfrom course_helpers.packages import load_from_pyodide\n"
        "await load_from_pyodide('sqlite3', 'sqlite3', 'sqlite3')\nsqlite3 = importlib.import_module('sqlite3')"
    )
    exo.write_text(exo.read_text().replace("_LIMIT = 3", env))
    gap = plan.offline_gap(Exercise.at("security/raw_sqlite", tmp_path))
    assert gap and "sqlite3" in gap and "BROWSER_ASSETS=online" in gap
