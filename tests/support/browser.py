"""What the browser tests allow a page to do, and how they record what it did."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.support.mirror import CDN

ONLINE = os.environ.get("BROWSER_ASSETS", "offline") == "online"
IN_CI = os.environ.get("CI") == "true"
# The only hosts a page may reach besides its own: the CDN PMT loads from, and PyPI for
# the packages micropip installs.
ALLOWED_HOSTS = {"cdn.jsdelivr.net", "pypi.org", "files.pythonhosted.org"}
# Flags that keep Chromium from calling home on a machine with no network (and as root).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
TERMINAL_SCRIPT = "js-per-pages/3-terminalRunner-term.js"
JQUERY_TERMINAL = CDN + "/npm/jquery.terminal@2.43.1/js/jquery.terminal.min.js"


@dataclass
class Traffic:
    """What a page asked for and said while a test drove it."""
    outside: list[str] = field(default_factory=list)  # requests to hosts other than the site
    failed: list[str] = field(default_factory=list)  # responses >= 400 and failed requests
    console_errors: list[str] = field(default_factory=list)


def assert_clean_traffic(traffic: Traffic, site) -> None:
    assert not traffic.failed, f"failed requests: {traffic.failed[:10]}"
    assert not site.missing, f"the site answered 404 for: {site.missing[:10]}"
    hosts = {urlsplit(u).netloc for u in traffic.outside}
    assert hosts <= ALLOWED_HOSTS, f"requests left the site for {sorted(hosts - ALLOWED_HOSTS)}: {traffic.outside[:10]}"
    assert not traffic.console_errors, f"console errors: {traffic.console_errors[:10]}"
