"""Security events in the logs, with secrets masked before any handler writes them."""

import logging
import re

# Each pattern keeps its first group (the name) and masks the value that follows it.
SECRET_PATTERNS = [
    re.compile(r"(\b(?:password|passwd|pwd|secret|token|api_key|sessionid)\b\s*[=:]\s*)[^\s&,;]+", re.IGNORECASE),
    re.compile(r"(\bBearer\s+)[A-Za-z0-9._~+/=-]+"),  # an Authorization header
    re.compile(r"(\bBasic\s+)[A-Za-z0-9+/=]+"),
]
CARD_NUMBER = re.compile(r"\b(?:\d[ -]?){9,15}(\d{4})\b")  # 13 to 19 digits: keep the last four


def redact(text: str) -> str:
    for pattern in SECRET_PATTERNS:
        text = pattern.sub(r"\1[REDACTED]", text)
    return CARD_NUMBER.sub(r"****\1", text)


class RedactingFilter(logging.Filter):
    """Masks secrets in the final message. Put it on the handlers: a filter on a logger does not see the
    records that its child loggers pass up to it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())  # the message with its arguments already merged in
        record.args = None
        return True  # never drop the record: only change it


security_log = logging.getLogger("app.security")


def log_login(username: str, ip: str, succeeded: bool) -> None:
    """Who, from where, what happened: never the password that was tried."""
    if succeeded:
        security_log.info("login succeeded user=%s ip=%s", username, ip)
    else:
        security_log.warning("login failed user=%s ip=%s", username, ip)


def log_permission_denied(username: str, ip: str, resource: str) -> None:
    security_log.warning("permission denied user=%s ip=%s resource=%s", username, ip, resource)
