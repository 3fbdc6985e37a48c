"""samples/testing/hypothesis_properties.py: the property holds for split_bill; on a buggy split, the
example test still passes and the property finds an input that breaks it (derandomized: the same every run)."""

import pytest
from hypothesis import settings

from samples.testing import hypothesis_properties
from samples.testing.hypothesis_properties import split_bill

# Derandomized: the same examples on every run; no example database, so no file left behind and no
# failure remembered from a previous run. Applied once: it sets the settings on the sample's test itself.
the_property = settings(derandomize=True, database=None, max_examples=200, deadline=None)(
    hypothesis_properties.test_the_shares_add_up_and_are_fair
)


def split_by_rounding(total_cents, people):  # the bug: each share rounded, the cents left over forgotten
    if people < 1:
        raise ValueError("nobody to pay")
    return [round(total_cents / people)] * people


def test_the_sample_tests_pass():
    hypothesis_properties.test_an_even_split()
    hypothesis_properties.test_nobody_to_pay()
    the_property()


def test_some_values():
    assert split_bill(100, 3) == [34, 33, 33]
    assert split_bill(0, 2) == [0, 0]
    assert split_bill(5, 7) == [1, 1, 1, 1, 1, 0, 0]


def test_the_example_test_misses_the_bug_and_the_property_finds_it(monkeypatch):
    monkeypatch.setattr(hypothesis_properties, "split_bill", split_by_rounding)
    hypothesis_properties.test_an_even_split()  # 1000 / 4 has no remainder: the bug does not show
    hypothesis_properties.test_nobody_to_pay()
    with pytest.raises(AssertionError) as excinfo:
        the_property()
    notes = "\n".join(getattr(excinfo.value, "__notes__", []))
    # Hypothesis reports the input it shrank the failure to: one cent, two people, and round(0.5) == 0.
    assert "total_cents=1," in notes
    assert "people=2," in notes
