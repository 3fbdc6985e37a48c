"""Run the learner's FastAPI application in the page, where Python has no threads.

An exercise's `env` section installs FastAPI and prepares it; its checks then call the app
through `course_helpers.asgi.call_asgi`, with no server and no event loop:

    from course_helpers.packages import require
    await require("fastapi")
    from course_helpers.fastapi_setup import prepare_fastapi
    prepare_fastapi()

    response = call_asgi(app, path="/items/7", query=b"limit=5")

FastAPI runs a plain `def` endpoint (and a plain `def` dependency) in a thread pool, through
AnyIO, so that it cannot block the server's event loop. The page's Python cannot start a thread,
and the checks drive the app without an event loop at all, in the page and in the test suite
alike; so `prepare_fastapi()` makes AnyIO run such functions inline, right away, in both places.
An endpoint behaves the same; only the protection of a real server's event loop is gone, which
matters nowhere here. Dependencies written as generators (`yield`) and streaming responses need
a real event loop: the exercises do without them.

Pyodide builds the standard library's `ssl` module apart, and AnyIO imports it: `require()`
loads it while it installs FastAPI.
"""

from __future__ import annotations


async def _run_inline(func, *args, abandon_on_cancel=False, cancellable=None, limiter=None):
    """anyio.to_thread.run_sync, without a thread: call `func` now and return what it returns."""
    return func(*args)


def prepare_fastapi() -> None:
    """Make FastAPI call plain `def` endpoints and dependencies inline (see the module's docstring)."""
    import anyio.to_thread

    anyio.to_thread.run_sync = _run_inline


__all__ = ["prepare_fastapi"]
