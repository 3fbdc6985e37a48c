"""What the browser tests allow a page to do, and how they record what it did."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tests.support import pmt

ONLINE = os.environ.get("BROWSER_ASSETS", "offline") == "online"
IN_CI = os.environ.get("CI") == "true"
# All a page may ask outside its own site: the CDN assets at the versions PMT pins (read from
# PMT itself) and PyPI, for the packages micropip installs.
ALLOWED_OUTSIDE = (*pmt.allowed_prefixes(), "https://pypi.org/simple/", "https://files.pythonhosted.org/")
# Flags that keep Chromium from calling home on a machine with no network (and as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TERMINAL_SCRIPT = "js-per-pages/3-terminalRunner-term.js"
JQUERY_TERMINAL = f"{pmt.CDN}/npm/jquery.terminal@{pmt.npm_packages()['jquery.terminal']}/js/jquery.terminal.min.js"


@dataclass
class Traffic:
    """What a page asked for and said while a test drove it."""

    outside: list[str] = field(default_factory=list)  # requests to hosts other than the site
    failed: list[str] = field(default_factory=list)  # responses >= 400 and failed requests
    console_errors: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.outside.clear()
        self.failed.clear()
        self.console_errors.clear()


def assert_clean_traffic(traffic: Traffic, site) -> None:
    assert not traffic.failed, f"failed requests: {traffic.failed[:10]}"
    assert not site.missing, f"the site answered 404 for: {site.missing[:10]}"
    unexpected = [url for url in traffic.outside if not url.startswith(ALLOWED_OUTSIDE)]
    assert not unexpected, f"requests left the site for what it should not need: {unexpected[:10]}"
    assert not traffic.console_errors, f"console errors: {traffic.console_errors[:10]}"
