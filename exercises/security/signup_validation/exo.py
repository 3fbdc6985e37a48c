# --- PYODIDE:env --- #
from course_helpers.checks import returning as _returning

# Names nobody may sign up with: they would pass for the site's own staff.
RESERVED_USERNAMES = frozenset({"admin", "administrator", "root", "support", "security", "system"})
# A few passwords from public breach corpora, in lower case (a real site checks millions, or a
# k-anonymity service such as Have I Been Pwned's range API).
BREACHED_PASSWORDS = frozenset(
    {"password", "password1", "12345678", "123456789", "qwertyuiop", "iloveyou", "sunshine1", "football1"}
)

# --- PYODIDE:code --- #
import re
import unicodedata


def validate_signup(payload):
    clean = dict(payload)
    if not re.match(r"[a-z0-9_]{3,30}$", payload["username"]):
        return clean, {"username": "Invalid username."}
    if "@" not in payload["email"]:
        return clean, {"email": "Invalid email."}
    if len(payload["password"]) < 8:
        return clean, {"password": "Too short."}
    if int(payload["age"]) < 13:
        return clean, {"age": "Too young."}
    return clean, {}


# --- PYODIDE:corr --- #
import re
import unicodedata

USERNAME = re.compile(r"[a-z0-9_]{3,30}")
LOCAL_PART = re.compile(r"[!-~]{1,64}")  # visible ASCII, no space
DOMAIN = re.compile(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def clean_username(value):
    if not isinstance(value, str):
        raise ValueError("Must be a string.")
    name = unicodedata.normalize("NFKC", value).lower()
    if not USERNAME.fullmatch(name):
        raise ValueError("Use 3 to 30 characters: lower-case letters, digits and _.")
    if name in RESERVED_USERNAMES:
        raise ValueError("This name is reserved.")
    return name


def clean_email(value):
    if not isinstance(value, str):
        raise ValueError("Must be a string.")
    email = value.strip()
    if email.count("@") != 1 or len(email) > 254:
        raise ValueError("Enter one address, name@domain.")
    local, domain = email.split("@")
    if not LOCAL_PART.fullmatch(local) or not DOMAIN.fullmatch(domain):
        raise ValueError("Enter one address, name@domain.")
    return f"{local}@{domain.lower()}"


def clean_password(value):
    if not isinstance(value, str):
        raise ValueError("Must be a string.")
    password = unicodedata.normalize("NFKC", value)
    if not 8 <= len(password) <= 128:
        raise ValueError("Use 8 to 128 characters.")
    if password.lower() in BREACHED_PASSWORDS:
        raise ValueError("This password appeared in a data breach: choose another.")
    return password


def clean_age(value):
    if type(value) is not int:  # bool is a subclass of int; "20" and 20.0 are not ints
        raise ValueError("Must be a whole number.")
    if not 13 <= value <= 130:
        raise ValueError("Must be between 13 and 130.")
    return value


CLEANERS = {"username": clean_username, "email": clean_email, "password": clean_password, "age": clean_age}


def validate_signup(payload):
    if not isinstance(payload, dict):
        return {}, {"__all__": "The body must be a JSON object."}
    clean, errors = {}, {}
    for field, cleaner in CLEANERS.items():
        if field not in payload:
            errors[field] = "This field is required."
            continue
        try:
            clean[field] = cleaner(payload[field])
        except ValueError as error:
            errors[field] = str(error)
    return clean, errors


# --- PYODIDE:tests --- #
def _run_signup(payload):
    """validate_signup(payload) through the checks: a crash or a wrong shape becomes a message with a hint."""
    result = _returning(
        tuple,
        validate_signup,
        payload,
        advice="validate_signup returns a tuple (clean, errors) for every payload, and never raises.",
    )
    assert len(result) == 2 and all(isinstance(part, dict) for part in result), (
        f"validate_signup({payload!r}) returned {result!r}. Hint: return exactly two dicts, (clean, errors)."
    )
    return result


_GOOD_SIGNUP = {"username": "Alice_7", "email": "alice@example.org", "password": "correct horse", "age": 30}
_got_clean, _got_errors = _run_signup(_GOOD_SIGNUP)
assert _got_errors == {}, (
    f"A valid signup got the errors {_got_errors!r}. Hint: 'Alice_7' lower-cased is a valid username, and a password "
    "of 8 to 128 characters with spaces and no digit is fine (no composition rules)."
)
assert _got_clean == {"username": "alice_7", "email": "alice@example.org", "password": "correct horse", "age": 30}, (
    f"For {_GOOD_SIGNUP!r}, clean is {_got_clean!r}. Hint: lower-case the username after NFKC; keep the other fields as they are."
)

_got_clean, _got_errors = _run_signup({**_GOOD_SIGNUP, "is_admin": True})
assert "is_admin" not in _got_clean, (
    f"The field 'is_admin' of the payload ended up in clean: {_got_clean!r}. A client who adds it makes itself an "
    "administrator (mass assignment). Hint: build clean field by field from the four declared fields; never "
    "copy the payload (dict(payload), payload.update, **payload)."
)

_bad_signup = {"username": "al", "email": "alice.example.org", "password": "correct horse", "age": 30}
_got_clean, _got_errors = _run_signup(_bad_signup)
assert set(_got_errors) == {"username", "email"}, (
    f"For {_bad_signup!r}, errors names {sorted(_got_errors)}; the username (too short) and the email (no @) are both wrong. "
    "Hint: check every field and collect the messages in one dict; do not return at the first problem."
)

# --- PYODIDE:secrets --- #
_validate_signup = validate_signup  # the learner's function, as their code defined it
import random as _random
import string as _string
import unicodedata as _unicodedata
from itertools import combinations as _combinations

_DECLARED_FIELDS = ("username", "email", "password", "age")
_VALID_SIGNUP = {"username": "zoe_2024", "email": "zoe@example.net", "password": "blue whale sky", "age": 41}


def _shortened(value):
    text = repr(value)
    return text if len(text) <= 100 else text[:97] + "..."


def _check_signup(payload):
    """validate_signup(payload), checked for shape: two dicts, clean holding declared fields only, errors of str."""
    shown = _shortened(payload)
    result = _returning(
        tuple,
        _validate_signup,
        payload,
        described_as=f"validate_signup({shown})",
        advice="Turn every problem of the payload into a message in errors; never let an exception out.",
    )
    assert len(result) == 2 and all(isinstance(part, dict) for part in result), (
        f"validate_signup({shown}) returned {result!r}. Hint: return exactly two dicts, (clean, errors)."
    )
    clean, errors = result
    extra = set(clean) - set(_DECLARED_FIELDS)
    assert not extra, (
        f"For {shown}, clean holds the undeclared keys {sorted(map(repr, extra))}: a client could set any "
        "attribute of the new account, is_admin included (mass assignment). Hint: put into clean only the four "
        "declared fields, each from its own cleaning code."
    )
    for field, message in errors.items():
        assert isinstance(message, str) and message, (
            f"For {shown}, errors[{field!r}] is {message!r}. Hint: each error is a non-empty message (a str)."
        )
    return clean, errors


def _expect_error(payload, field, danger, hint):
    clean, errors = _check_signup(payload)
    assert field in errors, f"{_shortened(payload[field])} as {field} got through: {danger} Hint: {hint}"
    assert field not in clean, (
        f"{field} {_shortened(payload[field])} is in errors and also in clean ({_shortened(clean[field])}). "
        "Hint: a field that fails goes into errors only."
    )


# --- payloads: the attacks, where user input enters ---
USERNAME_PAYLOADS = [
    "bob\n",
    "root\n",
    "ROOT",
    "Ａｄｍｉｎ",
    "ｒｏｏｔ",
    "admin\u0131",
    " bob",
    "bob smith",
    "bob\x00",
    "bob\u200b",
    "<script>",
    "bob'--",
    "../bob",
    "b\u00f6b",
    "x",
    "\ufb03\ufb03\ufb03\ufb03\ufb03\ufb03\ufb03\ufb03\ufb03\ufb03\ufb03",
]
for _given_name in USERNAME_PAYLOADS:
    _sent_payload = {**_VALID_SIGNUP, "username": _given_name}
    if _given_name.endswith("\n"):
        _expect_error(
            _sent_payload,
            "username",
            "it would be stored with its newline, a second account that prints like the first.",
            "re.match with $ accepts a final newline; use re.fullmatch (or \\Z).",
        )
    _folded_name = _unicodedata.normalize("NFKC", _given_name).lower()
    if _folded_name in RESERVED_USERNAMES:
        _expect_error(
            _sent_payload,
            "username",
            f"it normalises to the reserved name {_folded_name!r}, so the account would pass for the site's staff.",
            "normalise first (NFKC, then lower-case), and test the reserved names on the normalised value.",
        )
    if len(_folded_name) > 30 >= len(_given_name):
        _expect_error(
            _sent_payload,
            "username",
            f"it is {len(_given_name)} characters as typed, but {len(_folded_name)} after NFKC, and the normalised "
            "name is the one stored.",
            "count the characters of the normalised name, not of the raw text: run every check on the value you store.",
        )
    _expect_error(
        _sent_payload,
        "username",
        "usernames are only lower-case ASCII letters, digits and _, 3 to 30 of them.",
        "after NFKC and lower(), test re.fullmatch(r'[a-z0-9_]{3,30}', name).",
    )
_long_name = "a" * 10_000
_expect_error(
    {**_VALID_SIGNUP, "username": _long_name},
    "username",
    "a username of 10,000 characters fills pages and logs.",
    "bound the length in the pattern, {3,30}.",
)
for _name_length in (3, 30):
    _given_name = "b" * _name_length
    _got_clean, _got_errors = _check_signup({**_VALID_SIGNUP, "username": _given_name})
    assert _got_clean.get("username") == _given_name and "username" not in _got_errors, (
        f"A username of {_name_length} letters was refused ({_got_errors.get('username')!r}). Hint: 3 to 30 characters, "
        "both ends included."
    )
_expect_error(
    {**_VALID_SIGNUP, "username": "b" * 31}, "username", "31 characters is one too many.", "at most 30, {3,30}."
)
# NFKC changes the length and the case: every check runs on the normalised name, the one stored.
for _raw_value, _stored_value in (("\ufb00a", "ffa"), ("\U0001d400lice", "alice"), ("\u2168_bob", "ix_bob")):
    _got_clean, _got_errors = _check_signup({**_VALID_SIGNUP, "username": _raw_value})
    assert _got_clean.get("username") == _stored_value, (
        f"The username {_raw_value!r} should be accepted and stored as {_stored_value!r} (NFKC, then lower-case), got "
        f"{_got_clean.get('username')!r} (errors: {_got_errors}). Hint: normalise first, NFKC and then lower(): NFKC "
        "can turn one character into several, and into capitals (the mathematical bold A becomes 'A'); then count "
        "and match the result."
    )

EMAIL_PAYLOADS = [
    "zoe@evil.example@example.net",
    "@example.net",
    "zoe@",
    "zoe@localhost",
    "zoe@example.net\nBcc: all@example.net",
    "zoe example@example.net",
    "zoe@exa mple.net",
    "zoe@example..net",
    "zo\u00e9@example.net",
    "zoe@\u212aexample.net",
    "zo\x01e@example.net",
    "zoe\x7f@example.net",
]
for _given_email in EMAIL_PAYLOADS:
    _the_danger = "an address must be one name, one @, one domain with a dot, visible ASCII, no space or line break."
    _the_hint = "count the @ (exactly one), then fullmatch the name and the domain separately."
    if _given_email.count("@") > 1:
        _the_danger = "with two @ the mail may go to another domain than the one you checked."
        _the_hint = "require email.count('@') == 1 before splitting; rsplit/split with a limit hides the second @."
    if any(ord(character) < 32 or ord(character) == 127 for character in _given_email):
        _the_danger = (
            "a control character is no visible character: \\x01 or \\x7f in a stored address breaks the headers and "
            "the logs it is written into."
        )
        _the_hint = (
            "visible ASCII is '!' to '~' (codes 33 to 126): fullmatch the name with [!-~]{1,64}; isascii() with a "
            "'not a space' pattern still lets control characters through."
        )
    _expect_error({**_VALID_SIGNUP, "email": _given_email}, "email", _the_danger, _the_hint)
for _given_email in ("z" * 64 + "@" + "e" * 185 + ".net", "z" * 65 + "@example.net"):
    _got_clean, _got_errors = _check_signup({**_VALID_SIGNUP, "email": _given_email})
    if len(_given_email) <= 254 and len(_given_email.split("@")[0]) <= 64:
        assert _got_clean.get("email") == _given_email, (
            f"A valid {len(_given_email)}-character address was refused ({_got_errors.get('email')!r}). Hint: up to 254 "
            "characters in all, up to 64 before the @."
        )
    else:
        assert "email" in _got_errors, (
            "A name of 65 characters before the @ was accepted. Hint: at most 64 before the @."
        )
_expect_error(
    {**_VALID_SIGNUP, "email": "z" * 64 + "@" + "e" * 186 + ".net"},
    "email",
    "255 characters is more than an address may hold (254).",
    "refuse len(email) > 254, after trimming.",
)
for _raw_value, _stored_value in (
    ("\tZoe.Smith@EXAMPLE.Net  ", "Zoe.Smith@example.net"),
    ("zoe+news@Mail.Example.NET", "zoe+news@mail.example.net"),
):
    _got_clean, _got_errors = _check_signup({**_VALID_SIGNUP, "email": _raw_value})
    assert _got_clean.get("email") == _stored_value, (
        f"Email {_raw_value!r} should be stored as {_stored_value!r}, got {_got_clean.get('email')!r} (errors: {_got_errors}). "
        "Hint: strip() the whitespace around it (tabs and line breaks too, as str.strip() does), lower-case the "
        "domain only (the part before @ may be case-sensitive)."
    )

PASSWORD_PAYLOADS = ["Password", "PASSWORD1", "１２３４５６７８", "short1!", "Sunshine1"]
for _given_password in PASSWORD_PAYLOADS:
    _expect_error(
        {**_VALID_SIGNUP, "password": _given_password},
        "password",
        "a breached or too short password is the first one an attacker tries (NIST SP 800-63B).",
        "NFKC-normalise, count 8 to 128 characters, and compare the lower-cased password with BREACHED_PASSWORDS.",
    )
_expect_error(
    {**_VALID_SIGNUP, "password": "p" * 10_000},
    "password",
    "a 10,000-character password costs the server a long hash on every login (denial of service).",
    "set a maximum, 128 characters (NIST asks to allow at least 64).",
)
for _given_password, _stored_value in (
    ("aaaaaaaa", "aaaaaaaa"),
    ("y" * 128, "y" * 128),
    ("  two spaces  ", "  two spaces  "),
    ("\ufb00\ufb00\ufb00\ufb00", "ffffffff"),
    ("mot de passe très long", "mot de passe très long"),
):
    _got_clean, _got_errors = _check_signup({**_VALID_SIGNUP, "password": _given_password})
    assert _got_clean.get("password") == _stored_value, (
        f"The password {_given_password!r} should be accepted and stored as {_stored_value!r}; got {_got_clean.get('password')!r} "
        f"(errors: {_got_errors}). Hint: NIST SP 800-63B: no composition rules (no required digit or capital), spaces "
        "kept, length counted after NFKC, from 8 up to 128 characters."
    )
_expect_error(
    {**_VALID_SIGNUP, "password": "y" * 129},
    "password",
    "129 characters is one past the maximum.",
    "8 to 128 characters, both ends included.",
)

AGE_PAYLOADS = [True, False, "30", "13", 30.0, 1e3, 12, 131, -1, 0, "", "thirty", [30], {"years": 30}]
for _given_age in AGE_PAYLOADS:
    _expect_error(
        {**_VALID_SIGNUP, "age": _given_age},
        "age",
        "age is a whole number (an int, not a str, a float or a bool) from 13 to 130.",
        "test type(age) is int (isinstance(True, int) is True), never call int() on it, then 13 <= age <= 130.",
    )
for _given_age in (13, 130):
    _got_clean, _got_errors = _check_signup({**_VALID_SIGNUP, "age": _given_age})
    assert _got_clean.get("age") == _given_age, (
        f"Age {_given_age} was refused ({_got_errors.get('age')!r}). Hint: 13 to 130, both included."
    )

MASS_ASSIGNMENT_PAYLOADS = [
    {"role": "admin"},
    {"id": 1},
    {"__class__": "Admin"},
    {"is_staff": True, "is_superuser": True},
    {"password_hash": "pbkdf2_sha256$1$x$y"},
    {"USERNAME": "root"},
]
for _extra_fields in MASS_ASSIGNMENT_PAYLOADS:
    _got_clean, _got_errors = _check_signup({**_VALID_SIGNUP, **_extra_fields})
    assert _got_clean == {**_VALID_SIGNUP}, (
        f"With the extra fields {_extra_fields!r}, clean is {_got_clean!r}. Hint: extra fields are dropped, silently; clean "
        "holds the four declared fields only."
    )
    assert _got_errors == {}, (
        f"The extra fields {_extra_fields!r} produced errors {_got_errors!r}. Hint: ignore undeclared fields."
    )

SHAPE_PAYLOADS = [None, "username=zoe", ["zoe", "zoe@example.net"], 42, {}, {"username": None}]
for _sent_payload in SHAPE_PAYLOADS:
    _got_clean, _got_errors = _check_signup(_sent_payload)
    assert _got_errors and not _got_clean, (
        f"The payload {_sent_payload!r} got clean={_got_clean!r}, errors={_got_errors!r}. Hint: a payload that is not a dict gives "
        "({}, {'__all__': message}); a missing field or a field of the wrong type is an error, never an exception."
    )
    if not isinstance(_sent_payload, dict):
        assert set(_got_errors) == {"__all__"}, (
            f"The payload {_sent_payload!r} (not a dict) got errors {_got_errors!r}. Hint: answer {{'__all__': message}}."
        )
    else:
        assert set(_got_errors) == set(_DECLARED_FIELDS), (
            f"The payload {_sent_payload!r} lacks fields, yet errors is {_got_errors!r}. Hint: each missing field is an "
            "error of its own ('This field is required.')."
        )

_WRONG_TYPES = {"username": 12345, "email": ["zoe@example.net"], "password": 12345678, "age": None}
for _bad_count in range(1, 5):
    for _bad_fields in _combinations(_DECLARED_FIELDS, _bad_count):
        _sent_payload = {**_VALID_SIGNUP, **{field: _WRONG_TYPES[field] for field in _bad_fields}}
        _got_clean, _got_errors = _check_signup(_sent_payload)
        assert set(_got_errors) == set(_bad_fields), (
            f"Fields {list(_bad_fields)} had the wrong type in {_sent_payload!r}; errors names {sorted(_got_errors)}. Hint: every "
            "field is checked, and every bad one reported at once, even when the others are wrong too."
        )
        assert _got_clean == {field: _VALID_SIGNUP[field] for field in _DECLARED_FIELDS if field not in _bad_fields}, (
            f"For {_sent_payload!r}, clean is {_got_clean!r}. Hint: the fields that pass go into clean, cleaned."
        )

_rng = _random.Random(14)
for _ in range(200):
    _given_name = "".join(
        _rng.choice(_string.ascii_lowercase + _string.digits + "_") for _ in range(_rng.randint(3, 30))
    )
    if _given_name in RESERVED_USERNAMES:
        continue
    _shown_name = "".join(c.upper() if _rng.random() < 0.3 else c for c in _given_name)
    _given_local = "".join(
        _rng.choice(_string.ascii_letters + _string.digits + ".+-_") for _ in range(_rng.randint(1, 20))
    )
    _given_domain = ".".join(
        "".join(_rng.choice(_string.ascii_lowercase + _string.digits) for _ in range(_rng.randint(1, 10)))
        for _ in range(_rng.randint(2, 3))
    )
    _shown_domain = _given_domain.upper() if _rng.random() < 0.5 else _given_domain
    _given_password = "".join(_rng.choice(_string.printable[:95]) for _ in range(_rng.randint(8, 64)))
    if _given_password.lower() in BREACHED_PASSWORDS:
        continue
    _given_age = _rng.randint(13, 130)
    _sent_payload = {
        "age": _given_age,
        "password": _given_password,
        "email": f" {_given_local}@{_shown_domain}",
        "username": _shown_name,
    }
    _got_clean, _got_errors = _check_signup(_sent_payload)
    _expected_clean = {
        "username": _given_name,
        "email": f"{_given_local}@{_given_domain}",
        "password": _given_password,
        "age": _given_age,
    }
    assert _got_errors == {} and _got_clean == _expected_clean, (
        f"The legitimate signup {_sent_payload!r} got clean={_got_clean!r}, errors={_got_errors!r}; expected clean={_expected_clean!r}. "
        "Hint: a validator that refuses real users is broken too: check each rule of the statement exactly."
    )
