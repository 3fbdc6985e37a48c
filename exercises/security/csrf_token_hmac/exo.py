# --- PYODIDE:env --- #
from course_helpers.checks import returning

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
token = returning(str, issue_token, SECRET, "session-alice", NOW)
ok = returning(bool, verify_token, SECRET, "session-alice", token, NOW + 60)
assert ok is True, (
    f"A token issued for 'session-alice' a minute ago was refused: {token!r}. "
    "Hint: verify_token recomputes the HMAC over the same session id, nonce and time, and compares."
)
ok = returning(bool, verify_token, SECRET, "session-bob", token, NOW + 60)
assert ok is False, (
    "Alice's token was accepted for the session 'session-bob': whoever holds one token can use it in any session. "
    "Hint: put the session id in the message the HMAC signs."
)
ok = returning(bool, verify_token, SECRET, "session-alice", token, NOW + 3601)
assert ok is False, (
    "A token 3601 seconds old was accepted with max_age=3600. "
    "Hint: the token is valid while now - issued <= max_age, and refused after."
)

# --- PYODIDE:secrets --- #
import hmac
import re
import secrets

SESSION = "session-alice"
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


def verify(token, now, session=SESSION, secret=SECRET, **limits):
    return returning(
        bool,
        verify_token,
        secret,
        session,
        token,
        now,
        **limits,
        advice="verify_token answers every token with True or False; a token that does not parse is False.",
    )


def refused(token, now, attack, session=SESSION, secret=SECRET, hint="", **limits):
    assert verify(token, now, session, secret, **limits) is False, (
        f"{attack} was accepted: {token!r}. Hint: {hint or 'recompute the MAC and compare; refuse any difference.'}"
    )


def issued_for(session, now=NOW, secret=SECRET):
    token = returning(str, issue_token, secret, session, now, advice="issue_token returns the token as a str.")
    shape = re.fullmatch(r"([A-Za-z0-9_-]{22})\.([0-9]+)\.([0-9a-f]{64})", token)
    assert shape and shape[2] == str(int(now)), (
        f"issue_token({session!r}, now={now}) gave {token!r}. Hint: return '<nonce>.<issued>.<mac>': "
        f"secrets.token_urlsafe(16) (22 characters), int(now) written in digits ({int(now)}), the HMAC-SHA256 as .hexdigest()."
    )
    return token


# Legitimate tokens: accepted, up to max_age inclusive, for any session id.
for session in ("session-alice", "", "Zoë", "0", "a.b", "a|b"):
    token = issued_for(session)
    for delay in (0, 1, 1799.5, 3600):
        assert verify(token, NOW + delay, session) is True, (
            f"A token issued for {session!r} was refused {delay} s later (max_age 3600): {token!r}. "
            "Hint: a token is valid while 0 <= now - issued <= max_age: exactly max_age is still valid."
        )
for max_age, delay, valid in ((10, 10, True), (10, 10.001, False), (0, 0, True), (0, 1, False), (3600, 3601, False)):
    token = issued_for(SESSION)
    assert verify(token, NOW + delay, max_age=max_age) is valid, (
        f"A token {delay} s old with max_age={max_age} should be {'accepted' if valid else 'refused'}: {token!r}. "
        "Hint: valid while now - issued <= max_age (exactly max_age included), refused as soon as it is larger; "
        "use the max_age you are given, not 3600."
    )
first, second = issued_for(SESSION), issued_for(SESSION)
assert first.split(".")[0] != second.split(".")[0], (
    f"Two tokens issued for the same session at the same moment share their nonce: {first!r}, {second!r}. "
    "Hint: draw a new secrets.token_urlsafe(16) for every token, inside issue_token."
)

