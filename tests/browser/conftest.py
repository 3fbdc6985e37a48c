"""Browser tests: Chromium driven by Playwright, against the built site served under its sub-path.

Offline by default: everything the page asks from the CDN or PyPI is answered from
node_modules/ and build/browser-mirror/ (see tests/support/mirror/). BROWSER_ASSETS=online lets
those requests through to the real hosts instead (the GitHub workflow does that).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.browser import CHROMIUM_ARGS, IN_CI, JQUERY_TERMINAL, ONLINE, TERMINAL_SCRIPT, Traffic
from tests.support.ide import READY_TIMEOUT_MS, LearnerPage
from tests.support.mirror.serve import Mirror, MirrorServer


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, playwright, mirror_server):
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
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS + (mirror_server.chromium_args if mirror_server else [])}
    if executable:
        args["executable_path"] = executable
    return args


@pytest.fixture(scope="session")
def mirror() -> Mirror:
    return Mirror()


@pytest.fixture(scope="session")
def mirror_server(mirror):
    """Offline, the CDN and PyPI answered by the mirror (None with BROWSER_ASSETS=online)."""
    if ONLINE:
        yield None
        return
    server = MirrorServer(mirror)
    yield server
    server.stop()


def watch(page, site, traffic: Traffic) -> None:
    """Record what `page` asks outside the site, what fails and what it logs as an error."""
    # A page of editors loads Pyodide and its libraries: on two busy cores that takes more than
    # Playwright's default 30 s wait for the load event.
    page.set_default_navigation_timeout(READY_TIMEOUT_MS)
    site_host = urlsplit(site.base_url).netloc
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


def answer_offline(context, mirror: Mirror) -> None:
    """Offline (unless BROWSER_ASSETS=online), the browser reaches the mirror's server under the
    CDN's and PyPI's names (see MirrorServer); here, the one file of the site that changes."""
    if ONLINE:
        return

    def terminal_script_with_served_hash(route):
        # PMT checks jquery.terminal 2.43.1 against its SRI hash; offline we serve 2.43.0.
        response = route.fetch()
        text = re.sub(
            r'integrity: "sha256-[^"]+"', f'integrity: "{mirror.integrity_of(JQUERY_TERMINAL)}"', response.text()
        )
        route.fulfill(response=response, body=text)

    context.route(f"**/{TERMINAL_SCRIPT}", terminal_script_with_served_hash)


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def learner(context, site, mirror, mirror_server, traffic):
    """A fresh page, as a learner's browser: CDN answered offline unless BROWSER_ASSETS=online."""
    site.missing.clear()  # 404s are counted per test
    answer_offline(context, mirror)
    page = context.new_page()
    watch(page, site, traffic)
    return page


# Before each run PMT clears the editor's terminal and waits 200 ms, so that a learner sees it blink
# (IdeLogistic.delay); its own IDE tester sets that delay to 0. The instances are out of reach, so
# the harness shortens that one wait: 200 ms timers (PMT's only other one polls a file upload).
NO_TERMINAL_BLINK = """
const originalSetTimeout = window.setTimeout;
window.setTimeout = function (handler, delay, ...rest) {
  return originalSetTimeout.call(this, handler, delay === 200 ? 0 : delay, ...rest);
};
"""


@pytest.fixture(scope="session")
def exercise_page(browser, site, mirror, mirror_server):
    """Open a page of exercises once per test process and keep it: each exercise test drives its
    own editor there, and the page's own test reloads it at the end (`exercise_page(src_path)`).
    All pages share one browser context, as one learner's browser would: its cache (Pyodide's
    compiled WebAssembly included) and its storage, where each editor keeps its code under a key
    of its own."""
    opened: dict[str, LearnerPage] = {}
    context = browser.new_context()
    answer_offline(context, mirror)
    context.add_init_script(NO_TERMINAL_BLINK)

    def open_page(src_path: str) -> LearnerPage:
        if src_path not in opened:
            page = context.new_page()
            traffic = Traffic()
            watch(page, site, traffic)
            opened[src_path] = LearnerPage.open(page, site, src_path, traffic)
        return opened[src_path]

    yield open_page
    context.close()
