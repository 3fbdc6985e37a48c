"""Build the site from a copy of the project and serve it as GitHub Pages serves a project site: under /<repo>/.

A build runs in a copy of what it reads (mkdocs.yml, docs/ and each `watch` entry), never in
the project: PMT writes each python_libs archive (course_helpers.zip) into its working
directory during a build and empties the library's bytecode caches. In a copy of their own,
any number of builds run at once, beside a `make serve`, and leave the project as it was.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from courseware.exercise import EMBED_LINE
from courseware.project import PROJECT_ROOT, build_inputs

SUB_PATH = "/reliable-python-web/"
# The suite runs in the site environment, where mkdocs is installed beside this interpreter.
MKDOCS = Path(sys.executable).with_name("mkdocs")
DOCS = PROJECT_ROOT / "docs"


def copy_project(destination: Path) -> Path:
    """Copy what a build reads into `destination`; return it."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in build_inputs():
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def copy_env(**extra: str) -> dict[str, str]:
    """The environment of a process that runs in a copy of the project.

    When the suite is measured (`make test`), coverage hands children its configuration with
    the project's own paths; a process in a copy runs the copy's files, so it is given the
    configuration file instead, whose paths it reads from where it runs (pyproject.toml's
    [tool.coverage.paths] maps them back)."""
    env = {**os.environ, **extra}
    if env.pop("COVERAGE_PROCESS_CONFIG", None):
        env["COVERAGE_PROCESS_START"] = str(PROJECT_ROOT / "pyproject.toml")
    return env


def build_site(
    site_url: str, out: Path, *, strict: bool = True, change: Callable[[Path], object] | None = None
) -> subprocess.CompletedProcess:
    """Build the site into `out` from a fresh copy of the project; `change(copy)` may edit the copy first."""
    with tempfile.TemporaryDirectory(prefix="course-build-", suffix="-copy") as scratch:
        root = copy_project(Path(scratch))
        if change:
            change(root)
        env = copy_env(SITE_URL=site_url, PMT_PROJECT_IDS_LOCAL_FILE=str(Path(scratch) / "pmt-ids.json"))
        command = [str(MKDOCS), "build", "-d", str(out)] + (["--strict"] if strict else [])
        return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)


def embeds(docs_dir: Path = DOCS) -> dict[str, list[str]]:
    """Page (path under docs_dir) -> the slugs it embeds, in page order."""
    found = {}
    for page in sorted(docs_dir.rglob("*.md")):
        slugs = [m["slug"] for m in EMBED_LINE.finditer(page.read_text(encoding="utf-8"))]
        if slugs:
            found[page.relative_to(docs_dir).as_posix()] = slugs
    return found


def page_url(src_path: str) -> str:
    """The URL, relative to the site root, MkDocs gives the page docs/<src_path>."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


class SiteServer:
    """A build of the site, served on a free loopback port under SUB_PATH."""

    def __init__(self, root: Path):
        self.root = root
        self.missing: list[str] = []  # paths answered 404
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def translate_path(self, path):
                path = path.split("?", 1)[0].split("#", 1)[0]
                if not path.startswith(SUB_PATH):
                    return str(root / "__outside_the_sub_path__")
                return super().translate_path("/" + path.removeprefix(SUB_PATH))

            def send_error(self, code, message=None, explain=None):
                if code == 404:
                    server.missing.append(self.path)
                super().send_error(code, message, explain)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}{SUB_PATH}"

    def build(self) -> subprocess.CompletedProcess:
        """Build without --strict, so that one broken exercise leaves the rest of the site to test;
        the build's warnings are a test of their own (tests/site/test_build.py)."""
        return build_site(self.base_url, self.root, strict=False)

    def start(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
