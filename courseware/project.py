"""Facts about the project that several tools need, each read from the one file that states it.

- pyproject.toml, [tool.course]: where the two Python environments live (the Makefile reads it too);
- mkdocs.yml: what a build reads (docs_dir and the `watch` list) and the packages PMT ships to
  the browser (`python_libs`).

Standard library only, but for mkdocs.yml, which needs PyYAML (the site environment has it).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@cache
def setting(name: str) -> str:
    """A value of pyproject.toml's [tool.course] table."""
    with open(PROJECT_ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["course"][name]


def exercise_python() -> Path:
    """The interpreter of the environment that mirrors the browser (make exercise-env builds it)."""
    return PROJECT_ROOT / setting("exercise-venv") / "bin" / "python"


@cache
def mkdocs_config(path: Path = PROJECT_ROOT / "mkdocs.yml") -> dict:
    """mkdocs.yml as data; its tags (!ENV, !!python/name) read as None: only plain values are used."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    with open(path, encoding="utf-8") as file:
        return yaml.load(file, Loader=Loader)


def build_inputs() -> list[str]:
    """What a build of the site reads, relative to the project: mkdocs.yml, the docs and each watched path."""
    config = mkdocs_config()
    return ["mkdocs.yml", config.get("docs_dir", "docs"), *config["watch"]]


def python_libs() -> tuple[str, ...]:
    """The import names of the packages PMT ships to the browser (pyodide_macros.build.python_libs)."""
    for plugin in mkdocs_config()["plugins"]:
        if isinstance(plugin, dict) and "pyodide_macros" in plugin:
            return tuple(Path(lib).name for lib in plugin["pyodide_macros"]["build"]["python_libs"])
    raise LookupError("mkdocs.yml has no pyodide_macros plugin with build.python_libs")
