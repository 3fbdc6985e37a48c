"""An offline stand-in for the CDN and PyPI, for the browser tests.

This machine reaches no CDN. Everything PMT loads from cdn.jsdelivr.net comes from npm
packages pinned in package.json (node_modules/), and the Python wheels Pyodide or micropip
would fetch are downloaded once with pip into build/browser-mirror/. Where the exact bytes
cannot be had (jquery.terminal 2.43.1 is not on npm; Pyodide's lock wheels are its own
builds), the nearest file is served and the hash it is checked against is rewritten: here,
in the test harness, never in the site.

    python -m tests.support.mirror      # fill build/browser-mirror (make test does it)
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import mimetypes
import os
import re
import subprocess
import sys
import zipfile
from email.parser import Parser
from functools import cached_property
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from courseware.browser_runtime import BrowserRuntime, all_exercises
from courseware.exercise import PROJECT_ROOT, Exercise

NODE_MODULES = PROJECT_ROOT / "node_modules"
MIRROR_DIR = PROJECT_ROOT / "build" / "browser-mirror"
CDN = "https://cdn.jsdelivr.net"
# Where PMT loads Pyodide from (the version package.json pins).
PYODIDE_CDN = CDN + "/pyodide/v0.25.0/full/"
PYPI_SIMPLE = "https://pypi.org/simple/"
WHEEL_HOST = "https://files.pythonhosted.org/mirror/"
# Asked for by PMT -> what npm has. jquery.terminal 2.43.1 is missing from the npm registry
# reachable here; 2.43.0 is the nearest release. mathjax@3 is "latest 3.x" on the CDN.
NPM_STAND_INS = {"jquery.terminal@2.43.1": "jquery.terminal", "mathjax@3": "mathjax"}
# jsDelivr serves a package's default file for a bare "npm/<name>@<version>" URL.
NPM_DEFAULT_FILES = {"jquery": "dist/jquery.min.js"}
# Pyodide loads micropip itself before installing anything from PyPI.
ALWAYS_MIRRORED = ("micropip",)
# Packages with C speedups that build as pure Python when no compiler works (CC=false).
PURE_FROM_SOURCE = {"markupsafe"}


def _sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class Mirror:
    def __init__(self, runtime: BrowserRuntime | None = None, folder: Path = MIRROR_DIR):
        self.runtime = runtime or BrowserRuntime()
        self.folder = folder

    # --- what to mirror ------------------------------------------------------------------
    def wanted(self, exercises: list[Exercise]) -> tuple[set[str], set[str]]:
        """(lock package names, micropip-pinned names) the exercises and Pyodide need."""
        lock, pins = set(), set()
        pending = list(ALWAYS_MIRRORED)
        for exercise in exercises:
            for module in exercise.imported_modules():
                try:
                    dist = self.runtime.resolve(module)
                except LookupError:
                    continue
                if dist:
                    pending.append(dist.name)
        while pending:
            name = _normalise(pending.pop())
            if name in lock or name in pins:
                continue
            entry = self._lock_entry(name)
            if entry is not None:
                lock.add(entry[0])
                pending.extend(entry[1].get("depends", ()))
            elif name in self._pins:
                pins.add(name)
                pending.extend(self._pin_requirements(name))
        return lock, pins

    def offline_gap(self, exercise: Exercise) -> str | None:
        """Why this exercise cannot run in the offline browser tests (None: it can)."""
        lock, _ = self.wanted([exercise])
        missing = sorted(name for name in lock if self._lock_entry(name)[1].get("package_type") == "cpython_module")
        if missing:
            return (
                f"needs Pyodide's own build of {', '.join(missing)}, which no registry reachable offline carries; "
                "run it online (BROWSER_ASSETS=online)"
            )
        return None

    @cached_property
    def _pins(self) -> dict[str, str]:
        return {
            _normalise(d.name): d.version
            for d in self.runtime.packages_by_import.values()
            if d.source == "micropip-pin"
        }

    def _lock_entry(self, name: str):
        packages = self.runtime.lock["packages"]
        for key in (name, _normalise(name)):
            if key in packages:
                return key, packages[key]
        return None

    def _pin_requirements(self, name: str) -> list[str]:
        wheel = self._download_pin(name)
        with zipfile.ZipFile(wheel) as archive:
            metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            headers = Parser().parsestr(archive.read(metadata).decode())
        requirements = []
        for requirement in headers.get_all("Requires-Dist") or []:
            if ";" in requirement and "extra" in requirement.split(";", 1)[1]:
                continue  # optional extras are not installed
            requirements.append(re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0])
        return requirements

    # --- filling the mirror ---------------------------------------------------------------
    def fill(self, exercises: list[Exercise]) -> dict:
        lock, pins = self.wanted(exercises)
        manifest = {"lock": {}, "pins": {}}
        for name in sorted(lock):
            entry = self._lock_entry(name)[1]
            if entry.get("package_type") == "cpython_module":
                continue  # Pyodide builds of stdlib modules: nothing to fetch from PyPI
            manifest["lock"][entry["file_name"]] = self._fetch(entry["name"], entry["version"]).name
        for name in sorted(pins):
            manifest["pins"][name] = self._download_pin(name).name
        (self.folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
        return manifest

    def _download_pin(self, name: str) -> Path:
        return self._fetch(name, self._pins[name])

    def _fetch(self, name: str, version: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        found = self._find_wheel(name, version)
        if found:
            return found
        pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
        if _normalise(name) in PURE_FROM_SOURCE:
            command = pip + ["wheel", "--no-deps", "--no-binary", name, "-w", str(self.folder), f"{name}=={version}"]
            env = {**os.environ, "CC": "false"}  # the C speedups fail to build, the pure package remains
        else:
            command = pip + [
                "download",
                "--no-deps",
                "--only-binary",
                ":all:",
                "--python-version",
                "3.11",
                "-d",
                str(self.folder),
                f"{name}=={version}",
            ]
            env = os.environ
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        found = self._find_wheel(name, version)
        if done.returncode != 0 or not found:
            raise RuntimeError(f"could not mirror {name}=={version}: {done.stderr.strip()[-800:]}")
        return found

    def _find_wheel(self, name: str, version: str) -> Path | None:
        prefix = re.sub(r"[-_.]+", "_", name).lower() + "-" + version + "-"
        for wheel in self.folder.glob("*.whl"):
            if wheel.name.lower().startswith(prefix) and wheel.name.endswith("-none-any.whl"):
                return wheel
        return None

    # --- serving ---------------------------------------------------------------------------
    @cached_property
    def manifest(self) -> dict:
        path = self.folder / "manifest.json"
        if not path.is_file():
            raise RuntimeError(f"{path} is missing: run `python -m tests.support.mirror` (make test does it)")
        return json.loads(path.read_text())

    @cached_property
    def patched_lock(self) -> bytes:
        lock = copy.deepcopy(self.runtime.lock)
        for entry in lock["packages"].values():
            wheel = self.manifest["lock"].get(entry["file_name"])
            if wheel:
                entry["sha256"] = hashlib.sha256((self.folder / wheel).read_bytes()).hexdigest()
        return json.dumps(lock).encode()

    def respond(self, url: str) -> tuple[int, bytes, str]:
        """(status, body, content type) for a URL the page asks outside the site."""
        if url.startswith(PYODIDE_CDN):
            return self._pyodide_file(url.removeprefix(PYODIDE_CDN).split("?")[0])
        if url.startswith(CDN + "/npm/"):
            return self._npm_file(url.removeprefix(CDN + "/npm/").split("?")[0])
        if url.startswith(PYPI_SIMPLE):
            return self._simple_index(url.removeprefix(PYPI_SIMPLE).strip("/"))
        if url.startswith(WHEEL_HOST):
            return self._file(self.folder / url.removeprefix(WHEEL_HOST))
        return 404, f"not mirrored: {url}".encode(), "text/plain"

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
        have = (
            json.loads((package / "package.json").read_text())["version"]
            if (package / "package.json").is_file()
            else None
        )
        if have is None:
            return 404, f"npm package {name} is not in node_modules".encode(), "text/plain"
        if package_at_version not in NPM_STAND_INS and asked_version != have:
            return 404, f"{name}@{asked_version} asked, node_modules has {have}".encode(), "text/plain"
        return self._file(package / (path or NPM_DEFAULT_FILES.get(name, "")))

    def _simple_index(self, project: str):
        name = _normalise(project)
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

    def integrity_of(self, url: str) -> str | None:
        """The SRI hash of what this mirror serves for `url`."""
        status, body, _ = self.respond(url)
        return _sri(body) if status == 200 else None


def main() -> int:
    mirror = Mirror()
    manifest = mirror.fill(all_exercises())
    print(
        f"browser mirror: {len(manifest['lock'])} Pyodide lock wheels, {len(manifest['pins'])} micropip pins in {mirror.folder}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
