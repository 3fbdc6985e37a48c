"""Drive a page of PMT editors (IDEs) the way a learner does."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support.browser import Traffic
from tests.support.site import page_url

READY_TIMEOUT_MS = 120_000
RUN_TIMEOUT_MS = 60_000
# The id of the radio input that selects the content tab holding the editor `id`, when that tab is
# not the selected one (Material's tabbed sets: inputs, then labels, then one block per tab).
TAB_LABEL_OF = """id => {
  const block = document.getElementById('global_' + id).closest('.tabbed-block');
  if (!block) return null;
  const set = block.closest('.tabbed-set');
  const index = [...block.parentElement.children].indexOf(block);
  const input = set.querySelectorAll(':scope > input')[index];
  return input.checked ? null : input.id;
}"""


def wait_for_pyodide(page) -> None:
    page.wait_for_function("window.CONFIG && CONFIG.pyodideIsReady === true", timeout=READY_TIMEOUT_MS)


class Ide:
    def __init__(self, page, index: int):
        self.page = page
        self.root = page.locator(".py_mk_ide").nth(index)
        self.id = self.root.get_attribute("id").removeprefix("global_")  # "editor_<hash>"
        self.terminal = f"jQuery('#term_{self.id}').terminal()"

    @property
    def code(self) -> str:
        return self.page.evaluate("id => ace.edit(id).getValue()", self.id)

    @property
    def size(self) -> tuple[int, int]:
        """(height, width) of the editor as Ace lays it out: (0, 0) while it is hidden."""
        return tuple(
            self.page.evaluate("id => { const r = ace.edit(id).renderer.$size; return [r.height, r.width] }", self.id)
        )

    def show(self) -> None:
        """Bring the editor into view as a learner would: if it sits in a content tab that is not
        the selected one, click that tab's label; then wait until Ace has laid it out."""
        label = self.page.evaluate(TAB_LABEL_OF, self.id)
        if label:
            self.page.locator(f'label[for="{label}"]').click()
        try:
            self.page.wait_for_function("id => ace.edit(id).renderer.$size.height > 0", arg=self.id, timeout=10_000)
        except PlaywrightTimeout:
            raise AssertionError(f"{self.id}: the editor stays 0 px high once its tab is shown") from None

    def paste(self, code: str) -> None:
        """Replace the editor's content at once (as a paste would)."""
        self.show()
        self.page.evaluate("([id, code]) => ace.edit(id).setValue(code, 1)", [self.id, code])

    def type(self, code: str) -> None:
        """Type `code` into the editor with the keyboard, line by line.

        Ace's auto-closing of brackets and quotes is switched off first (a learner who types
        the closing bracket gets it typed over; a script typing line by line would not).
        After each Enter, Ace indents the new line itself: that indentation is selected and
        typed over with the line's own.
        """
        self.page.evaluate(
            "id => { const e = ace.edit(id); e.setOption('behavioursEnabled', false); e.focus(); }", self.id
        )
        keyboard = self.page.keyboard
        keyboard.press("Control+A")
        keyboard.press("Delete")
        for number, line in enumerate(code.rstrip("\n").split("\n")):
            if number:
                keyboard.press("Enter")
            keyboard.press("Shift+Home")
            if line:
                keyboard.type(line)
            else:
                keyboard.press("Delete")

    def _act(self, button: str) -> str:
        self.show()
        self.page.evaluate(f"{self.terminal}.clear()")
        self.root.locator(f'button[btn_kind="{button}"]').click()
        # Output appears as the run starts; the terminal stays paused until it ends.
        self.page.wait_for_function(
            f"!{self.terminal}.paused() && {self.terminal}.get_output().trim().length > 0", timeout=RUN_TIMEOUT_MS
        )
        return self.output

    def validate(self) -> str:
        return self._act("check")

    def run(self) -> str:
        return self._act("play")

    def save(self) -> None:
        """Press the editor's save button: the code goes to the browser's storage."""
        self.show()
        self.root.locator('button[btn_kind="save"]').click()

    @property
    def output(self) -> str:
        """The terminal's text as the learner sees it on screen (lines wrapped at its width).

        Not get_output(): its raw lines carry jquery.terminal's formatting, which the
        library's own strip() misreads when a message holds quotes and braces."""
        return self.page.locator(f"#term_{self.id} .terminal-output").inner_text().replace("\xa0", " ")


@dataclass
class LearnerPage:
    """One page of the site with its editors, opened once and shared by the tests of its exercises."""

    page: object
    site: object
    src_path: str
    traffic: Traffic
    first_codes: list[str] = field(default_factory=list)  # each editor's content when first shown

    @classmethod
    def open(cls, page, site, src_path: str, traffic: Traffic) -> LearnerPage:
        page.goto(site.base_url + page_url(src_path))
        wait_for_pyodide(page)
        opened = cls(page, site, src_path, traffic)
        opened.first_codes = [opened.ide(index).code for index in range(opened.count)]
        return opened

    @property
    def count(self) -> int:
        return self.page.locator(".py_mk_ide").count()

    def ide(self, index: int) -> Ide:
        return Ide(self.page, index)

    def reload(self) -> None:
        self.page.reload()
        wait_for_pyodide(self.page)


def succeeded(output: str) -> bool:
    return "Secret tests: OK" in output


def shows(output: str, feedback: str) -> bool:
    """Whether the terminal shows `feedback`. PMT wraps long messages at the terminal's width
    (even inside words) and escapes brackets as HTML entities: compare without either."""

    def squash(text):
        return re.sub(r"\s+", "", html.unescape(text))

    return squash(feedback) in squash(output)
