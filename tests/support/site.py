"""Build the site strictly and serve it as GitHub Pages serves a project site: under /<repo>/."""
from __future__ import annotations

import functools
import os
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from courseware.exercise import PROJECT_ROOT

SUB_PATH = "/reliable-python-web/"
MKDOCS = PROJECT_ROOT / ".venv" / "bin" / "mkdocs"


def build_site(site_url: str, out: Path, config: Path = PROJECT_ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_URL": site_url, "PMT_PROJECT_IDS_LOCAL_FILE": str(out.parent / "pmt-ids.json")}
    return subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(out)],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)


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
