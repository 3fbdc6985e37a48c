# --- PYODIDE:env --- #
from course_helpers.checks import returning as _returning

# --- PYODIDE:code --- #
from urllib.parse import urlsplit


def safe_next(target, allowed_hosts, default="/"):
    return target


# --- PYODIDE:corr --- #
import unicodedata
from urllib.parse import urlsplit


def safe_next(target, allowed_hosts, default="/"):
    if not target:
        return default
    for char in target:
        if char == "\\" or unicodedata.category(char).startswith("C"):
            return default
    if target.startswith("/"):
        if target.startswith("//"):
            return default
        return target
    try:
        parts = urlsplit(target)
    except ValueError:
        return default
    hosts = {host.lower() for host in allowed_hosts}
    if parts.scheme == "https" and parts.netloc.lower() in hosts:
        return target
    return default


# --- PYODIDE:tests --- #
_HOSTS = {"good.example"}
for _target in ("/books/1", "https://good.example/account"):
    _got = _returning(str, safe_next, _target, _HOSTS)
    assert _got == _target, (
        f"safe_next({_target!r}, {_HOSTS!r}) returned {_got!r}: that target stays on the site and must come back as is. "
        "Hint: a path that starts with one '/', or an https:// URL whose host is allowed, is returned unchanged."
    )
_got = _returning(str, safe_next, "https://evil.example/login", _HOSTS)
assert _got == "/", (
    f"safe_next('https://evil.example/login', {_HOSTS!r}) returned {_got!r}: after logging in, the user lands on "
    "the attacker's copy of your login page. Hint: an absolute URL is allowed only if its host is in allowed_hosts."
)

# --- PYODIDE:secrets --- #
_ALLOWED = {"good.example", "Shop.Example:8443"}

SCHEME_PAYLOADS = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "https:evil.example",
    "https:/evil.example",
    "ftp://good.example/file",
]
SCHEME_RELATIVE_PAYLOADS = [
    "//evil.example",
    "//evil.example/login?next=/",
]
BACKSLASH_PAYLOADS = [
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "///evil.example",
    "https://evil.example\\@good.example",
]
CONTROL_PAYLOADS = [
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "\x00//evil.example",
    "\x1f/evil.example",
    "/books\x7f",
    "/a\u202egood",
    "https://good.example/a\tb",
]
NO_SLASH_PAYLOADS = [
    "evil.example",
    "books/1",
    "./x",
]
HOST_PAYLOADS = [
    "https://evil.example",
    "https://evil.example/account",
    "https://good.example@evil.example",
    "https://good.example:x@evil.example/",
    "https://good.example.evil.example/",
    "https://evilgood.example/",
    "https://g\u043e\u043ed.example/account",
    "https://good.example\u3002evil.example/",
    "https://good.example:8443/",
    "https://[::1/",
]
DOWNGRADE_PAYLOADS = [
    "http://good.example/account",
]