# Well-formed tokens an attacker can obtain or build.
token = issued_for(SESSION)
nonce, issued, mac = token.split(".")
SAME_MESSAGE = "the HMAC signs the session id, the nonce and the time together; any change gives another MAC."
refused(
    token,
    NOW + 5,
    "Alice's token, sent for the session 'session-mallory'",
    session="session-mallory",
    hint="put the session id in the message the HMAC signs: a token must be worthless in any other session.",
)
refused(
    issued_for("session-mallory"),
    NOW + 5,
    "Mallory's own valid token, sent for Alice's session",
    hint="put the session id in the message the HMAC signs: a token must be worthless in any other session.",
)
refused(
    token,
    NOW + 5,
    "Alice's token, checked with another server secret",
    secret=b"another secret",
    hint="compute the MAC with the secret you are given.",
)
for later in (1, -1, 3600, 10**9):
    moved = f"{nonce}.{int(issued) + later}.{mac}"
    refused(
        moved,
        NOW + 5,
        f"Alice's token with its time changed by {later} s and the old MAC",
        hint=SAME_MESSAGE + " Sign the issued time too, or an attacker extends an old token's life.",
    )
refused(f"{nonce[::-1]}.{issued}.{mac}", NOW + 5, "Alice's token with another nonce and the old MAC", hint=SAME_MESSAGE)
flipped = mac[:-1] + ("0" if mac[-1] != "0" else "1")
refused(f"{nonce}.{issued}.{flipped}", NOW + 5, "Alice's token with the last hex digit of its MAC changed")
refused(
    f"{nonce}.{issued}.{mac.upper()}",
    NOW + 5,
    "Alice's token with its MAC in capitals",
    hint="compare the MAC exactly, as .hexdigest() writes it, in lowercase.",
)
refused(f"{nonce}.{issued}.{mac[:32]}", NOW + 5, "Alice's token with half its MAC")
refused(f"{nonce}.{issued}.", NOW + 5, "Alice's token without its MAC")
refused(token + ".", NOW + 5, "Alice's token with a dot added")
refused(f"{nonce}.{issued}.{mac}.{mac}", NOW + 5, "Alice's token with a fourth part")
refused(
    issued_for(SESSION, NOW + 60),
    NOW,
    "A token dated 60 s in the future",
    hint="refuse a token whose issued time is after now (0 <= now - issued): it was not issued by this clock.",
)
refused(
    issued_for(SESSION, NOW + 1),
    NOW,
    "A token dated 1 s in the future",
    hint="refuse a token whose issued time is after now (0 <= now - issued): it was not issued by this clock.",
)
for payload in MALFORMED_PAYLOADS:
    refused(payload, NOW, f"The token {payload!r}", hint="parse strictly: three parts, ASCII digits for the time.")
for payload in (None, token.encode(), 0, [token]):
    refused(
        payload,
        NOW + 5,
        f"The token {payload!r} (a {type(payload).__name__}, not a str)",
        hint="a request without a token gives None: check isinstance(token, str) first.",
    )
for victim, attacker, prefix in AMBIGUITY_PAYLOADS:
    genuine = issued_for(victim)
    head, when, tag = genuine.split(".")
    refused(
        f"{prefix}{head}.{when}.{tag}",
        NOW + 5,
        f"The token of the session {victim!r}, its nonce prefixed with {prefix!r}, for the session {attacker!r}",
        session=attacker,
        hint="join the fields so that no two (session, nonce) pairs give the same message: json.dumps([...]) "
        "or a length prefix; a bare separator that a session id may hold is not enough.",
    )

# The comparison goes through hmac.compare_digest.
calls = []
real = hmac.compare_digest


def spy(a, b):
    calls.append((a, b))
    return real(a, b)


imported = globals().get("compare_digest") is real  # from hmac import compare_digest
try:
    hmac.compare_digest = secrets.compare_digest = spy
    if imported:
        globals()["compare_digest"] = spy
    accepted = verify(token, NOW + 5)
    refused_flip = verify(f"{nonce}.{issued}.{flipped}", NOW + 5)
finally:
    hmac.compare_digest = secrets.compare_digest = real
    if imported:
        globals()["compare_digest"] = real
assert len(calls) >= 2 and accepted and not refused_flip, (
    f"verify_token compared the MACs without hmac.compare_digest ({len(calls)} calls seen for two tokens). "
    "Hint: == stops at the first differing character, so its time tells an attacker how many leading characters "
    "of a forged MAC are right; hmac.compare_digest(expected, given) takes the same time whatever they share."
)
