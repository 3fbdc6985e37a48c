"""Build the site strictly and serve it as GitHub Pages serves a project site: under /<repo>/."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from courseware.exercise import PROJECT_ROOT

SUB_PATH = "/reliable-python-web/"
MKDOCS = PROJECT_ROOT / ".venv" / "bin" / "mkdocs"


@contextlib.contextmanager
def one_build_at_a_time():
    """Hold the project's build lock: PMT writes each python_libs archive (course_helpers.zip)
    into the working directory during a build and deletes it after, so two builds of the
    project at once (pytest workers, a `make serve` left running) delete each other's."""
    lock_file = PROJECT_ROOT / "build" / "mkdocs-build.lock"
    lock_file.parent.mkdir(exist_ok=True)
    with open(lock_file, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build_site(site_url: str, out: Path, config: Path = PROJECT_ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_URL": site_url, "PMT_PROJECT_IDS_LOCAL_FILE": str(out.parent / "pmt-ids.json")}
    with one_build_at_a_time():
        return subprocess.run(
            [str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(out)],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )


class SiteServer:
    """The strict build of the site, served on a free loopback port under SUB_PATH."""

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
        return build_site(self.base_url, self.root)

    def start(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
