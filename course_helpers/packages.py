"""Third-party packages that exercises install in the browser, pinned.

Pyodide ships some packages itself (its lock file fixes their versions: Jinja2, click,
MarkupSafe, pydantic...); the rest come from PyPI through micropip, which would take the
latest release. An exercise that needs one calls, in its `env` section:

    from course_helpers.packages import require
    await require("flask")

In the browser this installs the pinned version of the package and of each package it
needs, level by level, reading what each needs from its own metadata (Requires-Dist), as
pip would; and it loads the parts of the standard library that Pyodide builds separately
(`ssl`, `sqlite3`...) when importing an installed package fails for want of one. Under CPython (the test suite)
it walks the same metadata of what is installed. Either way, a needed package that is not
pinned here nor shipped by Pyodide, or a version other than the pin, is an error, never a
silent drift. The first call prints what it installs, so the learner sees why the first run
takes a few seconds; later calls install nothing.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import re
import sys

# Distribution name -> version, for what micropip takes from PyPI. The exercise environment of
# the test suite installs exactly these; what they need must be pinned here or be in Pyodide's lock.
PINS = {
    # Flask 3.1
    "flask": "3.1.3",
    "werkzeug": "3.1.9",
    "itsdangerous": "2.2.0",
    "blinker": "1.9.0",
    # Django 5.2 LTS
    "django": "5.2.19",
    "asgiref": "3.13.0",
    "sqlparse": "0.6.1",
    # FastAPI 0.115, the last line that supports pydantic 1 (Pyodide 0.25 ships pydantic 1.10.7)
    "fastapi": "0.115.14",
    "starlette": "0.46.2",
    "anyio": "4.9.0",
    "sniffio": "1.3.1",
    "typing-extensions": "4.12.2",  # FastAPI needs 4.8 or later; Pyodide's lock has 4.7.1
    # Hypothesis: its last release with a pure-Python wheel (later ones ship compiled wheels only)
    "hypothesis": "6.155.7",
    "sortedcontainers": "2.4.0",
}


class PackageError(RuntimeError):
    """A package that cannot be installed or checked as pinned; the message says which and why."""


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them: 'Flask_Login' and 'flask-login' are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


# How the browser's Python describes itself to environment markers (PEP 508).
BROWSER_MARKERS = {"sys_platform": "emscripten", "platform_system": "Emscripten", "python_version": "3.11"}


def needed(requires_dist: list[str] | None, environment: dict | None = None) -> list[str]:
    """The names a package's Requires-Dist lines ask for: no extras, markers evaluated for this
    interpreter or the given `environment` (e.g. BROWSER_MARKERS, from outside the browser)."""
    from packaging.requirements import Requirement

    names = []
    for line in requires_dist or ():
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": "", **(environment or {})}):
            continue
        names.append(normalise(requirement.name))
    return names


def _pinned(name: str) -> str | None:
    return next((version for pin, version in PINS.items() if normalise(pin) == normalise(name)), None)


def _installed_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


async def require(*names):
    """Install (browser) or check (CPython) the pinned packages `names` and all they need."""
    unknown = [name for name in names if _pinned(name) is None]
    if unknown:
        raise PackageError(
            f"{', '.join(unknown)} not pinned in course_helpers.packages.PINS; pinned: {', '.join(PINS)}"
        )
    in_browser = sys.platform == "emscripten"
    if in_browser:
        import pyodide_js  # the page's Pyodide: micropip and its `packaging` are in its lock

        if "micropip" not in sys.modules:
            await pyodide_js.loadPackage("micropip")
        import micropip

        lock = pyodide_js._api.repodata_packages.to_py()
        in_lock = {normalise(name) for name in lock}
        # Standard modules Pyodide builds apart (ssl, sqlite3...): import name -> lock package.
        built_apart = {
            module: name for name, entry in lock.items() if entry.get("package_type") == "cpython_module"
            for module in entry.get("imports", [name])
        }  # fmt: skip
    seen: set[str] = set()
    level = [normalise(name) for name in names]
    while level:
        pinned = [name for name in level if _pinned(name) is not None and name not in seen]
        shipped = [name for name in level if _pinned(name) is None and name not in seen]
        seen.update(level)
        unpinned = [name for name in shipped if in_browser and name not in in_lock]
        if unpinned:
            raise PackageError(
                f"{', '.join(unpinned)} needed by {', '.join(names)}, but neither pinned in "
                "course_helpers.packages.PINS nor shipped with Pyodide: pin it"
            )
        if in_browser:
            # Pins from PyPI without their dependencies (their versions are ours to choose);
            # what Pyodide ships, from its lock (micropip knows the lock's versions). What is
            # already there is not asked for again: the next Run of the page is instant.
            missing_pins = [name for name in pinned if _installed_version(name) != _pinned(name)]
            if missing_pins:
                print(f"Installing {', '.join(f'{n} {_pinned(n)}' for n in missing_pins)} (first run only)...")
                await micropip.install([f"{name}=={_pinned(name)}" for name in missing_pins], deps=False)
            missing_shipped = [name for name in shipped if _installed_version(name) is None]
            if missing_shipped:
                await micropip.install(missing_shipped)
        wrong = {name: _installed_version(name) for name in pinned if _installed_version(name) != _pinned(name)}
        if wrong:
            expected = ", ".join(f"{name}=={_pinned(name)}" for name in wrong)
            raise PackageError(f"expected {expected}; found {wrong}")
        missing = [name for name in shipped if _installed_version(name) is None]
        if missing:
            raise PackageError(f"{', '.join(missing)} needed by {', '.join(names)} but not installed: run make test")
        # The next level: what the pinned ones need (what Pyodide ships comes with its own needs).
        level = sorted({need for name in pinned for need in needed(importlib.metadata.requires(name))} - seen)
    loaded: set[str] = set()
    for name in names:  # imported now, so the page does not install it again
        while True:
            try:
                importlib.import_module(name)
                break
            except ModuleNotFoundError as missing:
                # A standard module Pyodide builds apart (AnyIO imports ssl): load it, then again.
                if not in_browser or missing.name not in built_apart or missing.name in loaded:
                    raise
                loaded.add(missing.name)
                print(f"Loading Python's {missing.name} module (first run only)...")
                await pyodide_js.loadPackage(built_apart[missing.name])


async def load_from_pyodide(package: str, module: str, what: str) -> None:
    """In the page: load one of Pyodide's own packages (`package`, with what its lock says it
    needs) unless `module` imports already, telling the learner what takes the time. Pyodide
    reports a package it could not fetch on the console only: a module still missing afterwards
    is an error that says so. Under CPython, nothing to load."""
    if sys.platform != "emscripten":
        return
    try:
        importlib.import_module(module)
        return
    except ModuleNotFoundError:
        pass
    import pyodide_js

    print(f"Loading {what} (first run only)...")
    await pyodide_js.loadPackage(package)
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as missing:
        raise RuntimeError(
            f"The page could not load {what} from Pyodide's servers: check the network connection, then run again."
        ) from missing


def import_after_require(module: str, *names: str):
    """`from module import a, b` for an env section, once require() has installed the package:
    `a, b = import_after_require("module", "a", "b")` (with no names: the module itself).

    The page installs, before it runs a section, every package that the section's import
    statements name; for env, that would be PyPI's latest release, before require() installs
    the pin. An import by name is not seen there."""
    imported = importlib.import_module(module)
    found = []
    for name in names:
        try:
            found.append(getattr(imported, name))
        except AttributeError:  # a submodule not imported yet, as `from package import submodule` allows
            found.append(importlib.import_module(f"{module}.{name}"))
    if not names:
        return imported
    return found[0] if len(found) == 1 else tuple(found)


__all__ = [
    "BROWSER_MARKERS",
    "PINS",
    "PackageError",
    "import_after_require",
    "load_from_pyodide",
    "needed",
    "normalise",
    "require",
]
