# --- PYODIDE:env --- #
from course_helpers.checks import returning as _returning

SECRET = b"server-side secret, 32 bytes...."
NOW = 1_750_000_000.0  # a moment, in seconds since the epoch: the checks choose the time

# --- PYODIDE:code --- #
import hashlib
import hmac
import secrets


def issue_token(secret: bytes, session_id: str, now: float) -> str:
    nonce = secrets.token_urlsafe(16)
    return nonce


def verify_token(secret: bytes, session_id: str, token: str, now: float, max_age: float = 3600) -> bool:
    return bool(token)


# --- PYODIDE:corr --- #
import hashlib
import hmac
import json
import re
import secrets

TOKEN = re.compile(r"([A-Za-z0-9_-]+)\.([0-9]+)\.([0-9a-f]{64})")


def _mac(secret: bytes, session_id: str, nonce: str, issued: str) -> str:
    message = json.dumps([session_id, nonce, issued])  # one field can never run into the next
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).hexdigest()


def issue_token(secret: bytes, session_id: str, now: float) -> str:
    nonce = secrets.token_urlsafe(16)
    issued = str(int(now))
    return f"{nonce}.{issued}.{_mac(secret, session_id, nonce, issued)}"


def verify_token(secret: bytes, session_id: str, token: str, now: float, max_age: float = 3600) -> bool:
    if not isinstance(token, str):
        return False
    parts = TOKEN.fullmatch(token)
    if parts is None:
        return False
    nonce, issued, mac = parts.groups()
    expected = _mac(secret, session_id, nonce, issued)
    if not hmac.compare_digest(expected.encode("ascii"), mac.encode("ascii")):
        return False
    age = now - int(issued)
    return 0 <= age <= max_age


# --- PYODIDE:tests --- #
_checked_token = _returning(str, issue_token, SECRET, "session-alice", NOW)
_ok = _returning(bool, verify_token, SECRET, "session-alice", _checked_token, NOW + 60)
assert _ok is True, (
    f"A token issued for 'session-alice' a minute ago was refused: {_checked_token!r}. "
    "Hint: verify_token recomputes the HMAC over the same session id, nonce and time, and compares."
)
_ok = _returning(bool, verify_token, SECRET, "session-bob", _checked_token, NOW + 60)
assert _ok is False, (
    "Alice's token was accepted for the session 'session-bob': whoever holds one token can use it in any session. "
    "Hint: put the session id in the message the HMAC signs."
)
_ok = _returning(bool, verify_token, SECRET, "session-alice", _checked_token, NOW + 3601)
assert _ok is False, (
    "A token 3601 seconds old was accepted with max_age=3600. "
    "Hint: the token is valid while now - issued <= max_age, and refused after."
)

# --- PYODIDE:secrets --- #
import hmac as _hmac
import re as _re
import secrets as _secrets

_issue_token, _verify_token = issue_token, verify_token  # the learner's functions, as their code defined them

_SESSION = "session-alice"
# Token texts an attacker can send as they are: none may be accepted, none may raise.
MALFORMED_PAYLOADS = [
    "",
    ".",
    "..",
    "...",
    "None",
    "null",
    "abc",
    "a.b",
    "a.b.c.d",
    "nonce.1750000000",
    "nonce.1750000000.",
    ".1750000000.00",
    "nonce.abc.0000000000000000000000000000000000000000000000000000000000000000",
    "nonce.-1.0000000000000000000000000000000000000000000000000000000000000000",
    "nonce.+1750000000.0000000000000000000000000000000000000000000000000000000000000000",
    "nonce. 1750000000.0000000000000000000000000000000000000000000000000000000000000000",
    "nonce.1e9.0000000000000000000000000000000000000000000000000000000000000000",
    "nonce.\u0661\u0667\u0665\u0660.0000000000000000000000000000000000000000000000000000000000000000",
    "nonce.1750000000.\u00e9\u00e9\u00e9",
    "nonc\u00e9.1750000000.0000000000000000000000000000000000000000000000000000000000000000",
    "nonce.1750000000.0000000000000000000000000000000000000000000000000000000000000000\n",
    "\x00.\x00.\x00",
]
# (victim's session, attacker's session, what the attacker puts before the nonce): the victim's
# token, its nonce so prefixed, checked for the attacker's session. A MAC over fields glued
# together, or joined with that character, signs the same bytes for both.
AMBIGUITY_PAYLOADS = [
    ("ab", "a", "b"),
    ("a|b", "a", "b|"),
    ("a:b", "a", "b:"),
    ("a\nb", "a", "b\n"),
    ("a\x00b", "a", "b\x00"),
    ("a,b", "a", "b,"),
    ("a b", "a", "b "),
    ("a-b", "a", "b-"),
    ("a_b", "a", "b_"),
    ("a/b", "a", "b/"),
]
# Alice's genuine token, issued at NOW (time '1750000000'), with only its time written another way; its MAC kept.
TIME_PAYLOADS = [
    "+1750000000",
    " 1750000000",
    "01750000000",
    "1_750000000",
    "1750000000 ",
    "1750000000\n",
    "\u0661\u0667\u0665\u0660\u0660\u0660\u0660\u0660\u0660\u0660",
]


