"""Every chapter sample is shown by a page and driven by a test of its own."""

from __future__ import annotations

import re

import pytest

from courseware.exercise import PROJECT_ROOT

SAMPLES = sorted(p for p in (PROJECT_ROOT / "samples").rglob("*.py") if p.name != "__init__.py")
SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']?([^"'\s]+)["']?\s*$""", re.M)


def included_files() -> set[str]:
    return {
        m for page in (PROJECT_ROOT / "docs").rglob("*.md") for m in SNIPPET.findall(page.read_text(encoding="utf-8"))
    }


def test_there_are_samples():
    assert SAMPLES, "no sample under samples/"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.relative_to(PROJECT_ROOT).as_posix())
def test_sample_is_shown_in_a_page(sample):
    path = sample.relative_to(PROJECT_ROOT).as_posix()
    assert path in included_files(), f'{path} is not included by any page (--8<-- "{path}"); show it or remove it'


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.relative_to(PROJECT_ROOT).as_posix())
def test_sample_has_its_own_test(sample):
    relative = sample.relative_to(PROJECT_ROOT / "samples")
    test_file = PROJECT_ROOT / "tests" / "samples" / relative.parent / f"test_{relative.name}"
    assert test_file.is_file(), f"{sample.name} has no test: expected {test_file.relative_to(PROJECT_ROOT)}"
    assert f"samples.{'.'.join(relative.with_suffix('').parts)}" in test_file.read_text(encoding="utf-8"), (
        f"{test_file.relative_to(PROJECT_ROOT)} does not import the sample it is named after"
    )
