# --- PYODIDE:env --- #
import warnings as _warnings

from course_helpers.checks import returning as _returning

# The page's hashlib has no OpenSSL: pbkdf2_hmac is the pure-Python one, which warns that it
# is deprecated. Silence that warning, and only that one.
_warnings.filterwarnings(
    "ignore", message=r"Python implementation of pbkdf2_hmac\(\) is deprecated", category=DeprecationWarning
)

# --- PYODIDE:code --- #
import base64
import hashlib
import hmac
import secrets
import unicodedata


def hash_password(password, iterations): ...


def verify_password(password, stored): ...


def login(users, username, password, iterations): ...


# --- PYODIDE:corr --- #
import base64
import hashlib
import hmac
import re
import secrets
import unicodedata

ALGORITHM = "pbkdf2_sha256"


def password_bytes(password):
    """NFKC (as NIST SP 800-63B suggests), then UTF-8: one password, one byte string."""
    return unicodedata.normalize("NFKC", password).encode("utf-8")


def pbkdf2(password, salt, iterations):
    derived = hashlib.pbkdf2_hmac("sha256", password_bytes(password), salt.encode("utf-8"), iterations)
    return base64.b64encode(derived).decode("ascii")


def hash_password(password, iterations):
    salt = secrets.token_urlsafe(16)
    return f"{ALGORITHM}${iterations}${salt}${pbkdf2(password, salt, iterations)}"


def verify_password(password, stored):
    fields = stored.split("$")
    if fields[0] == ALGORITHM and len(fields) == 4:
        _, iterations, salt, expected = fields
        if not re.fullmatch(r"[1-9][0-9]*", iterations):
            return False
        actual = pbkdf2(password, salt, int(iterations))
    elif fields[0] == "sha1" and len(fields) == 3:
        _, salt, expected = fields
        actual = hashlib.sha1(salt.encode("utf-8") + password_bytes(password)).hexdigest()
    else:
        return False
    return hmac.compare_digest(actual.encode("utf-8"), expected.encode("utf-8"))


def needs_rehash(stored, iterations):
    fields = stored.split("$")
    return fields[0] != ALGORITHM or int(fields[1]) < iterations


def login(users, username, password, iterations):
    stored = users.get(username)
    if stored is None:
        hash_password(password, iterations)  # as slow as a real check: no timing tells who exists
        return False
    if not verify_password(password, stored):
        return False
    if needs_rehash(stored, iterations):
        users[username] = hash_password(password, iterations)
    return True


# --- PYODIDE:tests --- #
_stored = _returning(str, hash_password, "Tr0ub4dor&3", 1000)
assert _stored.startswith("pbkdf2_sha256$1000$") and _stored.count("$") == 3, (
    f"hash_password('Tr0ub4dor&3', 1000) returned {_stored!r}. "
    "Hint: build the string f'pbkdf2_sha256${iterations}${salt}${hash}': four fields, three '$'."
)
_ok = _returning(bool, verify_password, "Tr0ub4dor&3", _stored)
assert _ok is True, (
    f"verify_password('Tr0ub4dor&3', {_stored!r}) returned {_ok!r}, for the password that was hashed. "
    "Hint: take the iterations and the salt from the stored string and derive the hash again with them."
)
_ok = _returning(bool, verify_password, "tr0ub4dor&3", _stored)
assert _ok is False, (
    "verify_password accepted 'tr0ub4dor&3' for a hash of 'Tr0ub4dor&3'. "
    "Hint: compare the derived hash with the stored one, and return False when they differ."
)
_users = {"ada": "sha1$x7Kp$8b0397db801f9c9ea862d993461bd42b42a222d2"}
_ok = _returning(bool, login, _users, "ada", "tr0ub4dor&3", 1000)
assert _ok is True, (
    f"login(users, 'ada', 'tr0ub4dor&3', 1000) returned {_ok!r} for ada's right password, stored in the old sha1 "
    "format. Hint: verify_password must read 'sha1$<salt>$<hex>' too: sha1 of the salt, then the password, in hex."
)
assert _users["ada"].startswith("pbkdf2_sha256$1000$"), (
    f"After ada's login, users['ada'] is {_users['ada']!r}: the old sha1 hash is still stored. "
    "Hint: after a right password, when the stored hash is not pbkdf2_sha256 with today's iterations, "
    "store hash_password(password, iterations) in users[username]."
)

