"""samples/security/identity_redacting_log_filter.py: the records a handler receives, read back."""

import logging

import pytest

from samples.security.identity_redacting_log_filter import (
    RedactingFilter,
    log_login,
    log_permission_denied,
    redact,
)


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def handler():
    handler = ListHandler()
    handler.addFilter(RedactingFilter())
    app_logger = logging.getLogger("app")
    app_logger.addHandler(handler)
    app_logger.setLevel(logging.INFO)
    yield handler
    app_logger.removeHandler(handler)
    app_logger.setLevel(logging.NOTSET)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("POST /login password=hunter2&user=ada", "POST /login password=[REDACTED]&user=ada"),
        ("Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2ln", "Authorization: Bearer [REDACTED]"),
        ("Authorization: Basic YWRhOmh1bnRlcjI=", "Authorization: Basic [REDACTED]"),
        ("cookie sessionid=abc123; theme=dark", "cookie sessionid=[REDACTED]; theme=dark"),
        ("card 4111 1111 1111 1111 refused", "card ****1111 refused"),
        ("api_key: sk_live_abc, token=xyz", "api_key: [REDACTED], token=[REDACTED]"),
        ("order 12345 shipped", "order 12345 shipped"),  # short numbers are not card numbers
    ],
)
def test_redact(text, expected):
    assert redact(text) == expected


def test_security_events_are_logged_without_their_secrets(handler):
    log_login("ada", "203.0.113.7", succeeded=False)
    log_permission_denied("ada", "203.0.113.7", "/invoices/2/")
    logging.getLogger("app.payments").error("charge failed for card %s token=%s", "4111111111111111", "tok_123")
    assert handler.lines == [
        "login failed user=ada ip=203.0.113.7",
        "permission denied user=ada ip=203.0.113.7 resource=/invoices/2/",
        "charge failed for card ****1111 token=[REDACTED]",
    ]


def test_a_filter_on_the_parent_logger_misses_the_childrens_records():
    handler = ListHandler()
    parent = logging.getLogger("app2")
    parent.addHandler(handler)
    misplaced = RedactingFilter()
    parent.addFilter(misplaced)  # the mistake: on the logger, not on the handler
    try:
        logging.getLogger("app2.payments").error("password=%s", "hunter2")
    finally:
        parent.removeHandler(handler)
        parent.removeFilter(misplaced)
    assert handler.lines == ["password=hunter2"]