def _verify(token, now, session=_SESSION, secret=SECRET, advice="", **limits):
    return _returning(
        bool,
        _verify_token,
        secret,
        session,
        token,
        now,
        **limits,
        advice=advice or "verify_token answers every token with True or False; a token that does not parse is False.",
    )


def _refused(token, now, attack, session=_SESSION, secret=SECRET, hint="", advice="", **limits):
    assert _verify(token, now, session, secret, advice, **limits) is False, (
        f"{attack} was accepted: {token!r}. Hint: {hint or 'recompute the MAC and compare; refuse any difference.'}"
    )


def _issued_for(session, now=NOW, secret=SECRET):
    token = _returning(str, _issue_token, secret, session, now, advice="issue_token returns the token as a str.")
    shape = _re.fullmatch(r"([A-Za-z0-9_-]{22})\.([0-9]+)\.([0-9a-f]{64})", token)
    assert not shape or shape[2] == str(int(now)) or shape[2] != str(round(now)), (
        f"issue_token({session!r}, now={now}) gave {token!r}: its time is {shape[2]}, where int(now) is {int(now)}. "
        f"Hint: round() takes {now} up to {round(now)}, a second in the future, which verify_token then refuses "
        "until that second comes; int(now) drops the fraction."
    )
    assert shape and shape[2] == str(int(now)), (
        f"issue_token({session!r}, now={now}) gave {token!r}. Hint: return '<nonce>.<issued>.<mac>': "
        f"secrets.token_urlsafe(16) (22 characters), int(now) written in digits ({int(now)}), the HMAC-SHA256 as .hexdigest()."
    )
    return token


# Legitimate tokens: accepted, up to max_age inclusive, for any session id.
for _session in ("session-alice", "", "Zoë", "0", "a.b", "a|b"):
    _checked_token = _issued_for(_session)
    for _delay in (0, 1, 1799.5, 3600):
        assert _verify(_checked_token, NOW + _delay, _session) is True, (
            f"A token issued for {_session!r} was refused {_delay} s later (max_age 3600): {_checked_token!r}. "
            "Hint: a token is valid while 0 <= now - issued <= max_age: exactly max_age is still valid."
        )
for _max_age, _delay, _valid in ((10, 10, True), (10, 10.001, False), (0, 0, True), (0, 1, False), (3600, 3601, False)):
    _checked_token = _issued_for(_SESSION)
    assert _verify(_checked_token, NOW + _delay, max_age=_max_age) is _valid, (
        f"A token {_delay} s old with max_age={_max_age} should be {'accepted' if _valid else 'refused'}: {_checked_token!r}. "
        "Hint: valid while now - issued <= max_age (exactly max_age included), refused as soon as it is larger; "
        "use the max_age you are given, not 3600."
    )
_checked_token = _issued_for(_SESSION, NOW + 0.6)
assert _verify(_checked_token, NOW + 0.6) is True, (
    f"A token issued at now={NOW + 0.6} was refused at that same now: {_checked_token!r}. "
    "Hint: the issued time is int(now), which is never after now: the age is 0.6 s."
)
_first, _second = _issued_for(_SESSION), _issued_for(_SESSION)
assert _first.split(".")[0] != _second.split(".")[0], (
    f"Two tokens issued for the same session at the same moment share their nonce: {_first!r}, {_second!r}. "
    "Hint: draw a new secrets.token_urlsafe(16) for every token, inside issue_token."
)

