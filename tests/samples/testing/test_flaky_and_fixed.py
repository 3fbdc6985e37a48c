"""samples/testing/flaky_and_fixed.py: each flaky test really depends on order, time or chance; the fixed ones do not."""

import datetime
import random

import pytest

from samples.testing import flaky_and_fixed
from tests.support.inner_pytest import run_sample_tests


def run_sample(reverse=False):
    return run_sample_tests(flaky_and_fixed.__file__, reverse=reverse)[1]


@pytest.fixture
def at_nine_with_lucky_draws(monkeypatch):
    """Make the time- and chance-dependent flaky tests pass, to isolate the order-dependent one."""
    monkeypatch.setattr(flaky_and_fixed, "REGISTERED", set())
    monkeypatch.setattr(flaky_and_fixed, "now", lambda: datetime.datetime(2025, 3, 14, 9, 0))
    monkeypatch.setattr(random, "uniform", flaky_and_fixed.FixedRandom(0.5).uniform)


@pytest.mark.usefixtures("at_nine_with_lucky_draws")
def test_in_file_order_everything_passes():
    outcomes = run_sample()
    assert len(outcomes) == 4 + 2 + 3 + 1
    assert set(outcomes.values()) == {"passed"}


@pytest.mark.usefixtures("at_nine_with_lucky_draws")
def test_in_reverse_order_only_the_order_dependent_test_fails():
    outcomes = run_sample(reverse=True)
    failed = {name for name, outcome in outcomes.items() if outcome != "passed"}
    assert failed == {"test_flaky_nobody_is_registered_yet"}


def test_the_clock_decides_the_flaky_greeting_test_and_not_the_fixed_one(monkeypatch):
    for hour, flaky_passes in [(9, True), (11, True), (12, False), (15, False)]:
        monkeypatch.setattr(flaky_and_fixed, "now", lambda hour=hour: datetime.datetime(2025, 3, 14, hour, 30))
        if flaky_passes:
            flaky_and_fixed.test_flaky_morning_greeting()
        else:
            with pytest.raises(AssertionError):
                flaky_and_fixed.test_flaky_morning_greeting()
        for case in [(9, "Good morning"), (11, "Good morning"), (12, "Good afternoon")]:
            flaky_and_fixed.test_greeting(*case)  # the fixed test brings its own clock


def test_chance_decides_the_flaky_delay_test_and_not_the_fixed_one(monkeypatch):
    monkeypatch.setattr(random, "uniform", flaky_and_fixed.FixedRandom(0.5).uniform)
    flaky_and_fixed.test_flaky_delay_of_the_first_retry()
    monkeypatch.setattr(random, "uniform", flaky_and_fixed.FixedRandom(0.995).uniform)  # an unlucky draw
    with pytest.raises(AssertionError):
        flaky_and_fixed.test_flaky_delay_of_the_first_retry()
    flaky_and_fixed.test_delay_of_the_first_retry()


def test_the_fixed_registry_fixture_gives_each_test_a_new_set(monkeypatch):
    monkeypatch.setattr(flaky_and_fixed, "REGISTERED", set())
    flaky_and_fixed.register("a@x.org")
    assert {"a@x.org"} == flaky_and_fixed.REGISTERED
    with pytest.raises(ValueError):
        flaky_and_fixed.register("a@x.org")
