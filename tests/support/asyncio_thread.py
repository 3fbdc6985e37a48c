"""Run a coroutine to completion from synchronous test code.

`asyncio.run()` refuses to start while another event loop runs in the thread, and
Playwright's sync API keeps one there for the whole session once the browser tests have
started. A short-lived thread has no loop of its own, so asyncio.run() always works there.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run(coroutine):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
