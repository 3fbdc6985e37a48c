"""Third-party packages that exercises install in the browser, pinned.

Pyodide ships some packages itself (its lock file fixes their versions: Jinja2, click,
MarkupSafe, ...); the rest come from PyPI through micropip, which would take the latest
release. An exercise that needs one calls, in its `env` section:

    from course_helpers.packages import require
    await require("flask")

In the browser this installs the pinned versions and checks what was installed; under
CPython (the test suite) it checks that the installed versions are the same pins. Either
way, a different version is an error, not a silent drift.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import sys

# Distribution name -> version. The exercise environment of the test suite installs exactly these.
PINS = {
    "flask": "3.1.3",
    "werkzeug": "3.1.9",
    "itsdangerous": "2.2.0",
    "blinker": "1.9.0",
}
# What each one needs from PyPI (what it needs from Pyodide's lock, Pyodide provides).
NEEDS = {
    "flask": ("werkzeug", "itsdangerous", "blinker"),
}


def _with_needs(names):
    wanted = []
    for name in names:
        if name not in PINS:
            raise ValueError(f"{name!r} is not pinned in course_helpers.packages.PINS; pinned: {', '.join(PINS)}")
        for item in (name, *NEEDS.get(name, ())):
            if item not in wanted:
                wanted.append(item)
    return wanted


async def require(*names):
    """Install (browser) or check (CPython) the pinned packages `names` and what they need."""
    wanted = _with_needs(names)
    if sys.platform == "emscripten":
        import pyodide_js  # the page's Pyodide: micropip is in its lock, loaded on demand

        await pyodide_js.loadPackage("micropip")
        import micropip

        await micropip.install([f"{name}=={PINS[name]}" for name in wanted])
    wrong = {}
    for name in wanted:
        try:
            found = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found = None
        if found != PINS[name]:
            wrong[name] = found
    if wrong:
        raise RuntimeError(f"expected {', '.join(f'{n}=={PINS[n]}' for n in wrong)}; found {wrong}")
    for name in names:
        importlib.import_module(name)  # imported now, so the page does not install it again
