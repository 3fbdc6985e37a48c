"""`make serve`: the site under its sub-path, live, with quiet output that ends with the address."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from courseware.project import build_inputs
from courseware.serve import AuthorsView
from tests.support.site import SUB_PATH, copy_env, copy_project, embeds, page_url


def test_serve_watches_what_the_build_reads():
    watched = set(build_inputs())
    assert {"exercises", "samples", "course_helpers", "courseware", "hooks", "macros", "overrides"} <= watched, watched


@pytest.fixture
def served(tmp_path):
    """python -m courseware.serve (what `make serve` runs) on a free port, until it prints the address.
    In a copy of the project: serving builds in its working directory, like `mkdocs serve`."""
    copy = copy_project(tmp_path / "course-build-serve-copy")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    env = copy_env(SITE_URL=base, PMT_PROJECT_IDS_LOCAL_FILE=str(tmp_path / "ids.json"))
    env.pop("NO_MKDOCS_2_WARNING", None)
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "courseware.serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=copy, env=env, stdout=out, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    deadline = time.monotonic() + 90
    while base not in log.read_text():
        if server.poll() is not None or time.monotonic() > deadline:
            server.terminate()
            pytest.fail(f"the server did not come up:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)
    try:
        yield base, log
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_answers_every_exercise_page_and_the_helpers(served):
    base, _ = served
    for page, slugs in embeds().items():
        html = urllib.request.urlopen(base + page_url(page), timeout=10).read().decode()
        assert html.count('class="py_mk_ide"') == len(slugs), f"{page}: expected {len(slugs)} editors"
    archive = urllib.request.urlopen(base + "course_helpers.zip", timeout=10)
    assert archive.status == 200 and archive.read(2) == b"PK", "the exercises' helpers are not served"


def test_serve_prints_little_and_the_address_last(served):
    base, log = served
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    assert len(lines) <= 12, "make serve should say little before the address:\n" + "\n".join(lines)
    assert not [line for line in lines if "end of life" in line or "locking MkDocs" in line or "##" in line]
    address_at = max(i for i, line in enumerate(lines) if line.strip() == base)
    assert len(lines) - address_at <= 5, "the address should come last:\n" + "\n".join(lines)


@pytest.mark.parametrize(
    ("logger", "level", "message", "shown"),
    [
        ("mkdocs.plugins.pyodide_macros", logging.INFO, "Create python_libs archives.", False),
        ("mkdocs.hooks.exercises", logging.WARNING, "docs/x.md: unknown exercise 'a/b'", True),
        ("mkdocs.plugins.pyodide_macros", logging.ERROR, "something broke", True),
        ("mkdocs.commands.build", logging.INFO, "Documentation built in 1.2 seconds", True),
    ],
)
def test_serve_keeps_what_an_author_can_act_on(logger, level, message, shown):
    record = logging.LogRecord(logger, level, __file__, 1, message, (), None)
    assert AuthorsView().filter(record) is shown
