"""What the learner's browser can import, and at which version.

Everything here is read from the files Pyodide itself ships (npm package pyodide, pinned in
package.json): its lock file for packages, its standard-library archive and its WebAssembly
binary for the standard library. Only the packages micropip fetches from PyPI are pinned by
us, in course_helpers/packages.py (the browser reads the same file).

    python -m courseware.browser_runtime requirements   # pip lines for the exercise environment
    python -m courseware.browser_runtime constraints    # every package at the browser's version
"""

from __future__ import annotations

import ast
import json
import re
import sys
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from course_helpers import packages
from courseware.exercise import Exercise, ExerciseError, discover_slugs, imported_modules
from courseware.project import PROJECT_ROOT, python_libs

PYODIDE_DIR = PROJECT_ROOT / "node_modules" / "pyodide"

# What the exercise environment needs under CPython and the browser does without, pinned so that
# it is rebuilt the same every time: SQLAlchemy's CPython wheels ask for greenlet (for its asyncio
# support); Pyodide's build of SQLAlchemy has no such need.
CPYTHON_ONLY_PINS = {"greenlet": "3.5.6"}

# Modules that import in Pyodide but cannot work there (see the PMT notes): an exercise
# that needs one would pass under CPython and break in the learner's page.
UNUSABLE_IN_BROWSER = {
    "threading": "the browser's Python has no threads",
    "_thread": "the browser's Python has no threads",
    "socket": "the browser's Python cannot open sockets",
    "socketserver": "the browser's Python cannot open sockets",
    "wsgiref.simple_server": "it starts a socket server, which the browser cannot run",
    "http.server": "it starts a socket server, which the browser cannot run",
    "subprocess": "the browser cannot start processes",
    "multiprocessing": "the browser cannot start processes",
    "concurrent.futures": "it needs threads or processes",
}
# Calls that fail in the page: Pyodide already runs an event loop there.
UNUSABLE_CALLS = {
    "asyncio.run": "Pyodide's event loop is already running in the page; drive the coroutine with the helper in env",
    "run_until_complete": "Pyodide's event loop is already running in the page; drive the coroutine with the helper in env",
}
# Modules Pyodide registers when it starts: the bridges to JavaScript and to itself.
PYODIDE_BRIDGES = {"js", "pyodide_js"}
# Part of every CPython interpreter core, so absent from the archive and the PyInit table.
INTERPRETER_CORE = {
    "sys",
    "builtins",
    "marshal",
    "_imp",
    "_warnings",
    "_io",
    "_frozen_importlib",
    "_frozen_importlib_external",
}


class RuntimeSetupError(Exception):
    pass


@dataclass(frozen=True)
class Distribution:
    name: str  # the distribution name pip knows it by
    version: str
    source: str  # "pyodide-lock" or "micropip-pin"
    depends: tuple[str, ...] = ()


