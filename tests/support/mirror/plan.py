"""What the mirror must hold: the distributions the exercises need in the browser, and which of
them no registry reachable offline can give."""

from __future__ import annotations

import functools
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from course_helpers.packages import BROWSER_MARKERS, PINS, needed, normalise
from courseware.browser_runtime import BrowserRuntime, pyodide_packages, required_packages
from courseware.exercise import Exercise
from courseware.project import PROJECT_ROOT, exercise_python

# Pyodide loads micropip itself before installing anything from PyPI.
ALWAYS_MIRRORED = ("micropip",)
# Standard modules Pyodide builds apart that are plain Python in CPython's standard library: the
# mirror serves them zipped from this interpreter's (Python 3.11), in place of Pyodide's build.
# pytest's entry in Pyodide's lock needs setuptools, which needs distutils.
STDLIB_STAND_INS = {"distutils": "distutils"}  # lock package -> package of the standard library


class UnpinnedNeed(LookupError):
    """A pinned package needs one that is neither pinned nor in Pyodide's lock."""


# Run in the browser-parity interpreter: import each module with the standard modules Pyodide
# builds apart made missing, as they are in the page until loaded; report those an import needs.
PROBE = """
import importlib, json, sys
apart = json.loads(sys.argv[1])
for name in apart:
    sys.modules[name] = None
needed = set()
for module in json.loads(sys.argv[2]):
    while True:
        try:
            importlib.import_module(module)
            break
        except ImportError as missing:
            name = getattr(missing, "name", None) or next((a for a in apart if repr(a) in str(missing)), None)
            if name == module:
                break  # not installed for the checks: the lock's own dependencies say what it needs
            if name not in apart or name in needed:
                raise
            needed.add(name)
            del sys.modules[name]
print(json.dumps(sorted(needed)))
"""


# Run in the browser-parity interpreter: validate the exercise's solution with the standard modules
# Pyodide builds apart made missing, and report the one it stops on. Importing a package is not
# always enough to tell: Django imports sqlite3 only when a query first opens the database.
RUN_PROBE = """
import json, re, sys
for name in json.loads(sys.argv[1]):
    sys.modules[name] = None
from pathlib import Path
from courseware.exercise import Exercise
from courseware.run_check import run
folder = Path(sys.argv[2])
outcome = run(Exercise.at(f"{folder.parent.name}/{folder.name}", folder.parent.parent), "corr")
halted = re.search(r"import of ([\\w.]+) halted; None in sys.modules", outcome.traceback)
print(json.dumps(halted and halted.group(1)))
"""


class Plan:
    def __init__(
        self, runtime: BrowserRuntime, requires_dist: Callable[[str, str], list[str]], python: Path | None = None
    ):
        """`requires_dist(name, version)` gives a pinned distribution's Requires-Dist lines; `python`,
        the browser-parity interpreter, tells which built-apart standard modules an import needs."""
        self.runtime = runtime
        self.requires_dist = requires_dist
        self.python = python or exercise_python()
        self.pins = {normalise(name): version for name, version in PINS.items()}

    def wanted(self, exercises: list[Exercise]) -> tuple[set[str], set[str]]:
        """(lock package names, pinned names) the exercises and Pyodide need, dependencies included."""
        lock, pins = set(), set()
        pending = list(ALWAYS_MIRRORED)
        for exercise in exercises:
            for module in exercise.imported_modules():
                try:
                    dist = self.runtime.resolve(module)
                except LookupError:
                    continue  # reported by the exercise's own tests
                if dist:
                    pending.append(dist.name)
            env = exercise.sections.get("env")
            if env is not None:  # a lock package env loads by name, such as Python's sqlite3 module
                pending.extend(pyodide_packages(env.source))
        while pending:
            name = normalise(pending.pop())
            if name in lock or name in pins:
                continue
            entry = self.lock_entry(name)
            if entry is not None:
                lock.add(entry[0])
                pending.extend(entry[1].get("depends", ()))
            elif name in self.pins:
                pins.add(name)
                for need in needed(self.requires_dist(name, self.pins[name]), BROWSER_MARKERS):
                    if self.lock_entry(need) is None and need not in self.pins:
                        raise UnpinnedNeed(
                            f"{name}=={self.pins[name]} needs {need}, which is neither pinned in "
                            "course_helpers/packages.py nor in Pyodide's lock: the browser would install its latest release"
                        )
                    pending.append(need)
        return lock, pins

    def offline_gap(self, exercise: Exercise) -> str | None:
        """Why this exercise cannot run in the offline browser tests (None: it can)."""
        lock, _ = self.wanted([exercise])
        missing = {
            name
            for name in lock
            if self.lock_entry(name)[1].get("package_type") == "cpython_module" and name not in STDLIB_STAND_INS
        }
        third_party = sorted({m.split(".")[0] for m in exercise.imported_modules() if self._third_party(m)})
        missing |= set(self.built_apart_needs(tuple(third_party)))
        env = exercise.sections.get("env")
        required = required_packages(env.source) if env else set()  # imported by name after require()
        if (third_party or required) and not missing:
            missing |= set(self.run_needs(str(exercise.folder)))
        missing = sorted(missing)
        if missing:
            return (
                f"needs Pyodide's own build of {', '.join(missing)}, which no registry reachable offline carries; "
                "run it online (BROWSER_ASSETS=online)"
            )
        return None

    def _third_party(self, module: str) -> bool:
        try:
            return self.runtime.resolve(module) is not None
        except LookupError:
            return False

    @functools.cache  # noqa: B019 - one Plan per session; the answer depends only on the modules
    def built_apart_needs(self, modules: tuple[str, ...]) -> list[str]:
        """Lock packages (such as "ssl") that importing `modules` needs in the page."""
        if not modules:
            return []
        apart = self._built_apart()
        done = subprocess.run(
            [str(self.python), "-c", PROBE, json.dumps(sorted(apart)), json.dumps(list(modules))],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return sorted({apart[module] for module in json.loads(done.stdout)})

    @functools.cache  # noqa: B019 - one Plan per session; the answer depends only on the exercise
    def run_needs(self, folder: str) -> list[str]:
        """Lock packages (such as "sqlite3") that running the exercise's solution needs in the page,
        beyond its imports."""
        apart = self._built_apart()
        needs: set[str] = set()
        while True:
            blocked = sorted(set(apart) - {m for m, name in apart.items() if name in needs})
            done = subprocess.run(
                [str(self.python), "-c", RUN_PROBE, json.dumps(blocked), folder],
                capture_output=True, text=True, check=True, cwd=PROJECT_ROOT,
            )  # fmt: skip
            module = json.loads(done.stdout.splitlines()[-1])
            if module is None or module.split(".")[0] not in apart or apart[module.split(".")[0]] in needs:
                return sorted(needs)
            needs.add(apart[module.split(".")[0]])

    def _built_apart(self) -> dict[str, str]:
        """Import name -> lock package, for the standard modules Pyodide builds apart."""
        return {
            module: name
            for name, entry in self.runtime.lock["packages"].items()
            if entry.get("package_type") == "cpython_module"
            for module in entry.get("imports", [name])
        }

    def lock_entry(self, name: str):
        """(key, entry) of Pyodide's lock for this distribution, or None."""
        packages = self.runtime.lock["packages"]
        for key in (name, normalise(name)):
            if key in packages:
                return key, packages[key]
        return None
