# --- PYODIDE:env --- #
import warnings

from course_helpers.checks import returning

# The page's hashlib has no OpenSSL: pbkdf2_hmac is the pure-Python one, which warns that it
# is deprecated. Silence that warning, and only that one.
warnings.filterwarnings(
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
stored = returning(str, hash_password, "Tr0ub4dor&3", 1000)
assert stored.startswith("pbkdf2_sha256$1000$") and stored.count("$") == 3, (
    f"hash_password('Tr0ub4dor&3', 1000) returned {stored!r}. "
    "Hint: build the string f'pbkdf2_sha256${iterations}${salt}${hash}': four fields, three '$'."
)
ok = returning(bool, verify_password, "Tr0ub4dor&3", stored)
assert ok is True, (
    f"verify_password('Tr0ub4dor&3', {stored!r}) returned {ok!r}, for the password that was hashed. "
    "Hint: take the iterations and the salt from the stored string and derive the hash again with them."
)
ok = returning(bool, verify_password, "tr0ub4dor&3", stored)
assert ok is False, (
    "verify_password accepted 'tr0ub4dor&3' for a hash of 'Tr0ub4dor&3'. "
    "Hint: compare the derived hash with the stored one, and return False when they differ."
)
users = {"ada": "sha1$x7Kp$8b0397db801f9c9ea862d993461bd42b42a222d2"}
ok = returning(bool, login, users, "ada", "tr0ub4dor&3", 1000)
assert ok is True, (
    f"login(users, 'ada', 'tr0ub4dor&3', 1000) returned {ok!r} for ada's right password, stored in the old sha1 "
    "format. Hint: verify_password must read 'sha1$<salt>$<hex>' too: sha1 of the salt, then the password, in hex."
)
assert users["ada"].startswith("pbkdf2_sha256$1000$"), (
    f"After ada's login, users['ada'] is {users['ada']!r}: the old sha1 hash is still stored. "
    "Hint: after a right password, when the stored hash is not pbkdf2_sha256 with today's iterations, "
    "store hash_password(password, iterations) in users[username]."
)

# --- PYODIDE:secrets --- #
import base64
import hashlib
import hmac
import unicodedata

PASSWORD = "correct horse"

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
PBKDF2_OF_PASSWORD = "pbkdf2_sha256$1000$NaCl$y6UK+57OG2yJnZIbS3E5E599IliwIIbBdkxEFXXGYlM="
PBKDF2_2000_OF_PASSWORD = "pbkdf2_sha256$2000$NaCl$dYsDAyM6KskDolK745r91B9bRQYKcI/BJd7Dk9fsqBA="
SHA1_OF_PASSWORD = "sha1$NaCl$cb663666d348d6a743f6c71bc7ad005432cbcbd9"

NEVER_RAISE = (
    "verify_password must return False, never raise, for a stored value it cannot read: split on '$', check the "
    "algorithm and the number of fields, check that the iterations are digits, and compare bytes "
    "(hmac.compare_digest refuses str with non-ASCII characters)."
)


def hashed(password, iterations):
    return returning(
        str,
        hash_password,
        password,
        iterations,
        advice="hash_password returns the string f'pbkdf2_sha256${iterations}${salt}${hash}'.",
    )


def verified(password, stored):
    return returning(bool, verify_password, password, stored, advice=NEVER_RAISE)


def expected_hash(password, salt, iterations):
    normalised = unicodedata.normalize("NFKC", password).encode("utf-8")
    return base64.b64encode(hashlib.pbkdf2_hmac("sha256", normalised, salt.encode("utf-8"), iterations)).decode()


# 1. The format, derived exactly as the statement says, for every kind of password.
for password, iterations in [
    (PASSWORD, 1000),
    ("p\u00e4ssw\u00f6rd \u2713 \u65e5\u672c", 1500),
    ("pa$$word", 1000),
    ("", 1000),
]:
    stored = hashed(password, iterations)
    fields = stored.split("$")
    assert len(fields) == 4 and fields[0] == "pbkdf2_sha256" and fields[1] == str(iterations), (
        f"hash_password({password!r}, {iterations}) returned {stored!r}. Hint: four fields joined by '$': "
        "'pbkdf2_sha256', the iterations you were given, the salt, the base64 hash."
    )
    salt = fields[2]
    assert len(salt) >= 22 and "$" not in salt, (
        f"hash_password({password!r}, {iterations}) used the salt {salt!r}. "
        "Hint: draw 16 random bytes for every hash with secrets.token_urlsafe(16) (22 characters, never a '$')."
    )
    assert fields[3] == expected_hash(password, salt, iterations), (
        f"The hash in {stored!r} is not base64 of pbkdf2_hmac('sha256', password, salt, {iterations}). "
        "Hint: NFKC-normalise the password, encode it and the salt to UTF-8, derive with hashlib.pbkdf2_hmac, "
        "then base64.b64encode(...).decode('ascii')."
    )
    assert not password or password not in stored, (
        f"hash_password({password!r}, ...) returned {stored!r}, which contains the password itself. "
        "Hint: store only the salt and the derived hash, never the password."
    )

# 2. A fresh salt for every hash: two hashes of one password differ.
first, second = hashed(PASSWORD, 1000), hashed(PASSWORD, 1000)
assert first != second, (
    f"Two hashes of {PASSWORD!r} are the same string, {first!r}: the salt is not fresh, so users with one "
    "password share one hash and one precomputed table cracks them all. "
    "Hint: call secrets.token_urlsafe(16) inside hash_password, for every hash."
)

# 3. The right password verifies, whoever wrote the hash; iterations and salt come from the stored value.
for password, stored, why in [
    (PASSWORD, first, "your own hash"),
    ("p\u00e4ssw\u00f6rd \u2713", hashed("p\u00e4ssw\u00f6rd \u2713", 1000), "your own hash of a non-ASCII password"),
    (PASSWORD, PBKDF2_OF_PASSWORD, "a pbkdf2_sha256 hash of 1000 iterations with the salt 'NaCl'"),
    (PASSWORD, PBKDF2_2000_OF_PASSWORD, "a pbkdf2_sha256 hash of 2000 iterations with the salt 'NaCl'"),
    (PASSWORD, SHA1_OF_PASSWORD, "the legacy 'sha1$NaCl$...' hash"),
]:
    ok = verified(password, stored)
    assert ok is True, (
        f"verify_password({password!r}, {stored!r}) returned {ok!r} for the right password ({why}). "
        "Hint: derive the hash again with the salt and the iterations read from the stored string (never a new "
        "salt, never today's setting), and compare it with the stored hash."
    )

# 4. Unicode: one password typed two ways is one password.
composed, decomposed = "caf\u00e9 cr\u00e8me", "cafe\u0301 cre\u0300me"
ok = verified(composed, hashed(decomposed, 1000))
assert ok is True, (
    f"A password hashed as {decomposed!r} (e + combining accent) did not verify as {composed!r} (\u00e9), the same "
    "text as another keyboard sends it. Hint: unicodedata.normalize('NFKC', password) before encoding, in both "
    "hash_password and verify_password."
)
plain_stored = "pbkdf2_sha256$1000$NaCl$" + expected_hash("file", "NaCl", 1000)
for typed in ("\ufb01le", "\uff46\uff49\uff4c\uff45"):
    ok = verified(typed, plain_stored)
    assert ok is True, (
        f"verify_password({typed!r}, <a pbkdf2_sha256 hash of 'file'>) returned {ok!r}: {typed!r} is 'file' written "
        "with compatibility characters (the ligature '\ufb01', fullwidth letters), so it is the same password once "
        "NFKC-normalised; NFC keeps those characters apart. Hint: unicodedata.normalize('NFKC', password), not "
        "'NFC', before encoding."
    )
legacy_cafe = "sha1$NaCl$" + hashlib.sha1(b"NaCl" + composed.encode("utf-8")).hexdigest()
ok = verified(decomposed, legacy_cafe)
assert ok is True, (
    f"verify_password({decomposed!r}, {legacy_cafe!r}) returned {ok!r}: that legacy sha1 hash was made from "
    f"{composed!r} normalised, and {decomposed!r} (e + combining accent) is the same text. "
    "Hint: the sha1 branch hashes the normalised password too: hashlib.sha1(salt.encode('utf-8') + "
    "unicodedata.normalize('NFKC', password).encode('utf-8'))."
)

# 5. The comparison runs in constant time: hmac.compare_digest, called through the hmac module.
real_compare = hmac.compare_digest
compared = []


def spy_compare(a, b):
    compared.append((a, b))
    return real_compare(a, b)


for password, stored in [("correct horsf", first), (PASSWORD, first), ("correct horsf", SHA1_OF_PASSWORD)]:
    compared.clear()
    hmac.compare_digest = spy_compare
    try:
        verified(password, stored)
    finally:
        hmac.compare_digest = real_compare
    assert compared, (
        f"verify_password({password!r}, {stored[:30]!r}...) did not call hmac.compare_digest. '==' stops at the "
        "first differing character, and the time it takes tells an attacker how much of a guess was right. "
        "Hint: return hmac.compare_digest(derived.encode(), stored_hash.encode())."
    )

# 6. Near misses of the password are refused by every hash of it.
for stored in (first, PBKDF2_OF_PASSWORD, SHA1_OF_PASSWORD):
    for attempt in WRONG_PASSWORD_PAYLOADS:
        ok = verified(attempt, stored)
        assert ok is False, (
            f"verify_password({attempt!r}, {stored[:30]!r}...) returned {ok!r}, for a hash of {PASSWORD!r}: "
            "a wrong password logs in. Hint: compare the whole derived hash with the whole stored hash; do not "
            "strip, lower-case or shorten the password."
        )

# 7. Stored values it cannot read, or did not write: False, never an exception.
for stored in STORED_PAYLOADS:
    for attempt in (PASSWORD, stored, ""):
        ok = verified(attempt, stored)
        fields = stored.split("$")
        if fields[0] == "pbkdf2_sha256" and len(fields) == 4 and fields[1].strip():
            assert ok is False, (
                f"verify_password({attempt!r}, {stored!r}) returned {ok!r}: the iterations field {fields[1]!r} is "
                "not a positive number as str(iterations) writes it. int() also reads '+1000', ' 1000', '1000\\n', "
                "'1_000' and Arabic-Indic digits, so a stored value this app never wrote passes for one it did. "
                "Hint: accept the iterations only if re.fullmatch(r'[1-9][0-9]*', field): ASCII digits, no sign, "
                "no space, no '_', no leading zero."
            )
        assert ok is False, (
            f"verify_password({attempt!r}, {stored!r}) returned {ok!r}. That stored value is not a hash this app "
            "accepts: a wrong field count, iterations that are not a positive number written in digits, or an "
            "algorithm other than pbkdf2_sha256 and the legacy sha1 (md5, sha256 and pbkdf2_sha1 are all refused). "
            "Hint: accept exactly 'pbkdf2_sha256' with 4 fields and 'sha1' with 3; return False for anything else."
        )

# 8. login: upgrade on a right password, nothing on a wrong one, same work for an unknown user.
real_pbkdf2 = hashlib.pbkdf2_hmac
derivations = []


def spy_pbkdf2(hash_name, password, salt, iterations, *args, **kwargs):
    derivations.append(iterations)
    return real_pbkdf2(hash_name, password, salt, iterations, *args, **kwargs)


def logged_in(users, username, password, iterations, why):
    hashlib.pbkdf2_hmac = spy_pbkdf2
    derivations.clear()
    try:
        return returning(
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
        hashlib.pbkdf2_hmac = real_pbkdf2


def accounts():
    return {
        "old": PBKDF2_OF_PASSWORD,
        "legacy": SHA1_OF_PASSWORD,
        "current": PBKDF2_2000_OF_PASSWORD,
        "ahead": "pbkdf2_sha256$3000$NaCl$" + expected_hash(PASSWORD, "NaCl", 3000),
        "broken": "pbkdf2_sha256$1000$NaCl",
    }


users = accounts()
before = dict(users)
for username in ("old", "legacy", "current", "ahead", "broken", "nobody"):
    for attempt in ("correct horsf", ""):
        ok = logged_in(users, username, attempt, 2000, "a wrong password")
        assert ok is False, (
            f"login(users, {username!r}, {attempt!r}, 2000) returned {ok!r}: a wrong password logged in. "
            "Hint: return False unless verify_password(password, users[username]) is True."
        )
        assert users == before, (
            f"After a failed login of {username!r} with {attempt!r}, users changed from {before!r} to {users!r}. "
            "An attacker who does not know the password must not be able to rewrite a stored hash. "
            "Hint: verify first, and store a new hash only after a right password."
        )
    if username == "nobody":
        assert derivations and max(derivations) >= 2000, (
            "login of the unknown user 'nobody' returned without deriving a hash, so it answers faster than for a "
            "real user with a wrong password: the response time tells an attacker which usernames exist. "
            "Hint: when users.get(username) is None, still run hash_password(password, iterations), then return False."
        )

for username, why in [("old", "a hash of 1000 iterations"), ("legacy", "a legacy sha1 hash")]:
    ok = logged_in(users, username, PASSWORD, 2000, why)
    assert ok is True, (
        f"login(users, {username!r}, {PASSWORD!r}, 2000) returned {ok!r} for the right password ({why}). "
        "Hint: a right password logs in, whatever format or iterations the stored hash has."
    )
    upgraded = users[username]
    fields = upgraded.split("$")
    assert len(fields) == 4 and fields[:2] == ["pbkdf2_sha256", "2000"], (
        f"After {username!r} logged in with the right password, the stored value is {upgraded!r} ({why}). "
        "Hint: when the stored hash is not pbkdf2_sha256 or has fewer iterations than today's, store "
        "hash_password(password, iterations): this login is the one moment the app knows the password."
    )
    assert fields[2] != "NaCl" and verified(PASSWORD, upgraded) is True, (
        f"The upgraded hash {upgraded!r} kept the old salt or does not verify. "
        "Hint: upgrade with hash_password(password, iterations), which draws a fresh salt."
    )

for username in ("current", "ahead"):
    kept = users[username]
    ok = logged_in(users, username, PASSWORD, 2000, "a hash with at least today's iterations")
    assert ok is True and users[username] == kept, (
        f"login(users, {username!r}, {PASSWORD!r}, 2000) returned {ok!r} and changed {kept!r} into "
        f"{users[username]!r}: it rehashed a hash that already has at least 2000 iterations. Rehashing on every "
        "login costs a second derivation and a database write each time. "
        "Hint: rehash only when the algorithm is not pbkdf2_sha256 or the stored iterations are fewer than today's."
    )
assert set(users) == set(before), (
    f"login added or removed users: {sorted(users)} instead of {sorted(before)}. "
    "Hint: login writes only users[username], and only to upgrade a verified hash."
)
