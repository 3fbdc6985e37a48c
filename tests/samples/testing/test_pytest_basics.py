"""samples/testing/pytest_basics.py: its tests pass under pytest, and catch an off-by-one at the boundary."""

import sys

import pytest

SLOW = "slow: takes a while (a project registers it in pyproject.toml, under [tool.pytest.ini_options] markers)"


@pytest.fixture(scope="module")
def sample(pytestconfig):
    # The sample uses a custom marker; under --strict-markers, even importing it needs the marker registered.
    pytestconfig.addinivalue_line("markers", SLOW)
    from samples.testing import pytest_basics

    return pytest_basics


class Outcomes:
    """A pytest plugin that records what happened to each test of an inner run."""

    def __init__(self):
        self.reports = {}

    def pytest_configure(self, config):
        config.addinivalue_line("markers", SLOW)

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.outcome != "passed":
            self.reports[report.nodeid.split("::", 1)[1]] = report


def run_sample(sample, *args):
    outcomes = Outcomes()
    code = pytest.main(
        [sample.__file__, "-q", "-p", "no:cacheprovider", "-p", "no:playwright", *args], plugins=[outcomes]
    )
    return code, outcomes.reports


def test_the_function_itself(sample):
    assert sample.parse_quantity(" 12 ") == 12
    for bad in ("0", "100", "1e3", "+5"):
        with pytest.raises(ValueError):
            sample.parse_quantity(bad)


def test_the_sample_tests_pass_under_pytest_and_parametrize_makes_one_test_per_case(sample):
    code, reports = run_sample(sample)
    assert code == pytest.ExitCode.OK
    assert all(report.passed for report in reports.values())
    assert len(reports) == 1 + 3 + 6 + 1 + 1
    assert "test_invalid_quantities_are_refused['100']" in reports  # ids=repr names each case


def test_a_marker_selects_or_deselects_tests(sample):
    code, reports = run_sample(sample, "-m", "not slow")
    assert code == pytest.ExitCode.OK
    assert "test_every_allowed_value_round_trips" not in reports
    assert len(reports) == 11


def test_the_tests_catch_an_off_by_one_at_the_upper_boundary(sample, monkeypatch):
    def off_by_one(text):  # `<` where `<=` was due: 99 is refused
        quantity = int(text.strip())
        if not 1 <= quantity < sample.MAX_QUANTITY:
            raise ValueError("out of range")
        return quantity

    monkeypatch.setattr(sample, "parse_quantity", off_by_one)
    sample.test_a_plain_number()  # the middle of the range does not see it
    with pytest.raises(ValueError):
        sample.test_valid_quantities("99", 99)  # the boundary case does


def test_assert_rewriting_shows_both_sides_of_a_failed_comparison(sample, monkeypatch):
    # A fresh import by the inner run, so that pytest rewrites the sample's asserts as it loads it.
    monkeypatch.delitem(sys.modules, sample.__name__)
    outcomes = Outcomes()

    class Break:  # once the inner run has imported the sample, make its function return a wrong value
        @pytest.hookimpl(trylast=True)
        def pytest_collection_modifyitems(self, items):
            module = sys.modules[sample.__name__]
            monkeypatch.setattr(module, "parse_quantity", lambda text: 4)

    code = pytest.main(
        [f"{sample.__file__}::test_a_plain_number", "-q", "-p", "no:cacheprovider", "-p", "no:playwright"],
        plugins=[outcomes, Break()],
    )
    assert code == pytest.ExitCode.TESTS_FAILED
    text = outcomes.reports["test_a_plain_number"].longreprtext
    assert "assert 4 == 3" in text  # the values, not just "AssertionError"
