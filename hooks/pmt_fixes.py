"""MkDocs hook: small corrections to pyodide-mkdocs-theme's scripts, applied to the built site.

Each fix names the exact text it replaces and fails the build when that text is gone (a new
PMT release): then read the new code and decide whether the fix is still needed.

- PMT subscribes its MathJax updates once MathJax *and* Pyodide are ready, and gives up after
  50 tries 200 ms apart, throwing "Impossible to subscribe to MathJax in time". Pyodide takes
  longer than 10 s to start on a slow phone or a busy machine; the page then logs that error.
  Two minutes is a wait that a working page always meets.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

FIXES = {
    "js-scripts/subscriptions.js": [
        ("maxTries: 50,   // because some useless reschedule before pyodide actually starts", "maxTries: 600,"),
    ],
}


def on_post_build(config):
    site = Path(config["site_dir"])
    for relative, replacements in FIXES.items():
        path = site / relative
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            if old not in text:
                raise PluginError(
                    f"hooks/pmt_fixes.py: {relative} no longer holds {old!r}: check the fix against this PMT"
                )
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
