"""python -m tests.support.mirror: fill build/browser-mirror with what the exercises need offline."""

from __future__ import annotations

import sys

from courseware.browser_runtime import BrowserRuntime, readable_exercises
from tests.support.mirror.download import Downloads
from tests.support.mirror.plan import Plan


def main() -> int:
    downloads = Downloads()
    manifest = downloads.fill(Plan(BrowserRuntime(), downloads.requires_dist), readable_exercises())
    print(
        f"browser mirror: {len(manifest['lock'])} Pyodide lock wheels, {len(manifest['pins'])} micropip pins "
        f"in {downloads.folder}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
