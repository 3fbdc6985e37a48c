"""The offline stand-in for the CDN and PyPI answers as they would, and knows what it lacks."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.support.mirror import CDN, PYODIDE_CDN, PYPI_SIMPLE, WHEEL_HOST, Mirror


@pytest.fixture(scope="module")
def mirror():
    return Mirror()


def test_sqlalchemy_cannot_run_offline_and_says_why(mirror, exercise_importing):
    gap = mirror.offline_gap(exercise_importing("sqlalchemy"))
    assert gap and "sqlite3" in gap and "BROWSER_ASSETS=online" in gap


@pytest.mark.parametrize("module", ["json", "jinja2", "flask"])
def test_pure_packages_run_offline(mirror, exercise_importing, module):
    assert mirror.offline_gap(exercise_importing(module)) is None


def test_the_lock_lists_the_hash_of_the_wheel_served_in_its_place(mirror):
    lock = json.loads(mirror.respond(PYODIDE_CDN + "pyodide-lock.json")[1])
    entry = lock["packages"]["micropip"]
    status, wheel, _ = mirror.respond(PYODIDE_CDN + entry["file_name"])
    assert status == 200 and hashlib.sha256(wheel).hexdigest() == entry["sha256"]


def test_pypi_simple_index_points_at_the_pinned_wheel(mirror):
    status, body, kind = mirror.respond(PYPI_SIMPLE + "flask/")
    files = json.loads(body)["files"]
    assert (status, kind) == (200, "application/vnd.pypi.simple.v1+json")
    assert [f["filename"] for f in files] == ["flask-3.1.3-py3-none-any.whl"] and files[0]["url"].startswith(WHEEL_HOST)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (CDN + "/npm/jquery.terminal@2.43.1/js/jquery.terminal.min.js", 200),  # served by 2.43.0, its stand-in
        (CDN + "/npm/jquery@3.7.1", 200),
        (CDN + "/npm/ace-builds@1.44.0/src-min-noconflict/ace.js", 200),
        (CDN + "/npm/ace-builds@1.43.0/src-min-noconflict/ace.js", 404),  # not the pinned version
        ("https://example.org/anything.js", 404),
    ],
)
def test_cdn_urls(mirror, url, status):
    assert mirror.respond(url)[0] == status