class BrowserRuntime:
    def __init__(self, pyodide_dir: Path = PYODIDE_DIR, micropip_pins: dict[str, str] = packages.PINS):
        self.pyodide_dir = pyodide_dir
        self.micropip_pins = micropip_pins
        if not (pyodide_dir / "pyodide-lock.json").is_file():
            raise RuntimeSetupError(f"{pyodide_dir}/pyodide-lock.json is missing: run `npm ci` (make test does it)")

    @cached_property
    def lock(self) -> dict:
        return json.loads((self.pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))

    @property
    def python_version(self) -> str:
        """Major.minor of the browser's Python, e.g. '3.11'."""
        return ".".join(self.lock["info"]["python"].split(".")[:2])

    @cached_property
    def stdlib(self) -> set[str]:
        """Top-level standard-library modules the browser has without loading anything."""
        with zipfile.ZipFile(self.pyodide_dir / "python_stdlib.zip") as archive:
            names = {n.split("/")[0].removesuffix(".py") for n in archive.namelist()}
        binary = (self.pyodide_dir / "pyodide.asm.wasm").read_bytes()
        builtins = {m.decode() for m in re.findall(rb"PyInit_([A-Za-z0-9_]+)", binary)}
        return names | builtins | INTERPRETER_CORE | PYODIDE_BRIDGES

    @cached_property
    def packages_by_import(self) -> dict[str, Distribution]:
        """Import name -> distribution, for Pyodide's lock and our micropip pins."""
        found: dict[str, Distribution] = {}
        for name, entry in self.lock["packages"].items():
            dist = self._lock_dist(name)
            for module in entry.get("imports", ()):
                found[module] = dist
        for name, version in self.micropip_pins.items():
            # Pure-Python packages are imported under their normalised distribution name.
            found[name.lower().replace("-", "_")] = Distribution(name, version, "micropip-pin")
        return found

    def resolve(self, module: str) -> Distribution | None:
        """The distribution providing `module`; None for the standard library and our python_libs."""
        top = module.split(".")[0]
        if top in python_libs():
            return None
        if top in self.packages_by_import:
            return self.packages_by_import[top]
        if top in self.stdlib:
            return None
        raise LookupError(
            f"module {module!r} does not exist in the browser (Pyodide {self.lock['info']['version']}): "
            "not in its standard library, not in its lock file, not pinned in course_helpers/packages.py"
        )

    def problems(self, exercise: Exercise) -> list[str]:
        """Why this exercise could not run as-is in the learner's browser (empty: it can)."""
        found = self.source_problems(exercise.slug, exercise.imported_modules(), exercise.sources)
        env = exercise.sections.get("env")
        required = required_packages(env.source) if env else set()
        for module in sorted({m.split(".")[0] for m in exercise.imported_modules()}):
            dist = self.packages_by_import.get(module)
            if dist and dist.source == "micropip-pin" and dist.name not in required:
                found.append(
                    f"{exercise.slug} imports {module}, which the browser would install at its latest version: "
                    f"add `await require({dist.name!r})` (from course_helpers.packages) to the env section"
                )
        # PMT installs what a section's import statements name before it runs the section (it
        # reads them with pyodide.code.find_imports): for env, that is before require() installs
        # the pin, so PyPI's latest release would arrive first.
        for module in sorted({m.split(".")[0] for m in imported_modules([env.source])} if env else ()):
            dist = self.packages_by_import.get(module)
            if dist and dist.source == "micropip-pin":
                found.append(
                    f"{exercise.slug}: env imports {module} with an import statement, so the page installs the "
                    f"latest {dist.name} before env runs require(): import it by name after require(), "
                    "with course_helpers.packages.import_after_require (`models = import_after_require('django.db', "
                    "'models')`)"
                )
        return found

    def source_problems(self, owner: str, modules: set[str], sources: list[str]) -> list[str]:
        found = []
        for module in sorted(modules):
            reason = UNUSABLE_IN_BROWSER.get(module) or UNUSABLE_IN_BROWSER.get(module.split(".")[0])
            if reason:
                found.append(f"{owner} imports {module}: {reason}")
                continue
            try:
                self.resolve(module)
            except LookupError as error:
                # `from package import name` may name an attribute, not a module: judge the package.
                if "." in module and self._parent_resolves(module):
                    continue
                found.append(f"{owner}: {error}")
        called = {
            ast.unparse(node.func)
            for source in sources
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call)
        }
        for call, reason in UNUSABLE_CALLS.items():
            if any(name == call or name.endswith("." + call) for name in called):
                found.append(f"{owner} calls {call}(): {reason}")
        return found

    def _parent_resolves(self, module: str) -> bool:
        try:
            self.resolve(module.rsplit(".", 1)[0])
            return True
        except LookupError:
            return False

    def constraints(self) -> list[str]:
        """pip constraints: every package at the browser's version (lock and pins), so that what
        an exercise's packages pull in is installed at the browser's version too."""
        pinned = {packages.normalise(name) for name in self.micropip_pins}
        lines = [
            f"{e['name']}=={e['version']}"
            for e in self.lock["packages"].values()
            if e.get("package_type") != "cpython_module" and packages.normalise(e["name"]) not in pinned
        ]  # a pin takes the place of the lock's version (typing-extensions: FastAPI needs a newer one)
        pins = self.micropip_pins | CPYTHON_ONLY_PINS
        return sorted(lines + [f"{name}=={version}" for name, version in pins.items()])

    def requirements(self, exercises: list[Exercise]) -> list[str]:
        """pip requirement lines giving CPython the browser's version of every package the
        exercises and our python_libs import."""
        wanted: dict[str, Distribution] = {}
        pending = []
        modules = set().union(*(e.imported_modules() for e in exercises), imported_modules(python_libs_sources()))
        for module in {m.split(".")[0] for m in modules}:
            try:
                pending.append(self.resolve(module))
            except LookupError:
                continue  # reported by problems(); nothing to install for it
        while pending:
            dist = pending.pop()
            if dist is None or dist.source == "pyodide-stdlib" or dist.name in wanted:
                continue
            wanted[dist.name] = dist
            pending.extend(self._pin_or_lock_dist(dep) for dep in dist.depends)
        return [f"{d.name}=={d.version}" for d in sorted(wanted.values(), key=lambda d: d.name)]

    def _pin_or_lock_dist(self, name: str) -> Distribution:
        """A dependency of a lock package: at our pin if we pin it (it replaces the lock's version)."""
        pinned = {packages.normalise(pin): (pin, version) for pin, version in self.micropip_pins.items()}
        if packages.normalise(name) in pinned:
            return Distribution(*pinned[packages.normalise(name)], "micropip-pin")
        return self._lock_dist(name)

    def _lock_dist(self, name: str) -> Distribution:
        entry = self.lock["packages"][name]
        source = "pyodide-stdlib" if entry.get("package_type") == "cpython_module" else "pyodide-lock"
        return Distribution(name, entry["version"], source, tuple(entry.get("depends", ())))