# --- PYODIDE:secrets --- #
import base64 as _base64
import hashlib as _hashlib
import hmac as _hmac
import unicodedata as _unicodedata

_PASSWORD = "correct horse"

# Stored values that are not a hash this app wrote today. For each, verify_password must return False
# (never raise), whatever the password: the right one, the stored value itself, or "".
STORED_PAYLOADS = [
    "",
    "plaintext",
    "correct horse",
    "!Xk3rS9PLUxZcVb2",
    "pbkdf2_sha256$",
    "pbkdf2_sha256$1000$NaCl",
    "pbkdf2_sha256$1000$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM=$extra",
    "pbkdf2_sha256$abc$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM=",
    "pbkdf2_sha256$$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM=",
    "pbkdf2_sha256$0$NaCl$aGFzaA==",
    "pbkdf2_sha256$-1000$NaCl$aGFzaA==",
    "pbkdf2_sha256$\u00b2$NaCl$aGFzaA==",
    "pbkdf2_sha256$1000$Na$Cl$+GY5iyMo1/qZ1108VonB2mltKMzLsjVGlXW+5jT3V/Y=",
    "pbkdf2_sha256$1000$NaCl$h\u00e9",
    "sha1$NaCl",
    "sha1$NaCl$cb663666d348d6a743f6c71bc7ad005432cbcbd9$extra",
    "md5$NaCl$d897cc54e94fe33e4da398599cbdfbec",
    "sha256$NaCl$cc0c19e7e854dad3a1ac59d270a830024c7d2efa248ea80d0a27223f30bbf504",
    "pbkdf2_sha1$1000$NaCl$wTijAypcehTb83ax3kkR/eHCLg0=",
    "pbkdf2_sha512$1000$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM=",
    "md5$NaCl$cb663666d348d6a743f6c71bc7ad005432cbcbd9",
    "pbkdf2_sha256$1_000$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM=",
    "pbkdf2_sha256$+1000$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM=",
    "pbkdf2_sha256$ 1000$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM=",
    "pbkdf2_sha256$1000\n$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM=",
    "pbkdf2_sha256$\u0661\u0660\u0660\u0660$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM=",
    "pbkdf2_sha256$01000$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM=",
]

# Near misses of PASSWORD: each must be refused by every hash of PASSWORD.
WRONG_PASSWORD_PAYLOADS = [
    "correct hors",
    "correct horsf",
    "Correct horse",
    "CORRECT HORSE",
    "correct horse ",
    " correct horse",
    "correct horse\n",
    "correct  horse",
    "",
]

# Hashes of PASSWORD written by other code, that verify_password must accept.
_PBKDF2_OF_PASSWORD = "pbkdf2_sha256$1000$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM="
_PBKDF2_2000_OF_PASSWORD = "pbkdf2_sha256$2000$NaCl$dYsDAyM6KskDolK745r91B9bRQYKcI/BJd7Dk9fsqBA="
_SHA1_OF_PASSWORD = "sha1$NaCl$cb663666d348d6a743f6c71bc7ad005432cbcbd9"

_NEVER_RAISE = (
    "verify_password must return False, never raise, for a stored value it cannot read: split on '$', check the "
    "algorithm and the number of fields, check that the iterations are digits, and compare bytes "
    "(hmac.compare_digest refuses str with non-ASCII characters)."
)


def _hashed(password, iterations):
    return _returning(
        str,
        hash_password,
        password,
        iterations,
        advice="hash_password returns the string f'pbkdf2_sha256${iterations}${salt}${hash}'.",
    )


def _verified(password, stored):
    return _returning(bool, verify_password, password, stored, advice=_NEVER_RAISE)


def _expected_hash(password, salt, iterations):
    normalised = _unicodedata.normalize("NFKC", password).encode("utf-8")
    return _base64.b64encode(_hashlib.pbkdf2_hmac("sha256", normalised, salt.encode("utf-8"), iterations)).decode()