# Well-formed tokens an attacker can obtain or build.
_checked_token = _issued_for(_SESSION)
_checked_nonce, _checked_issued, _checked_mac = _checked_token.split(".")
_SAME_MESSAGE = "the HMAC signs the session id, the nonce and the time together; any change gives another MAC."
_refused(
    _checked_token,
    NOW + 5,
    "Alice's token, sent for the session 'session-mallory'",
    session="session-mallory",
    hint="put the session id in the message the HMAC signs: a token must be worthless in any other session.",
)
_refused(
    _issued_for("session-mallory"),
    NOW + 5,
    "Mallory's own valid token, sent for Alice's session",
    hint="put the session id in the message the HMAC signs: a token must be worthless in any other session.",
)
_refused(
    _checked_token,
    NOW + 5,
    "Alice's token, checked with another server secret",
    secret=b"another secret",
    hint="compute the MAC with the secret you are given.",
)
for _later in (1, -1, 3600, 10**9):
    _moved = f"{_checked_nonce}.{int(_checked_issued) + _later}.{_checked_mac}"
    _refused(
        _moved,
        NOW + 5,
        f"Alice's token with its time changed by {_later} s and the old MAC",
        hint=_SAME_MESSAGE + " Sign the issued time too, or an attacker extends an old token's life.",
    )
_refused(
    f"{_checked_nonce[::-1]}.{_checked_issued}.{_checked_mac}",
    NOW + 5,
    "Alice's token with another nonce and the old MAC",
    hint=_SAME_MESSAGE,
)
_flipped = _checked_mac[:-1] + ("0" if _checked_mac[-1] != "0" else "1")
_refused(
    f"{_checked_nonce}.{_checked_issued}.{_flipped}",
    NOW + 5,
    "Alice's token with the last hex digit of its MAC changed",
)
_refused(
    f"{_checked_nonce}.{_checked_issued}.{_checked_mac.upper()}",
    NOW + 5,
    "Alice's token with its MAC in capitals",
    hint="compare the MAC exactly, as .hexdigest() writes it, in lowercase.",
)
_refused(f"{_checked_nonce}.{_checked_issued}.{_checked_mac[:32]}", NOW + 5, "Alice's token with half its MAC")
_refused(f"{_checked_nonce}.{_checked_issued}.", NOW + 5, "Alice's token without its MAC")
_refused(_checked_token + ".", NOW + 5, "Alice's token with a dot added")
_refused(
    f"{_checked_nonce}.{_checked_issued}.{_checked_mac}.{_checked_mac}", NOW + 5, "Alice's token with a fourth part"
)
_refused(
    _issued_for(_SESSION, NOW + 60),
    NOW,
    "A token dated 60 s in the future",
    hint="refuse a token whose issued time is after now (0 <= now - issued): it was not issued by this clock.",
)
_refused(
    _issued_for(_SESSION, NOW + 1),
    NOW,
    "A token dated 1 s in the future",
    hint="refuse a token whose issued time is after now (0 <= now - issued): it was not issued by this clock.",
)
for _payload in MALFORMED_PAYLOADS:
    _refused(_payload, NOW, f"The token {_payload!r}", hint="parse strictly: three parts, ASCII digits for the time.")
_STRICT_TIME = (
    "parse the time strictly, ASCII digits only (re.fullmatch(r'[0-9]+', ...)), and sign it as the token writes "
    "it: int() also reads '+', spaces, '_' and the digits of other scripts, so a MAC over int(issued) or "
    "str(int(issued)) still matches a time written another way, and the token is no longer exactly the one issued."
)
for _rewritten in TIME_PAYLOADS:
    _refused(
        f"{_checked_nonce}.{_rewritten}.{_checked_mac}",
        NOW + 5,
        f"Alice's token with its time {_checked_issued!r} written {_rewritten!r}, and its genuine MAC",
        hint=_STRICT_TIME,
        advice=f"a token that does not parse is False, never an exception. {_STRICT_TIME}",
    )
