"""Sections compile as the browser runs them."""

from __future__ import annotations

import pytest

from courseware.exercise import Section


def test_learner_code_inherits_no_future_import():
    """courseware imports `annotations` from __future__; the browser's Python evaluates annotations."""

    namespace = {}
    with pytest.raises(NameError):
        exec(Section("corr", "def f(x: undefined_name): ...\n", 1).compiled("<test>"), namespace)