# 1. The format, derived exactly as the statement says, for every kind of password.
for _password, _iterations in [
    (_PASSWORD, 1000),
    ("p\u00e4ssw\u00f6rd \u2713 \u65e5\u672c", 1500),
    ("pa$$word", 1000),
    ("", 1000),
]:
    _stored = _hashed(_password, _iterations)
    _fields = _stored.split("$")
    assert len(_fields) == 4 and _fields[0] == "pbkdf2_sha256" and _fields[1] == str(_iterations), (
        f"hash_password({_password!r}, {_iterations}) returned {_stored!r}. Hint: four fields joined by '$': "
        "'pbkdf2_sha256', the iterations you were given, the salt, the base64 hash."
    )
    _salt = _fields[2]
    assert len(_salt) >= 22 and "$" not in _salt, (
        f"hash_password({_password!r}, {_iterations}) used the salt {_salt!r}. "
        "Hint: draw 16 random bytes for every hash with secrets.token_urlsafe(16) (22 characters, never a '$')."
    )
    assert _fields[3] == _expected_hash(_password, _salt, _iterations), (
        f"The hash in {_stored!r} is not base64 of pbkdf2_hmac('sha256', password, salt, {_iterations}). "
        "Hint: NFKC-normalise the password, encode it and the salt to UTF-8, derive with hashlib.pbkdf2_hmac, "
        "then base64.b64encode(...).decode('ascii')."
    )
    assert not _password or _password not in _stored, (
        f"hash_password({_password!r}, ...) returned {_stored!r}, which contains the password itself. "
        "Hint: store only the salt and the derived hash, never the password."
    )

# 2. A fresh salt for every hash: two hashes of one password differ.
_first, _second = _hashed(_PASSWORD, 1000), _hashed(_PASSWORD, 1000)
assert _first != _second, (
    f"Two hashes of {_PASSWORD!r} are the same string, {_first!r}: the salt is not fresh, so users with one "
    "password share one hash and one precomputed table cracks them all. "
    "Hint: call secrets.token_urlsafe(16) inside hash_password, for every hash."
)

# 3. The right password verifies, whoever wrote the hash; iterations and salt come from the stored value.
for _password, _stored, _why in [
    (_PASSWORD, _first, "your own hash"),
    ("p\u00e4ssw\u00f6rd \u2713", _hashed("p\u00e4ssw\u00f6rd \u2713", 1000), "your own hash of a non-ASCII password"),
    (_PASSWORD, _PBKDF2_OF_PASSWORD, "a pbkdf2_sha256 hash of 1000 iterations with the salt 'NaCl'"),
    (_PASSWORD, _PBKDF2_2000_OF_PASSWORD, "a pbkdf2_sha256 hash of 2000 iterations with the salt 'NaCl'"),
    (_PASSWORD, _SHA1_OF_PASSWORD, "the legacy 'sha1$NaCl$...' hash"),
]:
    _ok = _verified(_password, _stored)
    assert _ok is True, (
        f"verify_password({_password!r}, {_stored!r}) returned {_ok!r} for the right password ({_why}). "
        "Hint: derive the hash again with the salt and the iterations read from the stored string (never a new "
        "salt, never today's setting), and compare it with the stored hash."
    )

# 4. Unicode: one password typed two ways is one password.
_composed, _decomposed = "caf\u00e9 cr\u00e8me", "cafe\u0301 cre\u0300me"
_ok = _verified(_composed, _hashed(_decomposed, 1000))
assert _ok is True, (
    f"A password hashed as {_decomposed!r} (e + combining accent) did not verify as {_composed!r} (\u00e9), the same "
    "text as another keyboard sends it. Hint: unicodedata.normalize('NFKC', password) before encoding, in both "
    "hash_password and verify_password."
)
_plain_stored = "pbkdf2_sha256$1000$NaCl$" + _expected_hash("file", "NaCl", 1000)
for _typed in ("\ufb01le", "\uff46\uff49\uff4c\uff45"):
    _ok = _verified(_typed, _plain_stored)
    assert _ok is True, (
        f"verify_password({_typed!r}, <a pbkdf2_sha256 hash of 'file'>) returned {_ok!r}: {_typed!r} is 'file' written "
        "with compatibility characters (the ligature '\ufb01', fullwidth letters), so it is the same password once "
        "NFKC-normalised; NFC keeps those characters apart. Hint: unicodedata.normalize('NFKC', password), not "
        "'NFC', before encoding."
    )