def required_packages(source: str) -> set[str]:
    """Names passed to require(...) calls in this source."""
    return {
        arg.value
        for node in _calls(source, "require")
        for arg in node.args
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    }


def pyodide_packages(source: str) -> set[str]:
    """The packages of Pyodide's lock that this source loads by name, load_from_pyodide("sqlite3", ...):
    its first argument."""
    return {
        node.args[0].value
        for node in _calls(source, "load_from_pyodide")
        if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
    }


def _calls(source: str, function: str) -> list[ast.Call]:
    """Every call of `function` in this source, by its last name: `packages.require` counts, and so does
    `_require` (the checks' names carry a leading underscore: CONTRIBUTING.md, 'one namespace')."""
    return [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1].lstrip("_") == function
    ]


def python_libs_sources() -> list[str]:
    """The Python source of every package PMT ships to the browser."""
    return [
        path.read_text(encoding="utf-8") for lib in python_libs() for path in sorted((PROJECT_ROOT / lib).rglob("*.py"))
    ]


def readable_exercises(report=lambda problem: print(problem, file=sys.stderr)) -> list[Exercise]:
    """Every exercise whose files can be read; a broken one is reported and left out, so that
    the environments still build and the test suite can name it (its format test fails)."""
    found = []
    for slug in discover_slugs():
        exercise = Exercise.at(slug)
        try:
            exercise.imported_modules()
        except ExerciseError as error:
            report(f"skipped, until it is fixed: {error}")
            continue
        found.append(exercise)
    return found


def main(argv: list[str]) -> int:
    if argv not in (["requirements"], ["constraints"]):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        runtime = BrowserRuntime()
        lines = runtime.requirements(readable_exercises()) if argv == ["requirements"] else runtime.constraints()
    except (RuntimeSetupError, ExerciseError) as error:
        print(f"browser_runtime: {error}", file=sys.stderr)
        return 1
    print(
        f"# Generated by `python -m courseware.browser_runtime {argv[0]}` for Pyodide {runtime.lock['info']['version']}"
    )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
