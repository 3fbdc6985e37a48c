"""Answer the page's requests to the CDN and PyPI from node_modules/ and the downloaded wheels."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import mimetypes
import ssl
import subprocess
import threading
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from courseware.browser_runtime import BrowserRuntime
from courseware.project import PROJECT_ROOT
from tests.support.mirror.download import MIRROR_DIR
from tests.support.pmt import CDN, pyodide_cdn

NODE_MODULES = PROJECT_ROOT / "node_modules"
PYPI_SIMPLE = "https://pypi.org/simple/"
WHEEL_HOST = "https://files.pythonhosted.org/mirror/"
# Asked for by PMT -> the npm package that stands in for it. jquery.terminal 2.43.1 is missing
# from the npm registry reachable here: 2.43.0 is the nearest release. mathjax@3 is "latest 3.x".
NPM_STAND_INS = {"jquery.terminal@2.43.1": "jquery.terminal", "mathjax@3": "mathjax"}
# jsDelivr serves a package's default file for a bare "npm/<name>@<version>" URL.
NPM_DEFAULT_FILES = {"jquery": "dist/jquery.min.js"}


def sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


class Mirror:
    def __init__(self, runtime: BrowserRuntime | None = None, folder: Path = MIRROR_DIR):
        self.runtime = runtime or BrowserRuntime()
        self.folder = folder
        self._answers: dict[str, tuple[int, bytes, str]] = {}  # every page asks the same files again

    @cached_property
    def manifest(self) -> dict:
        path = self.folder / "manifest.json"
        if not path.is_file():
            raise RuntimeError(f"{path} is missing: run `python -m tests.support.mirror` (make test does it)")
        return json.loads(path.read_text())

    @cached_property
    def patched_lock(self) -> bytes:
        """Pyodide's lock, with the hash of each wheel served in place of Pyodide's own build."""
        lock = copy.deepcopy(self.runtime.lock)
        for entry in lock["packages"].values():
            wheel = self.manifest["lock"].get(entry["file_name"])
            if wheel:
                entry["sha256"] = hashlib.sha256((self.folder / wheel).read_bytes()).hexdigest()
        return json.dumps(lock).encode()

    def respond(self, url: str) -> tuple[int, bytes, str]:
        """(status, body, content type) for a URL the page asks outside the site."""
        if url not in self._answers:
            self._answers[url] = self._answer(url)
        return self._answers[url]

    def _answer(self, url: str) -> tuple[int, bytes, str]:
        if url.startswith(pyodide_cdn()):
            return self._pyodide_file(url.removeprefix(pyodide_cdn()).split("?")[0])
        if url.startswith(CDN + "/npm/"):
            return self._npm_file(url.removeprefix(CDN + "/npm/").split("?")[0])
        if url.startswith(PYPI_SIMPLE):
            return self._simple_index(url.removeprefix(PYPI_SIMPLE).strip("/"))
        if url.startswith(WHEEL_HOST):
            return self._file(self.folder / url.removeprefix(WHEEL_HOST))
        return 404, f"not mirrored: {url}".encode(), "text/plain"

    def integrity_of(self, url: str) -> str | None:
        """The SRI hash of what this mirror serves for `url`."""
        status, body, _ = self.respond(url)
        return sri(body) if status == 200 else None

    def _pyodide_file(self, name: str):
        if name == "pyodide-lock.json":
            return 200, self.patched_lock, "application/json"
        if name in self.manifest["lock"]:
            return self._file(self.folder / self.manifest["lock"][name])
        return self._file(self.runtime.pyodide_dir / name)

    def _npm_file(self, spec: str):
        parts = spec.split("/")
        count = 2 if spec.startswith("@") else 1  # "@scope/name@version/path"
        package_at_version, path = "/".join(parts[:count]), "/".join(parts[count:])
        name = NPM_STAND_INS.get(package_at_version) or package_at_version.rsplit("@", 1)[0]
        package = NODE_MODULES / name
        asked_version = package_at_version.rsplit("@", 1)[1] if "@" in package_at_version else ""
        manifest = package / "package.json"
        have = json.loads(manifest.read_text())["version"] if manifest.is_file() else None
        if have is None:
            return 404, f"npm package {name} is not in node_modules".encode(), "text/plain"
        if package_at_version not in NPM_STAND_INS and asked_version != have:
            return 404, f"{name}@{asked_version} asked, node_modules has {have}".encode(), "text/plain"
        return self._file(package / (path or NPM_DEFAULT_FILES.get(name, "")))

    def _simple_index(self, project: str):
        name = project.lower().replace("_", "-").replace(".", "-")
        wheel = self.manifest["pins"].get(name)
        if not wheel:
            return 404, f"{project} is not mirrored".encode(), "text/plain"
        digest = hashlib.sha256((self.folder / wheel).read_bytes()).hexdigest()
        body = {
            "meta": {"api-version": "1.0"},
            "name": name,
            "files": [{"filename": wheel, "url": WHEEL_HOST + wheel, "hashes": {"sha256": digest}}],
        }
        return 200, json.dumps(body).encode(), "application/vnd.pypi.simple.v1+json"

    @staticmethod
    def _file(path: Path):
        if not path.is_file():
            return 404, f"no file {path}".encode(), "text/plain"
        kind = (
            "application/wasm"
            if path.suffix == ".wasm"
            else (mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        )
        return 200, path.read_bytes(), kind


class MirrorServer:
    """The mirror as the CDN and PyPI themselves, over HTTPS on a loopback port.

    Chromium is told to resolve their host names to this server (--host-resolver-rules) and to
    accept its self-signed certificate, so the page's requests keep their real addresses (the
    allow-list sees them as they are) while the browser fetches, and caches, at its own speed."""

    HOSTS = ("cdn.jsdelivr.net", "pypi.org", "files.pythonhosted.org")

    def __init__(self, mirror: Mirror, folder: Path = MIRROR_DIR / "tls"):
        self.mirror = mirror
        certificate, key = self._certificate(folder)

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                host = (self.headers.get("Host") or "").split(":")[0]
                status, body, kind = mirror.respond(f"https://{host}{self.path}")
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Cache-Control", "max-age=3600")  # pinned files: they never change
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def chromium_args(self) -> list[str]:
        rules = ", ".join(f"MAP {host}:443 127.0.0.1:{self.port}" for host in self.HOSTS)
        return [f"--host-resolver-rules={rules}", "--ignore-certificate-errors"]

    @staticmethod
    def _certificate(folder: Path) -> tuple[Path, Path]:
        certificate, key = folder / "mirror.crt", folder / "mirror.key"
        if not (certificate.is_file() and key.is_file()):
            folder.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", "/CN=mirror",
                 "-keyout", str(key), "-out", str(certificate)],
                check=True, capture_output=True,
            )  # fmt: skip
        return certificate, key

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