for _payload in (None, _checked_token.encode(), 0, [_checked_token]):
    _refused(
        _payload,
        NOW + 5,
        f"The token {_payload!r} (a {type(_payload).__name__}, not a str)",
        hint="a request without a token gives None: check isinstance(token, str) first.",
        advice=f"the token here is a {type(_payload).__name__}, not a str: a request without a token gives None, "
        "and a client can send anything. Return False unless isinstance(token, str), before any parsing.",
    )
for _victim, _attacker, _prefix in AMBIGUITY_PAYLOADS:
    _genuine = _issued_for(_victim)
    _head, _when, _tag = _genuine.split(".")
    _refused(
        f"{_prefix}{_head}.{_when}.{_tag}",
        NOW + 5,
        f"The token of the session {_victim!r}, its nonce prefixed with {_prefix!r}, for the session {_attacker!r}",
        session=_attacker,
        hint="join the fields so that no two (session, nonce) pairs give the same message: json.dumps([...]) "
        "or a length prefix; a bare separator that a session id may hold is not enough.",
    )

# The comparison goes through hmac.compare_digest.
_calls = []
_real = _hmac.compare_digest


def _spy(a, b):
    _calls.append((a, b))
    return _real(a, b)


_imported = globals().get("compare_digest") is _real  # from hmac import compare_digest
try:
    _hmac.compare_digest = _secrets.compare_digest = _spy
    if _imported:
        globals()["compare_digest"] = _spy
    _accepted = _verify(_checked_token, NOW + 5)
    _refused_flip = _verify(f"{_checked_nonce}.{_checked_issued}.{_flipped}", NOW + 5)
finally:
    _hmac.compare_digest = _secrets.compare_digest = _real
    if _imported:
        globals()["compare_digest"] = _real
assert len(_calls) >= 2 and _accepted and not _refused_flip, (
    f"verify_token compared the MACs without hmac.compare_digest ({len(_calls)} calls seen for two tokens). "
    "Hint: == stops at the first differing character, so its time tells an attacker how many leading characters "
    "of a forged MAC are right; hmac.compare_digest(expected, given) takes the same time whatever they share."
)

# The MAC is an HMAC-SHA256 keyed with the secret: hmac.new, hmac.HMAC or hmac.digest, given the secret as key.
_keyed = []
_originals = {name: getattr(_hmac, name) for name in ("new", "HMAC", "digest")}


def _sha256(digestmod):
    try:
        return _originals["HMAC"](b"k", b"", digestmod).name == "hmac-sha256"
    except Exception:  # noqa: BLE001 - any digestmod the learner passed
        return False


def _hmac_spy(name):
    def spy(key, msg=None, digestmod="", *args, **kwargs):
        digest = kwargs.get("digest", digestmod)
        _keyed.append((name, key, _sha256(digest)))
        return _originals[name](key, msg, digestmod, *args, **kwargs)

    return spy


_spies = {name: _hmac_spy(name) for name in _originals}
_own = {name: globals().get(name) is _originals[name] for name in _originals}  # from hmac import new
try:
    for _name, _function in _spies.items():
        setattr(_hmac, _name, _function)
        if _own[_name]:
            globals()[_name] = _function
    _checked_token = _issued_for(_SESSION, secret=b"another 32-byte server secret...")
finally:
    for _name, _function in _originals.items():
        setattr(_hmac, _name, _function)
        if _own[_name]:
            globals()[_name] = _function
assert any(key == b"another 32-byte server secret..." and sha256 for _, key, sha256 in _keyed), (
    f"issue_token made {_checked_token!r} without an HMAC-SHA256 keyed with the secret (the hmac module saw "
    f"{[(name, key) for name, key, _ in _keyed] or 'no call'}). "
    "Hint: hmac.new(secret, message, hashlib.sha256).hexdigest(). A bare hashlib.sha256(secret + message) is open "
    "to length extension: whoever knows one MAC can compute the MAC of the message with bytes appended, no secret "
    "needed; HMAC is built to prevent that."
)
