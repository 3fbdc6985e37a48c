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
import secrets

CONFIRM_URL = "https://notes.example/confirm?token="


class UserStore:
    """The registered users, in memory: the token of each address."""

    def __init__(self):
        self._tokens = {}

    def contains(self, email):
        return email in self._tokens

    def save(self, email, token):
        self._tokens[email] = token

    def token_of(self, email):
        return self._tokens.get(email)


def register(email, store, mailer):
    """Save a new user and send them one welcome e-mail; their token, or None for a known address."""
    key = email.lower()
    if store.contains(key):
        return None
    token = secrets.token_urlsafe(16)
    store.save(key, token)  # first: a user who cannot be saved gets no e-mail
    mailer.send(email, "Welcome to Notes", f"Welcome! Confirm your address: {CONFIRM_URL}{token}")
    return token
'''
_SEND = 'mailer.send(email, "Welcome to Notes", f"Welcome! Confirm your address: {CONFIRM_URL}{token}")'


_BUGS = [
    _Bug(
        "register sends two e-mails, a welcome and a separate confirmation",
        _changed(
            _CORRECT,
            (
                _SEND,
                'mailer.send(email, "Welcome to Notes", "Welcome!")\n'
                '    mailer.send(email, "Confirm your address", f"{CONFIRM_URL}{token}")',
            ),
        ),
        "make your fake record every e-mail it is asked to send, and assert that a new user gets exactly one.",
    ),
    _Bug(
        "register sends the e-mail to the address in lower case ('Ada@Example.com' gets it as 'ada@example.com')",
        _changed(_CORRECT, ("mailer.send(email,", "mailer.send(key,")),
        "register an address with capitals and assert the exact address the e-mail went to.",
    ),
    _Bug(
        "register sends a 'you already have an account' e-mail for a known address",
        _changed(
            _CORRECT,
            (
                "        return None",
                '        mailer.send(email, "Welcome back", "You already have an account.")\n        return None',
            ),
        ),
        "register the same address twice and count the e-mails your fake recorded.",
    ),
    _Bug(
        "the check for a known address is case-sensitive ('ADA@example.com' registers again)",
        _changed(_CORRECT, ("key = email.lower()", "key = email")),
        "register an address, then the same one in other capitals, and count the e-mails.",
    ),
    _Bug(
        "the link is never filled in (the f of the f-string is missing: the body reads '{CONFIRM_URL}{token}')",
        _changed(_CORRECT, ('f"Welcome! Confirm', '"Welcome! Confirm')),
        "assert that the body holds the whole link, https://notes.example/confirm?token= followed by the token register returned.",
    ),
    _Bug(
        "register sends the e-mail before saving the user, so a user the store refuses still gets one",
        _changed(
            _CORRECT,
            (
                "    store.save(key, token)  # first: a user who cannot be saved gets no e-mail\n    " + _SEND,
                "    " + _SEND + "\n    store.save(key, token)",
            ),
        ),
        "give register a store whose save() raises, check the error with pytest.raises, then that your fake sent nothing.",
    ),
    _Bug(
        "the token saved is not the one in the link (the token is made twice)",
        _changed(_CORRECT, ("store.save(key, token)", "store.save(key, secrets.token_urlsafe(16))")),
        "assert that the store holds, for the address in lower case, the token register returned.",
    ),
    _Bug(
        "the link points at the developer's machine (http://localhost:8000/confirm?token=...)",
        _changed(
            _CORRECT,
            (
                'CONFIRM_URL = "https://notes.example/confirm?token="',
                'CONFIRM_URL = "http://localhost:8000/confirm?token="',
            ),
        ),
        "assert the whole link in the body, its address included, not only the token.",
    ),
]

_provide_module("signup", _CORRECT)  # what `from signup import ...` gives the ▶ button

# --- PYODIDE:code --- #
from signup import UserStore, register


class FakeMailer:
    def send(self, to, subject, body):
        pass


def test_register_gives_a_token():
    assert register("ada@example.com", UserStore(), FakeMailer()) is not None


# --- PYODIDE:corr --- #
import pytest

from signup import UserStore, register


class FakeMailer:
    """A mailer that sends nothing: it records what it is asked to send."""

    def __init__(self):
        self.sent = []

    def send(self, to, subject, body):
        self.sent.append((to, subject, body))


class BrokenStore(UserStore):
    def save(self, email, token):
        raise OSError


@pytest.fixture
def mailer():
    return FakeMailer()


@pytest.fixture
def store():
    return UserStore()


def test_no_email_when_the_user_cannot_be_saved(mailer):
    with pytest.raises(OSError):
        register("ada@example.com", BrokenStore(), mailer)
    assert mailer.sent == []


def test_a_new_user_is_saved_and_gets_one_email(store, mailer):
    token = register("Ada@Example.com", store, mailer)
    [(to, subject, body)] = mailer.sent  # exactly one e-mail
    assert to == "Ada@Example.com"
    assert f"https://notes.example/confirm?token={token}" in body
    assert store.token_of("ada@example.com") == token


def test_a_known_address_in_other_capitals_gets_no_email(store, mailer):
    register("ada@example.com", store, mailer)
    register("ADA@example.com", store, mailer)
    assert len(mailer.sent) == 1


# --- PYODIDE:tests --- #
# Your tests must pass on the register of the statement, in any order.
_check_tests_pass("signup", _CORRECT)

# --- PYODIDE:secrets --- #
# Each buggy version of signup must make at least one of your tests fail.
_check_tests_catch("signup", _CORRECT, _BUGS)
