"""require(): pinned packages installed level by level from their own metadata, never a silent drift.

In the browser it drives micropip; here a stand-in micropip and Pyodide record what it asks
for, over a small world of fake distributions.
"""

from __future__ import annotations

import importlib.metadata
import sys
import types

import pytest

from course_helpers import packages
from course_helpers.packages import PackageError, needed, normalise, require
from tests.support.asyncio_thread import run

# name -> (version installed, Requires-Dist lines)
WORLD = {
    "flask": ("3.1.3", ["Werkzeug>=3.1", "Jinja2>=3.1.2", "click>=8.1.3", 'asgiref>=3.2; extra == "async"']),
    "werkzeug": ("3.1.9", ["MarkupSafe>=2.1.1"]),
    "jinja2": ("3.1.2", ["MarkupSafe>=2.0"]),
    "click": ("8.1.7", ['colorama; platform_system == "Windows"']),
    "markupsafe": ("2.1.3", []),
}
PINS = {"flask": "3.1.3", "werkzeug": "3.1.9"}
LOCK = ["jinja2", "click", "markupsafe", "micropip", "packaging"]


@pytest.fixture
def world(monkeypatch):
    """Fake metadata for WORLD; importing any of its names works."""
    installed = dict(WORLD)

    def version(name):
        if normalise(name) not in installed:
            raise importlib.metadata.PackageNotFoundError(name)
        return installed[normalise(name)][0]

    monkeypatch.setattr(packages, "PINS", PINS)
    monkeypatch.setattr(importlib.metadata, "version", version)
    monkeypatch.setattr(importlib.metadata, "requires", lambda name: installed[normalise(name)][1])
    monkeypatch.setattr(packages.importlib, "import_module", lambda name: types.ModuleType(name))
    return installed


@pytest.fixture
def browser(monkeypatch, world):
    """sys.platform as in Pyodide, with stand-ins for pyodide_js and micropip that record each install.
    Nothing of WORLD is installed at first: micropip.install installs it."""
    calls = []
    world.clear()

    async def install(requirements, deps=True, **options):
        calls.append((sorted(requirements), deps))
        for requirement in requirements:
            name = normalise(requirement.split("==")[0])
            world[name] = WORLD[name]

    async def load_package(name):
        calls.append(("loadPackage", name))

    entries = {name: {} for name in LOCK} | {"ssl": {"package_type": "cpython_module", "imports": ["ssl", "_ssl"]}}
    lock = types.SimpleNamespace(to_py=lambda: entries)
    pyodide_js = types.SimpleNamespace(loadPackage=load_package, _api=types.SimpleNamespace(repodata_packages=lock))
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setitem(sys.modules, "pyodide_js", pyodide_js)
    monkeypatch.setitem(sys.modules, "micropip", types.SimpleNamespace(install=install))
    return calls


def test_in_the_browser_each_level_is_installed_from_the_metadata_of_the_one_before(browser):
    run(require("flask"))
    assert browser == [
        (["flask==3.1.3"], False),  # pins without their dependencies: their versions are ours
        (["werkzeug==3.1.9"], False),
        (["click", "jinja2"], True),  # what Pyodide ships, at its lock's versions
        (["markupsafe"], True),
    ]


def test_a_second_require_installs_nothing(browser):
    run(require("flask"))
    browser.clear()
    run(require("flask"))
    assert browser == [], "what is installed is not asked for again"


def test_a_need_neither_pinned_nor_shipped_is_refused_before_anything_installs_it(browser, world, monkeypatch):
    monkeypatch.setitem(WORLD, "werkzeug", ("3.1.9", ["MarkupSafe>=2.1.1", "shiny-new-thing>=1"]))
    with pytest.raises(PackageError, match="shiny-new-thing needed by flask, but neither pinned"):
        run(require("flask"))
    assert (["shiny-new-thing"], True) not in browser


def test_a_pin_installed_at_another_version_is_an_error(world):
    world["werkzeug"] = ("3.2.0", ["MarkupSafe>=2.1.1"])
    with pytest.raises(PackageError, match=r"expected werkzeug==3\.1\.9; found \{'werkzeug': '3\.2\.0'\}"):
        run(require("flask"))


def test_under_cpython_the_same_walk_checks_what_is_installed(world):
    run(require("flask"))  # no error: every pin at its version, every need installed
    del world["markupsafe"]
    with pytest.raises(PackageError, match="markupsafe needed by flask but not installed"):
        run(require("flask"))


def test_an_unpinned_package_is_refused_by_name(world):
    with pytest.raises(PackageError, match="django not pinned"):
        run(require("django"))


@pytest.mark.parametrize(
    ("lines", "environment", "names"),
    [
        (["Werkzeug>=3.1", 'asgiref>=3.2; extra == "async"'], None, ["werkzeug"]),
        (['tzdata; sys_platform == "win32"', "sqlparse>=0.3.1"], packages.BROWSER_MARKERS, ["sqlparse"]),
        (['importlib-metadata>=3.6; python_version < "3.10"'], packages.BROWSER_MARKERS, []),
        (["Typing_Extensions>=4.8"], None, ["typing-extensions"]),
        (None, None, []),
    ],
)
def test_needed_reads_requires_dist_as_pip_would(lines, environment, names):
    assert needed(lines, environment) == names


def test_a_standard_module_pyodide_builds_apart_is_loaded_when_an_import_needs_it(browser, monkeypatch):
    """AnyIO imports ssl, which Pyodide ships apart: the first import fails, ssl is loaded, then it works."""
    attempts = []

    def import_module(name):
        attempts.append(name)
        if len(attempts) == 1:
            raise ModuleNotFoundError("No module named 'ssl'", name="ssl")
        return types.ModuleType(name)

    monkeypatch.setattr(packages.importlib, "import_module", import_module)
    run(require("flask"))
    assert ("loadPackage", "ssl") in browser and attempts == ["flask", "flask"]


def test_a_missing_module_that_is_not_built_apart_is_an_error(browser, monkeypatch):
    def import_module(name):
        raise ModuleNotFoundError("No module named 'nowhere'", name="nowhere")

    monkeypatch.setattr(packages.importlib, "import_module", import_module)
    with pytest.raises(ModuleNotFoundError, match="nowhere"):
        run(require("flask"))


def test_import_after_require_is_a_from_import_by_name():
    from course_helpers.packages import import_after_require

    assert import_after_require("json") is __import__("json")
    assert import_after_require("os", "path") is __import__("os").path
    dumps, loads = import_after_require("json", "dumps", "loads")
    assert loads(dumps({"a": 1})) == {"a": 1}
    assert import_after_require("xml", "dom").__name__ == "xml.dom"  # a submodule not imported yet
