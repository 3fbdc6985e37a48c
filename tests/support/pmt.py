"""What pyodide-mkdocs-theme (PMT) loads from the CDN, read from the installed theme itself.

PMT pins each library it loads by version in its own files (Pyodide in its runner script,
ace-builds and jquery.terminal in their loaders, jQuery, lodash and MathJax in its dependency
table). Reading them there keeps one source for each version: package.json must follow them
(tests/browser/test_mirror.py checks it), and the browser tests allow exactly these.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyodide_mkdocs_theme

CDN = "https://cdn.jsdelivr.net"
PMT_DIR = Path(pyodide_mkdocs_theme.__file__).parent
_CDN_URL = re.compile(r"https://cdn\.jsdelivr\.net/[^\s\"'`)]+")
_PYODIDE = re.compile(r"^https://cdn\.jsdelivr\.net/pyodide/v(?P<version>[^/]+)/full/")
_NPM = re.compile(r"^https://cdn\.jsdelivr\.net/npm/(?P<name>(?:@[^/]+/)?[^@/]+)@(?P<version>[^/]+)")


@cache
def cdn_urls() -> tuple[str, ...]:
    """Every CDN address written in PMT's scripts and Python code."""
    found = set()
    for path in PMT_DIR.rglob("*"):
        if path.suffix in (".js", ".py", ".html") and path.is_file():
            found.update(_CDN_URL.findall(path.read_text(encoding="utf-8", errors="replace")))
    return tuple(sorted(found))


@cache
def pyodide_version() -> str:
    versions = {m["version"] for url in cdn_urls() if (m := _PYODIDE.match(url))}
    if len(versions) != 1:
        raise LookupError(f"expected PMT to load one Pyodide version from the CDN, found {sorted(versions) or 'none'}")
    return versions.pop()


def pyodide_cdn() -> str:
    """Where PMT loads Pyodide from, e.g. https://cdn.jsdelivr.net/pyodide/v0.25.0/full/."""
    return f"{CDN}/pyodide/v{pyodide_version()}/full/"


@cache
def npm_packages() -> dict[str, str]:
    """npm package -> the version (or range, like MathJax's '3') PMT loads from the CDN."""
    return {m["name"]: m["version"] for url in cdn_urls() if (m := _NPM.match(url))}


def allowed_prefixes() -> tuple[str, ...]:
    """The CDN addresses a page may ask for: Pyodide's folder and each npm package at PMT's version."""
    return (pyodide_cdn(), *(f"{CDN}/npm/{name}@{version}" for name, version in sorted(npm_packages().items())))
