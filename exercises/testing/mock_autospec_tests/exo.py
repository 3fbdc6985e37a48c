# --- PYODIDE:env --- #
from course_helpers.pytest_runner import (
    Bug as _Bug,
    changed as _changed,
    check_tests_catch as _check_tests_catch,
    check_tests_pass as _check_tests_pass,
    provide_module as _provide_module,
    use_pytest as _use_pytest,
)

await _use_pytest()

_CORRECT = '''
from collections import namedtuple

# phone: the borrower's phone number, which tells borrowers apart; due: a datetime.date
Loan = namedtuple("Loan", ["phone", "title", "due", "returned"], defaults=[False])


class SmsGateway:
    """The real client of the SMS provider (its network calls are left out)."""

    def send(self, phone, text):
        raise NotImplementedError("sends one SMS through the provider's API")


def notify_overdue(loans, today, sms):
    """Text each borrower who has overdue books, once, and return the number of texts sent."""
    titles = {}  # phone -> titles of the overdue books, in the order of the loans
    for loan in loans:
        if not loan.returned and loan.due < today:
            titles.setdefault(loan.phone, []).append(loan.title)
    for phone, overdue in titles.items():
        sms.send(phone, "Overdue: " + ", ".join(overdue))
    return len(titles)
'''


_ONE_TEXT_PER_LOAN = _changed(
    _CORRECT,
    (
        """            titles.setdefault(loan.phone, []).append(loan.title)
    for phone, overdue in titles.items():
        sms.send(phone, "Overdue: " + ", ".join(overdue))
    return len(titles)""",
        """            sms.send(loan.phone, "Overdue: " + loan.title)
            titles[loan.title] = loan.phone
    return len(titles)""",
    ),
)

_BUGS = [
    _Bug(
        "a book due today counts as overdue",
        _changed(_CORRECT, ("loan.due < today", "loan.due <= today")),
        "test a loan whose due date is today itself: nothing is overdue yet.",
    ),
    _Bug(
        "a book is only overdue from the second day after its due date",
        _changed(_CORRECT, ("loan.due < today", "(today - loan.due).days > 1")),
        "test a loan that was due yesterday, the first day it is overdue.",
    ),
    _Bug(
        "a book already returned is still reminded about",
        _changed(_CORRECT, ("not loan.returned and loan.due < today", "loan.due < today")),
        "test an overdue loan marked returned=True: it gets no text.",
    ),
    _Bug(
        "notify_overdue passes send's arguments the other way round, send(text, phone)",
        _changed(
            _CORRECT,
            ('sms.send(phone, "Overdue: " + ", ".join(overdue))', 'sms.send("Overdue: " + ", ".join(overdue), phone)'),
        ),
        "assert the arguments of each call, with assert_called_once_with or call_args_list, not only that send was called.",
    ),
    _Bug(
        "notify_overdue sends one text per overdue book, not one per borrower",
        _ONE_TEXT_PER_LOAN,
        "give one borrower two overdue books and check the list of calls to send.",
    ),
    _Bug(
        "notify_overdue lists a borrower's books in alphabetical order, not in the order of the loans",
        _changed(_CORRECT, ('", ".join(overdue)', '", ".join(sorted(overdue))')),
        "give a borrower two overdue books whose titles are not in alphabetical order, and assert the whole text.",
    ),
    _Bug(
        "notify_overdue returns the number of overdue books, not the number of texts sent",
        _changed(_CORRECT, ("return len(titles)", "return sum(len(overdue) for overdue in titles.values())")),
        "assert what notify_overdue returns when a borrower has two overdue books.",
    ),
    _Bug(
        "notify_overdue calls sms.close() when it is done, a method SmsGateway does not have "
        "(AttributeError in production)",
        _changed(_CORRECT, ("    return len(titles)", "    sms.close()\n    return len(titles)")),
        "a bare Mock accepts any method: make the double with create_autospec(SmsGateway, instance=True), "
        "which only has SmsGateway's methods, with their signatures.",
    ),
]

_provide_module("reminders", _CORRECT)  # what `from reminders import ...` gives the ▶ button

# --- PYODIDE:code --- #
import datetime
from unittest.mock import Mock

from reminders import Loan, SmsGateway, notify_overdue


def test_runs():
    sms = Mock()
    notify_overdue([Loan("+44 7700 900001", "Dune", datetime.date(2025, 3, 1))], datetime.date(2025, 3, 14), sms)
    assert sms.send.called


# --- PYODIDE:corr --- #
import datetime
from unittest.mock import call, create_autospec

import pytest

from reminders import Loan, SmsGateway, notify_overdue

TODAY = datetime.date.fromisoformat("2025-03-14")
YESTERDAY = TODAY - datetime.timedelta(days=1)
ANN = "+44 7700 900001"
BOB = "+44 7700 900002"
DUNE = "Dune"


@pytest.fixture
def sms():
    return create_autospec(SmsGateway, instance=True)


@pytest.mark.parametrize(("due", "returned"), [(TODAY, False), (YESTERDAY, True)])
def test_no_text_for_a_book_not_overdue(sms, due, returned):
    notify_overdue([Loan(phone=ANN, title=DUNE, due=due, returned=returned)], TODAY, sms)
    sms.send.assert_not_called()


def test_one_text_per_borrower(sms):
    loans = [Loan(ANN, "Ulysses", YESTERDAY), Loan(BOB, "Emma", YESTERDAY), Loan(ANN, DUNE, YESTERDAY)]
    assert notify_overdue(loans, TODAY, sms) == 2
    assert sms.send.call_args_list == [
        call("+44 7700 900001", "Overdue: Ulysses, Dune"),
        call("+44 7700 900002", "Overdue: Emma"),
    ]


# --- PYODIDE:tests --- #
# Your tests must pass on the notify_overdue of the statement.
_check_tests_pass("reminders", _CORRECT)

# --- PYODIDE:secrets --- #
# Each buggy notify_overdue must make at least one of your tests fail.
_check_tests_catch("reminders", _CORRECT, _BUGS)