_legacy_cafe = "sha1$NaCl$" + _hashlib.sha1(b"NaCl" + _composed.encode("utf-8")).hexdigest()
_ok = _verified(_decomposed, _legacy_cafe)
assert _ok is True, (
    f"verify_password({_decomposed!r}, {_legacy_cafe!r}) returned {_ok!r}: that legacy sha1 hash was made from "
    f"{_composed!r} normalised, and {_decomposed!r} (e + combining accent) is the same text. "
    "Hint: the sha1 branch hashes the normalised password too: hashlib.sha1(salt.encode('utf-8') + "
    "unicodedata.normalize('NFKC', password).encode('utf-8'))."
)

# 5. The comparison runs in constant time: hmac.compare_digest, called through the hmac module.
_real_compare = _hmac.compare_digest
_compared = []


def _spy_compare(a, b):
    _compared.append((a, b))
    return _real_compare(a, b)


for _password, _stored in [("correct horsf", _first), (_PASSWORD, _first), ("correct horsf", _SHA1_OF_PASSWORD)]:
    _compared.clear()
    _hmac.compare_digest = _spy_compare
    try:
        _verified(_password, _stored)
    finally:
        _hmac.compare_digest = _real_compare
    assert _compared, (
        f"verify_password({_password!r}, {_stored[:30]!r}...) did not call hmac.compare_digest. '==' stops at the "
        "first differing character, and the time it takes tells an attacker how much of a guess was right. "
        "Hint: return hmac.compare_digest(derived.encode(), stored_hash.encode())."
    )

# 6. Near misses of the password are refused by every hash of it.
for _stored in (_first, _PBKDF2_OF_PASSWORD, _SHA1_OF_PASSWORD):
    for _attempt in WRONG_PASSWORD_PAYLOADS:
        _ok = _verified(_attempt, _stored)
        assert _ok is False, (
            f"verify_password({_attempt!r}, {_stored[:30]!r}...) returned {_ok!r}, for a hash of {_PASSWORD!r}: "
            "a wrong password logs in. Hint: compare the whole derived hash with the whole stored hash; do not "
            "strip, lower-case or shorten the password."
        )

# 7. Stored values it cannot read, or did not write: False, never an exception.
for _stored in STORED_PAYLOADS:
    for _attempt in (_PASSWORD, _stored, ""):
        _ok = _verified(_attempt, _stored)
        _fields = _stored.split("$")
        if _fields[0] == "pbkdf2_sha256" and len(_fields) == 4 and _fields[1].strip():
            assert _ok is False, (
                f"verify_password({_attempt!r}, {_stored!r}) returned {_ok!r}: the iterations field {_fields[1]!r} is "
                "not a positive number as str(iterations) writes it. int() also reads '+1000', ' 1000', '1000\\n', "
                "'1_000' and Arabic-Indic digits, so a stored value this app never wrote passes for one it did. "
                "Hint: accept the iterations only if re.fullmatch(r'[1-9][0-9]*', field): ASCII digits, no sign, "
                "no space, no '_', no leading zero."
            )
        assert _ok is False, (
            f"verify_password({_attempt!r}, {_stored!r}) returned {_ok!r}. That stored value is not a hash this app "
            "accepts: a wrong field count, iterations that are not a positive number written in digits, or an "
            "algorithm other than pbkdf2_sha256 and the legacy sha1 (md5, sha256 and pbkdf2_sha1 are all refused). "
            "Hint: accept exactly 'pbkdf2_sha256' with 4 fields and 'sha1' with 3; return False for anything else."
        )

# 8. login: upgrade on a right password, nothing on a wrong one, same work for an unknown user.
_real_pbkdf2 = _hashlib.pbkdf2_hmac
_derivations = []


