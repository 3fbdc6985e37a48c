"""course_helpers.pytest_runner: the learner's test module, run by real pytest against the correct
code and against buggy versions, each outcome turned into a message with a hint."""

import builtins

import pytest

from course_helpers.pytest_runner import Bug, check_tests_catch, check_tests_pass, learner_tests_source, run_tests

CORRECT = "def double(x):\n    return 2 * x\n"
PLUS_TWO = "def double(x):\n    return x + 2\n"  # right for 2, wrong elsewhere
ABSOLUTE = "def double(x):\n    return abs(2 * x)\n"  # right for positive numbers
BUGS = [
    Bug("double adds 2 (double(3) gives 5)", PLUS_TWO, "test a number other than 2."),
    Bug("double drops the sign (double(-1) gives 2)", ABSOLUTE, "test a negative number."),
]
GOOD_TESTS = """
import pytest
from doubling import double

@pytest.mark.parametrize(("x", "twice"), [(3, 6), (-1, -2), (0, 0)])
def test_double(x, twice):
    assert double(x) == twice
"""


@pytest.fixture
def editor():
    """Put the editor's text where the checker puts it (in the page, the helper reads the editor)."""

    def holding(tests, public="check_tests_pass('doubling', CORRECT)\n"):
        builtins.__USER_CODE__ = f"{tests}\n# Tests\n{public}"

    yield holding
    builtins.__dict__.pop("__USER_CODE__", None)


def test_a_run_reports_each_test_by_its_readable_name():
    run = run_tests(GOOD_TESTS + "\ndef test_accents():\n    assert 'é' == 'e'\n", "doubling", CORRECT)
    assert run.passed == ["test_double[3-6]", "test_double[-1--2]", "test_double[0-0]"]
    assert list(run.failed) == ["test_accents"]
    assert "assert 'é' == 'e'" in run.failed["test_accents"]
    assert run.errors == [] and run.collected == 4


def test_the_same_module_name_runs_the_new_code_every_time():
    """No cached import or rewritten bytecode of an earlier run: the same file name, other code."""
    for body, passes in [("assert 1 == 1", True), ("assert 1 == 2", False), ("assert 2 == 2", True)]:
        run = run_tests(f"def test_it():\n    {body}\n", "doubling", CORRECT)
        assert (run.passed == ["test_it"]) is passes, (body, run)


def test_the_learners_module_is_the_editor_above_its_last_tests_line(editor):
    editor("# Tests of my own, below\n" + GOOD_TESTS)
    assert learner_tests_source().strip().endswith("assert double(x) == twice")
    assert learner_tests_source().startswith("# Tests of my own")


def test_an_editor_without_its_tests_line_is_all_the_learners(editor):
    builtins.__USER_CODE__ = GOOD_TESTS
    assert learner_tests_source() == GOOD_TESTS


@pytest.mark.parametrize(
    ("tests", "said"),
    [
        (GOOD_TESTS.replace("@pytest.mark.parametrize", "#"), "pytest could not run your tests: test_double (setup)"),
        ("from doubling import double\n\ndef check_double():\n    assert double(1) == 2\n", "pytest found 0 tests"),
        (GOOD_TESTS.replace("(3, 6)", "(3, 5)"), "Your test test_double[3-5] fails on the correct code"),
        ("import doubling\nraise ValueError('at import')\ndef test_x():\n    pass\n", "ValueError: at import"),
    ],
)
def test_tests_that_cannot_vouch_for_the_correct_code_get_a_message_with_a_hint(editor, tests, said):
    editor(tests)
    with pytest.raises(AssertionError) as failure:
        check_tests_pass("doubling", CORRECT)
    assert said in str(failure.value) and "Hint:" in str(failure.value), str(failure.value)


def test_good_tests_pass_and_catch_every_bug(editor):
    editor(GOOD_TESTS)
    assert check_tests_pass("doubling", CORRECT).collected == 3
    check_tests_catch("doubling", CORRECT, BUGS)


WEAK_ON_SIGNS = "from doubling import double\n\ndef test_it():\n    assert double(2) == 4 and double(-3) != 6\n"


@pytest.mark.parametrize(
    ("tests", "said"),
    [
        (GOOD_TESTS.replace("[(3, 6), (-1, -2), (0, 0)]", "[(2, 4)]"), "pass on every buggy version"),
        (GOOD_TESTS.replace("[(3, 6), (-1, -2), (0, 0)]", "[(2, 4), (3, 6)]"), "Hint: test a negative number."),
        (WEAK_ON_SIGNS, "double adds 2 (double(3) gives 5). Hint: test a number other than 2."),
    ],
)
def test_each_missed_bug_is_named_with_its_advice(editor, tests, said):
    editor(tests)
    check_tests_pass("doubling", CORRECT)
    with pytest.raises(AssertionError) as failure:
        check_tests_catch("doubling", CORRECT, BUGS)
    assert said in str(failure.value), str(failure.value)


def test_the_correct_code_is_back_after_the_buggy_runs(editor):
    import sys

    editor(GOOD_TESTS)
    with pytest.raises(AssertionError):
        check_tests_catch("doubling", CORRECT, [Bug("double is right", CORRECT, "none.")])
    assert sys.modules["doubling"].double(-4) == -8


def test_tests_that_share_state_are_caught_by_running_them_backwards(editor):
    editor(
        "from doubling import double\n\nSEEN = []\n\n\ndef test_first():\n    SEEN.append(double(1))\n"
        "    assert SEEN == [2]\n\n\ndef test_second():\n    assert SEEN == [2]\n"
    )
    with pytest.raises(AssertionError) as failure:
        check_tests_pass("doubling", CORRECT)
    assert "test_second fails when they run in the opposite order" in str(failure.value)
    assert "Hint: give each test its own fresh state" in str(failure.value)


def test_a_provided_module_holds_a_dataclass_with_real_annotations():
    from course_helpers.pytest_runner import provide_module

    module = provide_module("loans", "from dataclasses import dataclass\n@dataclass\nclass Loan:\n    days: int\n")
    assert module.Loan(3).days == 3
    assert module.Loan.__annotations__ == {"days": int}


def test_changed_replaces_each_pair_and_refuses_a_text_not_there():
    from course_helpers.pytest_runner import changed

    assert changed(CORRECT, ("2 * x", "x + 2"), ("double", "twice")) == "def twice(x):\n    return x + 2\n"
    with pytest.raises(ValueError, match="'3 \\* x' is not in the source"):
        changed(CORRECT, ("3 * x", "x"))
