"""`make serve`: mkdocs serve, with only what an author can act on, and the address last.

MkDocs, Material and PMT print about 85 lines before the address: end-of-life banners, PMT's
step-by-step log and its project-id notice on every build. Here the banners are not printed
(they are about the tools, not the course), plugins' INFO lines are dropped, and every warning
and error is kept. Once the first build is served, the address is printed last, on its own.

    python -m courseware.serve [--dev-addr HOST:PORT]
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from courseware.project import PROJECT_ROOT

# INFO lines worth seeing while editing: a rebuild starting and ending.
KEPT_INFO = ("Building documentation", "Documentation built", "Detected file changes", "Reloading browsers")


class AuthorsView(logging.Filter):
    """Keep warnings, errors and the few INFO lines above; turn 'Serving on' into the closing banner."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        message = record.getMessage()
        if "Serving on " in message:
            address = message.split("Serving on ", 1)[1].strip()
            print(_banner(address), file=sys.stderr, flush=True)
            return False
        return message.startswith(KEPT_INFO)


def _banner(address: str) -> str:
    line = "-" * (len(address) + 4)
    return (
        f"\n  {line}\n  The course is served at\n    {address}\n  {line}\n"
        "  It rebuilds when you save a file under docs/, exercises/, samples/ and the build code.\n"
        f"  For authors: {address}test_ides/ runs every exercise; {address}playground/ edits one live.\n"
        "  Stop with Ctrl+C.\n"
    )


def main(argv: list[str]) -> int:
    os.chdir(PROJECT_ROOT)
    # Material prints its end-of-life notice unless this is set; PMT prints its own when importing,
    # whatever the variable holds once Material has set it: import it here, its notice discarded.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with contextlib.redirect_stderr(io.StringIO()):
        import pyodide_mkdocs_theme.pyodide_macros.plugin  # noqa: F401

    from mkdocs.__main__ import ColorFormatter
    from mkdocs.commands.serve import serve

    # The logging `mkdocs serve` sets up, with the filter on its one handler.
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    handler.addFilter(AuthorsView())
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    dev_addr = argv[argv.index("--dev-addr") + 1] if "--dev-addr" in argv else "127.0.0.1:8000"
    serve(config_file=str(PROJECT_ROOT / "mkdocs.yml"), dev_addr=dev_addr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