def _spy_pbkdf2(hash_name, password, salt, iterations, *args, **kwargs):
    _derivations.append(iterations)
    return _real_pbkdf2(hash_name, password, salt, iterations, *args, **kwargs)


def _logged_in(users, username, password, iterations, why):
    _hashlib.pbkdf2_hmac = _spy_pbkdf2
    _derivations.clear()
    try:
        return _returning(
            bool,
            login,
            users,
            username,
            password,
            iterations,
            described_as=f"login(users, {username!r}, {password!r}, {iterations}) ({why})",
            advice="login returns True or False; a missing user is users.get(username) is None.",
        )
    finally:
        _hashlib.pbkdf2_hmac = _real_pbkdf2


def _accounts():
    return {
        "old": _PBKDF2_OF_PASSWORD,
        "legacy": _SHA1_OF_PASSWORD,
        "current": _PBKDF2_2000_OF_PASSWORD,
        "ahead": "pbkdf2_sha256$3000$NaCl$" + _expected_hash(_PASSWORD, "NaCl", 3000),
        "broken": "pbkdf2_sha256$1000$NaCl",
    }


_users = _accounts()
_before = dict(_users)
for _username in ("old", "legacy", "current", "ahead", "broken", "nobody"):
    for _attempt in ("correct horsf", ""):
        _ok = _logged_in(_users, _username, _attempt, 2000, "a wrong password")
        assert _ok is False, (
            f"login(users, {_username!r}, {_attempt!r}, 2000) returned {_ok!r}: a wrong password logged in. "
            "Hint: return False unless verify_password(password, users[username]) is True."
        )
        assert _users == _before, (
            f"After a failed login of {_username!r} with {_attempt!r}, users changed from {_before!r} to {_users!r}. "
            "An attacker who does not know the password must not be able to rewrite a stored hash. "
            "Hint: verify first, and store a new hash only after a right password."
        )
    if _username == "nobody":
        assert _derivations and max(_derivations) >= 2000, (
            "login of the unknown user 'nobody' returned without deriving a hash, so it answers faster than for a "
            "real user with a wrong password: the response time tells an attacker which usernames exist. "
            "Hint: when users.get(username) is None, still run hash_password(password, iterations), then return False."
        )

for _username, _why in [("old", "a hash of 1000 iterations"), ("legacy", "a legacy sha1 hash")]:
    _ok = _logged_in(_users, _username, _PASSWORD, 2000, _why)
    assert _ok is True, (
        f"login(users, {_username!r}, {_PASSWORD!r}, 2000) returned {_ok!r} for the right password ({_why}). "
        "Hint: a right password logs in, whatever format or iterations the stored hash has."
    )
    _upgraded = _users[_username]
    _fields = _upgraded.split("$")
    assert len(_fields) == 4 and _fields[:2] == ["pbkdf2_sha256", "2000"], (
        f"After {_username!r} logged in with the right password, the stored value is {_upgraded!r} ({_why}). "
        "Hint: when the stored hash is not pbkdf2_sha256 or has fewer iterations than today's, store "
        "hash_password(password, iterations): this login is the one moment the app knows the password."
    )
    assert _fields[2] != "NaCl" and _verified(_PASSWORD, _upgraded) is True, (
        f"The upgraded hash {_upgraded!r} kept the old salt or does not verify. "
        "Hint: upgrade with hash_password(password, iterations), which draws a fresh salt."
    )

for _username in ("current", "ahead"):
    _kept = _users[_username]
    _ok = _logged_in(_users, _username, _PASSWORD, 2000, "a hash with at least today's iterations")
    assert _ok is True and _users[_username] == _kept, (
        f"login(users, {_username!r}, {_PASSWORD!r}, 2000) returned {_ok!r} and changed {_kept!r} into "
        f"{_users[_username]!r}: it rehashed a hash that already has at least 2000 iterations. Rehashing on every "
        "login costs a second derivation and a database write each time. "
        "Hint: rehash only when the algorithm is not pbkdf2_sha256 or the stored iterations are fewer than today's."
    )
assert set(_users) == set(_before), (
    f"login added or removed users: {sorted(_users)} instead of {sorted(_before)}. "
    "Hint: login writes only users[username], and only to upgrade a verified hash."
)
