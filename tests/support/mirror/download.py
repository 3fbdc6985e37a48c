"""Fetch the wheels the plan asks for into build/browser-mirror/, once, with pip."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from email.parser import Parser
from pathlib import Path

from courseware.exercise import Exercise
from courseware.project import PROJECT_ROOT
from tests.support.mirror.plan import STDLIB_STAND_INS, Plan

MIRROR_DIR = PROJECT_ROOT / "build" / "browser-mirror"
# Packages built here from their source: markupsafe's C speedups fail to build with no compiler
# (CC=false) and the pure package remains; atomicwrites (which pytest needs) publishes no wheel.
PURE_FROM_SOURCE = {"markupsafe", "atomicwrites"}


class Downloads:
    def __init__(self, folder: Path = MIRROR_DIR):
        self.folder = folder

    def wheel(self, name: str, version: str) -> Path:
        """The pure-Python wheel of name==version, downloaded (or built) if not there yet."""
        self.folder.mkdir(parents=True, exist_ok=True)
        found = self.find(name, version)
        if found:
            return found
        pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
        env = os.environ
        if re.sub(r"[-_.]+", "-", name).lower() in PURE_FROM_SOURCE:
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
                "--platform",
                "any",
            ]
            command += ["-d", str(self.folder), f"{name}=={version}"]
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        found = self.find(name, version)
        if done.returncode != 0 or not found:
            raise RuntimeError(f"could not mirror {name}=={version}: {done.stderr.strip()[-800:]}")
        return found

    def stdlib_zip(self, entry: dict, package: str) -> Path:
        """The standard library's `package`, zipped as Pyodide ships it (unpacked into the standard
        library's folder); the same bytes at every build, so that its hash is stable."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / entry["file_name"]
        source = Path(sysconfig.get_paths()["stdlib"]) / package
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(source.rglob("*.py")):
                if "__pycache__" in path.parts or "tests" in path.relative_to(source).parts:
                    continue
                info = zipfile.ZipInfo(path.relative_to(source.parent).as_posix(), date_time=(2024, 1, 1, 0, 0, 0))
                archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
        return target

    def find(self, name: str, version: str) -> Path | None:
        prefix = re.sub(r"[-_.]+", "_", name).lower() + "-" + version + "-"
        for wheel in self.folder.glob("*.whl"):
            if wheel.name.lower().startswith(prefix) and wheel.name.endswith("-none-any.whl"):
                return wheel
        return None

    def requires_dist(self, name: str, version: str) -> list[str]:
        """The Requires-Dist lines of the wheel's own metadata."""
        with zipfile.ZipFile(self.wheel(name, version)) as archive:
            metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            return Parser().parsestr(archive.read(metadata).decode()).get_all("Requires-Dist") or []

    def fill(self, plan: Plan, exercises: list[Exercise]) -> dict:
        """Download what the exercises need; write and return the manifest the server reads."""
        lock, pins = plan.wanted(exercises)
        manifest = {"lock": {}, "pins": {}}
        for name in sorted(lock):
            entry = plan.lock_entry(name)[1]
            if entry.get("package_type") == "cpython_module":
                if name in STDLIB_STAND_INS:
                    manifest["lock"][entry["file_name"]] = self.stdlib_zip(entry, STDLIB_STAND_INS[name]).name
                continue  # the other Pyodide builds of stdlib modules: nothing reachable offline has them
            manifest["lock"][entry["file_name"]] = self.wheel(entry["name"], entry["version"]).name
        for name in sorted(pins):
            manifest["pins"][name] = self.wheel(name, plan.pins[name]).name
        (self.folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
        return manifest
