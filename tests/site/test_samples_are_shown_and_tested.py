"""Every chapter sample is shown by a page and driven by a test of its own."""

from __future__ import annotations

import ast
import re

import pytest

from courseware.project import PROJECT_ROOT

SAMPLES = sorted(p for p in (PROJECT_ROOT / "samples").rglob("*.py") if p.name != "__init__.py")
SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']?([^"'\s]+)["']?\s*$""", re.M)


def included_files() -> set[str]:
    return {
        m for page in (PROJECT_ROOT / "docs").rglob("*.md") for m in SNIPPET.findall(page.read_text(encoding="utf-8"))
    }


def imported_modules(path) -> set[str]:
    """The modules a file imports, by the import statements themselves (not comments or strings)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif (  # importlib.import_module("samples...0001_initial"): a migration's name starts with a digit
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def test_there_are_samples():
    assert SAMPLES, "no sample under samples/"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.relative_to(PROJECT_ROOT).as_posix())
def test_sample_is_shown_in_a_page(sample):
    path = sample.relative_to(PROJECT_ROOT).as_posix()
    assert path in included_files(), f'{path} is not included by any page (--8<-- "{path}"); show it or remove it'


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.relative_to(PROJECT_ROOT).as_posix())
def test_sample_has_its_own_test(sample):
    relative = sample.relative_to(PROJECT_ROOT / "samples")
    test_file = PROJECT_ROOT / "tests" / "samples" / relative.parent / f"test_{relative.name}"
    assert test_file.is_file(), f"{sample.name} has no test: expected {test_file.relative_to(PROJECT_ROOT)}"
    module = "samples." + ".".join(relative.with_suffix("").parts)
    assert module in imported_modules(test_file), (
        f"{test_file.relative_to(PROJECT_ROOT)} does not import {module}, the sample it is named after"
    )


def test_a_mention_in_a_comment_or_string_is_not_an_import(tmp_path):
    test_file = tmp_path / "test_sample.py"
    test_file.write_text(
        '"""Drives samples.routing.flask_blueprints."""\n# from samples.routing import flask_blueprints\nimport os\n'
    )
    assert imported_modules(test_file) == {"os"}


def test_a_module_named_in_import_module_is_imported(tmp_path):
    """A Django migration's module name starts with a digit: its test imports it with import_module."""
    test_file = tmp_path / "test_sample.py"
    test_file.write_text(
        'import importlib\nmigration = importlib.import_module("samples.shop.migrations.0001_initial")\n'
    )
    assert imported_modules(test_file) == {"importlib", "samples.shop.migrations.0001_initial"}
