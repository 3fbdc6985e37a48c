"""`make serve`: mkdocs serve answers under the site's sub-path and watches the course's sources."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from mkdocs.config import load_config

from courseware.exercise import PROJECT_ROOT, embeds, page_url
from tests.support.site import MKDOCS, SUB_PATH, one_build_at_a_time


def test_serve_watches_exercises_samples_and_build_code():
    config = load_config(str(PROJECT_ROOT / "mkdocs.yml"))
    watched = {os.path.relpath(path, PROJECT_ROOT) for path in config["watch"]}
    assert {"exercises", "samples", "course_helpers", "courseware", "hooks", "macros", "overrides"} <= watched, watched


@pytest.fixture
def served(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    env = {**os.environ, "SITE_URL": base, "PMT_PROJECT_IDS_LOCAL_FILE": str(tmp_path / "ids.json")}
    with one_build_at_a_time():  # until it answers: by then its first build is over
        server = subprocess.Popen(
            [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(base, timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    server.terminate()
                    pytest.fail(
                        f"mkdocs serve did not come up:\n{server.stderr.read()[-3000:] if server.poll() is not None else 'timeout'}"
                    )
                time.sleep(0.5)
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_answers_every_exercise_page_and_the_helpers(served):
    for page, slugs in embeds().items():
        html = urllib.request.urlopen(served + page_url(page), timeout=10).read().decode()
        assert html.count('class="py_mk_ide"') == len(slugs), f"{page}: expected {len(slugs)} editors"
    archive = urllib.request.urlopen(served + "course_helpers.zip", timeout=10)
    assert archive.status == 200 and archive.read(2) == b"PK", "the exercises' helpers are not served"
