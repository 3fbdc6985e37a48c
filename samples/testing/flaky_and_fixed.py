"""Three flaky tests, each next to its fixed version: shared state, the clock, randomness."""

import datetime
import random

import pytest

REGISTERED = set()  # module state: it lives as long as the test process, across tests


def register(email, registry=None):
    registry = REGISTERED if registry is None else registry
    if email in registry:
        raise ValueError("already registered")
    registry.add(email)


def now():
    return datetime.datetime.now()


def greeting(clock=None):
    return "Good morning" if (clock or now)().hour < 12 else "Good afternoon"


def retry_delay(attempt, rng=random):
    """Exponential backoff with jitter: 2**attempt seconds, plus up to one second at random."""
    return 2**attempt + rng.uniform(0, 1)


# --- flaky: the outcome depends on the order, the hour, or luck ---


def test_flaky_nobody_is_registered_yet():
    assert set() == REGISTERED  # fails if a test that registers someone ran first


def test_flaky_a_user_registers():
    register("ada@example.org")


def test_flaky_morning_greeting():
    assert greeting() == "Good morning"  # written at 9 a.m.; fails every afternoon


def test_flaky_delay_of_the_first_retry():
    assert retry_delay(1) < 2.99  # fails about once in a hundred runs


# --- fixed: every input the test depends on is chosen by the test ---


@pytest.fixture
def registry():
    return set()  # a new one for each test


def test_nobody_is_registered_yet(registry):
    assert registry == set()


def test_a_user_registers(registry):
    register("ada@example.org", registry)
    with pytest.raises(ValueError):
        register("ada@example.org", registry)


@pytest.mark.parametrize(("hour", "expected"), [(9, "Good morning"), (11, "Good morning"), (12, "Good afternoon")])
def test_greeting(hour, expected):
    assert greeting(clock=lambda: datetime.datetime(2025, 3, 14, hour, 0)) == expected


class FixedRandom:  # a stub for the random module: always the same draw
    def __init__(self, value):
        self.value = value

    def uniform(self, low, high):
        return low + (high - low) * self.value


def test_delay_of_the_first_retry():
    assert retry_delay(1, FixedRandom(0.0)) == 2
    assert retry_delay(1, FixedRandom(1.0)) == 3  # the worst case, every time
    assert 2 <= retry_delay(1, random.Random(1234)) <= 3  # or a seeded generator: the same draws on every run
