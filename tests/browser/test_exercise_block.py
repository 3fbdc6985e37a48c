"""When Python cannot start, or is slow to, every exercise block says so in words
(overrides/assets/javascripts/runtime-notice.js), and the notice goes once Python is ready. On a
phone-sized screen the block keeps its buttons and its attempts counter apart (exercise-block.css)."""

from __future__ import annotations

import pytest

from tests.support.ide import READY_TIMEOUT_MS, wait_for_pyodide

PAGE = "wsgi-asgi/"  # three exercises, no package to install
NOTICE = ".py_mk_ide > .runtime-notice"


def test_a_blocked_cdn_is_said_in_every_exercise_block(learner, site, context):
    """As behind a school firewall: the CDN's name does not resolve."""
    context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort("namenotresolved"))
    learner.goto(site.base_url + PAGE)
    learner.wait_for_selector(f"{NOTICE}.runtime-notice--error", timeout=30_000)
    blocks = learner.locator(".py_mk_ide").count()
    notices = learner.locator(NOTICE)
    assert blocks >= 2 and notices.count() == blocks, f"{notices.count()} notices for {blocks} exercise blocks"
    for index in range(blocks):
        notice = notices.nth(index)
        text = notice.inner_text()
        assert notice.get_attribute("role") == "alert", "a screen reader must hear the error at once"
        assert "Python cannot start" in text and "cdn.jsdelivr.net" in text and "reload the page" in text, text


def test_a_slow_start_is_said_then_cleared_when_python_is_ready(learner, site, context):
    held = []
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # hangs until the test lets it go
    learner.goto(site.base_url + PAGE)
    learner.wait_for_selector(f"{NOTICE}.runtime-notice--slow", timeout=30_000)
    notice = learner.locator(NOTICE).first
    assert notice.get_attribute("role") == "status"
    assert "Python is still loading" in notice.inner_text()
    assert not learner.evaluate("window.CONFIG && CONFIG.pyodideIsReady"), "the notice came after Python was ready"
    assert held, "the page never asked for Pyodide's WebAssembly"
    for route in held:
        route.fallback()
    wait_for_pyodide(learner)
    learner.wait_for_selector(NOTICE, state="detached", timeout=READY_TIMEOUT_MS)
    assert learner.locator(NOTICE).count() == 0


def test_a_page_that_starts_normally_shows_no_notice(learner, site):
    learner.goto(site.base_url + PAGE)
    wait_for_pyodide(learner)
    learner.wait_for_timeout(600)  # one more turn of the watcher
    assert learner.locator(NOTICE).count() == 0


@pytest.mark.parametrize("width", [360, 400])
def test_on_a_phone_the_attempts_counter_covers_no_button(learner, site, width):
    learner.set_viewport_size({"width": width, "height": 800})
    learner.goto(site.base_url + PAGE)
    wait_for_pyodide(learner)
    layout = learner.evaluate(
        """() => {
          const block = document.querySelector('.py_mk_ide');
          const box = element => { const r = element.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
          return {
            block: box(block),
            counter: box(block.querySelector('.compteur')),
            buttons: Array.from(block.querySelectorAll('.ide_buttons_div button'))
              .filter(button => button.offsetParent !== null).map(box),
          };
        }"""
    )
    left, top, right, bottom = layout["counter"]
    assert layout["buttons"], "no visible button in the exercise block"
    for b_left, b_top, b_right, b_bottom in layout["buttons"]:
        overlap = min(right, b_right) - max(left, b_left) > 0 and min(bottom, b_bottom) - max(top, b_top) > 0
        assert not overlap, (
            f"at {width} px the attempts counter {layout['counter']} covers a button {[b_left, b_top, b_right, b_bottom]}"
        )
    block_left, _, block_right, _ = layout["block"]
    assert block_left <= left and right <= block_right, (
        f"at {width} px the counter {layout['counter']} leaves the block {layout['block']}"
    )
