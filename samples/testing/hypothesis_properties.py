"""Splitting a bill between people, an example test, and the Hypothesis property that checks it for any input."""

import pytest
from hypothesis import given
from hypothesis import strategies as st


def split_bill(total_cents, people):
    """Shares, in cents, that add up to the total and differ by at most one cent."""
    if people < 1:
        raise ValueError("nobody to pay")
    share, remainder = divmod(total_cents, people)
    return [share + 1] * remainder + [share] * (people - remainder)


def test_an_even_split():
    assert split_bill(1000, 4) == [250, 250, 250, 250]


def test_nobody_to_pay():
    with pytest.raises(ValueError):
        split_bill(1000, 0)


@given(total_cents=st.integers(min_value=0, max_value=10**9), people=st.integers(min_value=1, max_value=50))
def test_the_shares_add_up_and_are_fair(total_cents, people):
    shares = split_bill(total_cents, people)
    assert len(shares) == people
    assert sum(shares) == total_cents  # not one cent lost or invented
    assert max(shares) - min(shares) <= 1
