"""Browser tests: Chromium driven by Playwright, against the built site served under its sub-path.

Offline by default: everything the page asks from the CDN or PyPI is answered from
node_modules/ and build/browser-mirror/ (see tests/support/mirror.py). BROWSER_ASSETS=online lets those
requests through to the real hosts instead (the GitHub workflow does that).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.browser import CHROMIUM_ARGS, IN_CI, JQUERY_TERMINAL, ONLINE, TERMINAL_SCRIPT, Traffic
from tests.support.mirror import Mirror


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, playwright):
    """Debian's Chromium where there is one; CHROMIUM=playwright takes Playwright's own build
    (GitHub's runners), CHROMIUM=/path/to/chrome any other."""
    chosen = os.environ.get("CHROMIUM", "")
    executable = None if chosen == "playwright" else (chosen or shutil.which("chromium"))
    if not executable and not Path(playwright.chromium.executable_path).exists():
        message = (
            "no Chromium here: install Debian's chromium (or `playwright install chromium`) to run the browser suite"
        )
        if IN_CI:
            pytest.fail(message + " (CI=true: the browser suite must run)")
        pytest.skip(message)
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    if executable:
        args["executable_path"] = executable
    return args


@pytest.fixture(scope="session")
def mirror() -> Mirror:
    return Mirror()


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def learner(context, site, mirror, traffic):
    """A fresh page, as a learner's browser: CDN answered offline unless BROWSER_ASSETS=online."""
    site_host = urlsplit(site.base_url).netloc
    site.missing.clear()  # 404s are counted per test

    def answer_from_mirror(route):
        status, body, kind = mirror.respond(route.request.url)
        route.fulfill(status=status, body=body, headers={"content-type": kind, "access-control-allow-origin": "*"})

    def terminal_script_with_served_hash(route):
        # PMT checks jquery.terminal 2.43.1 against its SRI hash; offline we serve 2.43.0.
        response = route.fetch()
        text = re.sub(
            r'integrity: "sha256-[^"]+"', f'integrity: "{mirror.integrity_of(JQUERY_TERMINAL)}"', response.text()
        )
        route.fulfill(response=response, body=text)

    if not ONLINE:
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), answer_from_mirror)
        context.route(f"**/{TERMINAL_SCRIPT}", terminal_script_with_served_hash)

    page = context.new_page()
    page.on(
        "request",
        lambda r: (
            urlsplit(r.url).netloc not in ("", site_host)
            and urlsplit(r.url).scheme in ("http", "https")
            and traffic.outside.append(r.url)
        ),
    )
    page.on("response", lambda r: r.status >= 400 and traffic.failed.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: traffic.failed.append(f"failed {r.url}: {r.failure}"))
    page.on("console", lambda m: m.type == "error" and traffic.console_errors.append(m.text))
    page.on("pageerror", lambda e: traffic.console_errors.append(f"uncaught: {e}"))
    return page
