"""What the mirror must hold: the distributions the exercises need in the browser, and which of
them no registry reachable offline can give."""

from __future__ import annotations

from collections.abc import Callable

from course_helpers.packages import BROWSER_MARKERS, PINS, needed, normalise
from courseware.browser_runtime import BrowserRuntime
from courseware.exercise import Exercise

# Pyodide loads micropip itself before installing anything from PyPI.
ALWAYS_MIRRORED = ("micropip",)


class UnpinnedNeed(LookupError):
    """A pinned package needs one that is neither pinned nor in Pyodide's lock."""


class Plan:
    def __init__(self, runtime: BrowserRuntime, requires_dist: Callable[[str, str], list[str]]):
        """`requires_dist(name, version)` gives a pinned distribution's Requires-Dist lines."""
        self.runtime = runtime
        self.requires_dist = requires_dist
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
        missing = sorted(name for name in lock if self.lock_entry(name)[1].get("package_type") == "cpython_module")
        if missing:
            return (
                f"needs Pyodide's own build of {', '.join(missing)}, which no registry reachable offline carries; "
                "run it online (BROWSER_ASSETS=online)"
            )
        return None

    def lock_entry(self, name: str):
        """(key, entry) of Pyodide's lock for this distribution, or None."""
        packages = self.runtime.lock["packages"]
        for key in (name, normalise(name)):
            if key in packages:
                return key, packages[key]
        return None