_WHY = {
    "SCHEME": "a javascript: or data: URL runs the attacker's script on your origin, and 'https:evil.example' "
    "(no '//') can be read by browsers as https://evil.example",
    "SCHEME_RELATIVE": "a URL that starts with '//' is protocol-relative: the browser keeps the scheme and goes "
    "to the host that follows",
    "BACKSLASH": "browsers read '\\' as '/' in http(s) URLs, and '///' as '//': urlsplit() sees a path, the browser "
    "sees another host",
    "CONTROL": "browsers drop tabs and newlines anywhere in a URL and strip leading spaces and control "
    "characters, so what is left may start with '//'; an invisible character (DEL, a right-to-left override) "
    "hides what the user is sent to, and a URL your site built holds none of them, path or absolute",
    "HOST": "the host is not exactly one of allowed_hosts (user info before '@', a longer name, a lookalike letter, "
    "another port)",
    "DOWNGRADE": "http:// sends the user, and any cookie without Secure, over plain HTTP",
    "NO_SLASH": "a target with neither a scheme nor a leading '/' is resolved against the login page's own URL, "
    "so where it lands depends on that page, and 'evil.example' reads like a host to the next piece of code "
    "that adds '//' or 'https://' in front of it; the statement accepts two shapes only",
}
_HINTS = {
    "SCHEME": "accept an absolute URL only when urlsplit(target).scheme == 'https' and its netloc is allowed.",
    "SCHEME_RELATIVE": "a relative target must start with exactly one '/': refuse target.startswith('//').",
    "BACKSLASH": "refuse any target that holds a backslash, before looking at its slashes.",
    "CONTROL": "refuse any target holding a control or format character (unicodedata.category(c) starting "
    "with 'C': tab, newline, DEL and U+202E included), in an absolute URL as in a path: a URL your site produced "
    "is percent-encoded.",
    "HOST": "compare the whole netloc, lowercased, with the allowed hosts lowercased: never startswith, endswith "
    "or hostname (which drops what comes before '@').",
    "DOWNGRADE": "allow the https scheme only.",
    "NO_SLASH": "unlike Django, accept a relative target only when it starts with '/': anything else must parse "
    "into an https scheme and an allowed netloc.",
}


def _check_refused(kind, payloads):
    for payload in payloads:
        got = _returning(str, safe_next, payload, _ALLOWED, "/home", advice=_HINTS[kind])
        assert got == "/home", (
            f"{payload!r} got through (safe_next returned {got!r} instead of the default '/home'): "
            f"{_WHY[kind]}. Hint: {_HINTS[kind]}"
        )


_check_refused("SCHEME", SCHEME_PAYLOADS)
_check_refused("SCHEME_RELATIVE", SCHEME_RELATIVE_PAYLOADS)
_check_refused("BACKSLASH", BACKSLASH_PAYLOADS)
# Before the control characters: the page's Python (3.11.3) does not strip leading spaces in urlsplit(), as
# CPython 3.11.4 and later do, so an answer that trusts urlsplit() meets ' //evil.example' differently there.
_check_refused("NO_SLASH", NO_SLASH_PAYLOADS)
_check_refused("CONTROL", CONTROL_PAYLOADS)
_check_refused("HOST", HOST_PAYLOADS)
_check_refused("DOWNGRADE", DOWNGRADE_PAYLOADS)

for _missing in (None, ""):
    _got = _returning(str, safe_next, _missing, _ALLOWED, "/home", advice="test `if not target:` first.")
    assert _got == "/home", (
        f"safe_next({_missing!r}, ...) returned {_got!r} instead of the default '/home'. "
        "Hint: no ?next= at all (None) or an empty one gives the default."
    )

_LEGITIMATE = [
    "/",
    "/books/1?x=1#top",
    "/search?q=//x",
    "/search?q=https://evil.example",
    "/%2F%2Fevil.example",
    "/livres/\u00e9t\u00e9",
    "/a//b",
    "https://good.example/account",
    "https://GOOD.example/account?tab=1",
    "HTTPS://good.example",
    "https://shop.example:8443/cart",
    "https://good.example?tab=1",
    "https://good.example#top",
]
for _target in _LEGITIMATE:
    _got = _returning(str, safe_next, _target, _ALLOWED, "/home")
    assert _got == _target, (
        f"safe_next({_target!r}, {_ALLOWED!r}, '/home') returned {_got!r}: that target stays on an allowed host, "
        "so the user must land there. Hint: a path starting with one '/' (a '//' later on is fine, and so is "
        "non-ASCII text or '%2F'), or an https:// URL whose netloc matches an allowed host ignoring case "
        "(followed by '/', '?', '#' or nothing), comes back unchanged."
    )

_got = _returning(str, safe_next, "https://good.example/", set(), "/home")
assert _got == "/home", (
    f"safe_next('https://good.example/', set(), '/home') returned {_got!r}: with no allowed host, no absolute URL "
    "is safe. Hint: look the netloc up in the allowed_hosts passed in, never in a list of your own."
)
