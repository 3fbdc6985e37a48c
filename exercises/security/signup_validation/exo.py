# --- PYODIDE:env --- #
from course_helpers.checks import returning

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
def run(payload):
    """validate_signup(payload) through the checks: a crash or a wrong shape becomes a message with a hint."""
    result = returning(
        tuple,
        validate_signup,
        payload,
        advice="validate_signup returns a tuple (clean, errors) for every payload, and never raises.",
    )
    assert len(result) == 2 and all(isinstance(part, dict) for part in result), (
        f"validate_signup({payload!r}) returned {result!r}. Hint: return exactly two dicts, (clean, errors)."
    )
    return result


GOOD = {"username": "Alice_7", "email": "alice@example.org", "password": "correct horse", "age": 30}
clean, errors = run(GOOD)
assert errors == {}, (
    f"A valid signup got the errors {errors!r}. Hint: 'Alice_7' lower-cased is a valid username, and a password "
    "of 8 to 128 characters with spaces and no digit is fine (no composition rules)."
)
assert clean == {"username": "alice_7", "email": "alice@example.org", "password": "correct horse", "age": 30}, (
    f"For {GOOD!r}, clean is {clean!r}. Hint: lower-case the username after NFKC; keep the other fields as they are."
)

clean, errors = run({**GOOD, "is_admin": True})
assert "is_admin" not in clean, (
    f"The field 'is_admin' of the payload ended up in clean: {clean!r}. A client who adds it makes itself an "
    "administrator (mass assignment). Hint: build clean field by field from the four declared fields; never "
    "copy the payload (dict(payload), payload.update, **payload)."
)

bad = {"username": "al", "email": "alice.example.org", "password": "correct horse", "age": 30}
clean, errors = run(bad)
assert set(errors) == {"username", "email"}, (
    f"For {bad!r}, errors names {sorted(errors)}; the username (too short) and the email (no @) are both wrong. "
    "Hint: check every field and collect the messages in one dict; do not return at the first problem."
)

# --- PYODIDE:secrets --- #
import random
import string
import unicodedata
from itertools import combinations

FIELDS = ("username", "email", "password", "age")
VALID = {"username": "zoe_2024", "email": "zoe@example.net", "password": "blue whale sky", "age": 41}


def short(value):
    text = repr(value)
    return text if len(text) <= 100 else text[:97] + "..."


def check(payload):
    """validate_signup(payload), checked for shape: two dicts, clean holding declared fields only, errors of str."""
    shown = short(payload)
    result = returning(
        tuple,
        validate_signup,
        payload,
        described_as=f"validate_signup({shown})",
        advice="Turn every problem of the payload into a message in errors; never let an exception out.",
    )
    assert len(result) == 2 and all(isinstance(part, dict) for part in result), (
        f"validate_signup({shown}) returned {result!r}. Hint: return exactly two dicts, (clean, errors)."
    )
    clean, errors = result
    extra = set(clean) - set(FIELDS)
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


def expect_error(payload, field, danger, hint):
    clean, errors = check(payload)
    assert field in errors, f"{short(payload[field])} as {field} got through: {danger} Hint: {hint}"
    assert field not in clean, (
        f"{field} {short(payload[field])} is in errors and also in clean ({short(clean[field])}). "
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
]
for name in USERNAME_PAYLOADS:
    payload = {**VALID, "username": name}
    if name.endswith("\n"):
        expect_error(
            payload,
            "username",
            "it would be stored with its newline, a second account that prints like the first.",
            "re.match with $ accepts a final newline; use re.fullmatch (or \\Z).",
        )
    folded = unicodedata.normalize("NFKC", name).lower()
    if folded in RESERVED_USERNAMES:
        expect_error(
            payload,
            "username",
            f"it normalises to the reserved name {folded!r}, so the account would pass for the site's staff.",
            "normalise first (NFKC, then lower-case), and test the reserved names on the normalised value.",
        )
    expect_error(
        payload,
        "username",
        "usernames are only lower-case ASCII letters, digits and _, 3 to 30 of them.",
        "after NFKC and lower(), test re.fullmatch(r'[a-z0-9_]{3,30}', name).",
    )
long_name = "a" * 10_000
expect_error(
    {**VALID, "username": long_name},
    "username",
    "a username of 10,000 characters fills pages and logs.",
    "bound the length in the pattern, {3,30}.",
)
for length in (3, 30):
    name = "b" * length
    clean, errors = check({**VALID, "username": name})
    assert clean.get("username") == name and "username" not in errors, (
        f"A username of {length} letters was refused ({errors.get('username')!r}). Hint: 3 to 30 characters, "
        "both ends included."
    )
expect_error({**VALID, "username": "b" * 31}, "username", "31 characters is one too many.", "at most 30, {3,30}.")

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
]
for email in EMAIL_PAYLOADS:
    danger = "an address must be one name, one @, one domain with a dot, visible ASCII, no space or line break."
    hint = "count the @ (exactly one), then fullmatch the name and the domain separately."
    if email.count("@") > 1:
        danger = "with two @ the mail may go to another domain than the one you checked."
        hint = "require email.count('@') == 1 before splitting; rsplit/split with a limit hides the second @."
    expect_error({**VALID, "email": email}, "email", danger, hint)
for email in ("z" * 64 + "@" + "e" * 185 + ".net", "z" * 65 + "@example.net"):
    clean, errors = check({**VALID, "email": email})
    if len(email) <= 254 and len(email.split("@")[0]) <= 64:
        assert clean.get("email") == email, (
            f"A valid {len(email)}-character address was refused ({errors.get('email')!r}). Hint: up to 254 "
            "characters in all, up to 64 before the @."
        )
    else:
        assert "email" in errors, "A name of 65 characters before the @ was accepted. Hint: at most 64 before the @."
expect_error(
    {**VALID, "email": "z" * 64 + "@" + "e" * 186 + ".net"},
    "email",
    "255 characters is more than an address may hold (254).",
    "refuse len(email) > 254, after trimming.",
)
for raw, stored in (
    ("\tZoe.Smith@EXAMPLE.Net  ", "Zoe.Smith@example.net"),
    ("zoe+news@Mail.Example.NET", "zoe+news@mail.example.net"),
):
    clean, errors = check({**VALID, "email": raw})
    assert clean.get("email") == stored, (
        f"Email {raw!r} should be stored as {stored!r}, got {clean.get('email')!r} (errors: {errors}). "
        "Hint: strip() the spaces around it, lower-case the domain only (the part before @ may be case-sensitive)."
    )

PASSWORD_PAYLOADS = ["Password", "PASSWORD1", "１２３４５６７８", "short1!", "Sunshine1"]
for password in PASSWORD_PAYLOADS:
    expect_error(
        {**VALID, "password": password},
        "password",
        "a breached or too short password is the first one an attacker tries (NIST SP 800-63B).",
        "NFKC-normalise, count 8 to 128 characters, and compare the lower-cased password with BREACHED_PASSWORDS.",
    )
expect_error(
    {**VALID, "password": "p" * 10_000},
    "password",
    "a 10,000-character password costs the server a long hash on every login (denial of service).",
    "set a maximum, 128 characters (NIST asks to allow at least 64).",
)
for password, stored in (
    ("aaaaaaaa", "aaaaaaaa"),
    ("y" * 128, "y" * 128),
    ("  two spaces  ", "  two spaces  "),
    ("\ufb00\ufb00\ufb00\ufb00", "ffffffff"),
    ("mot de passe très long", "mot de passe très long"),
):
    clean, errors = check({**VALID, "password": password})
    assert clean.get("password") == stored, (
        f"The password {password!r} should be accepted and stored as {stored!r}; got {clean.get('password')!r} "
        f"(errors: {errors}). Hint: NIST SP 800-63B: no composition rules (no required digit or capital), spaces "
        "kept, length counted after NFKC, from 8 up to 128 characters."
    )
expect_error(
    {**VALID, "password": "y" * 129},
    "password",
    "129 characters is one past the maximum.",
    "8 to 128 characters, both ends included.",
)

AGE_PAYLOADS = [True, False, "30", "13", 30.0, 1e3, 12, 131, -1, 0, "", "thirty", [30], {"years": 30}]
for age in AGE_PAYLOADS:
    expect_error(
        {**VALID, "age": age},
        "age",
        "age is a whole number (an int, not a str, a float or a bool) from 13 to 130.",
        "test type(age) is int (isinstance(True, int) is True), never call int() on it, then 13 <= age <= 130.",
    )
for age in (13, 130):
    clean, errors = check({**VALID, "age": age})
    assert clean.get("age") == age, f"Age {age} was refused ({errors.get('age')!r}). Hint: 13 to 130, both included."

MASS_ASSIGNMENT_PAYLOADS = [
    {"role": "admin"},
    {"id": 1},
    {"__class__": "Admin"},
    {"is_staff": True, "is_superuser": True},
    {"password_hash": "pbkdf2_sha256$1$x$y"},
    {"USERNAME": "root"},
]
for extra in MASS_ASSIGNMENT_PAYLOADS:
    clean, errors = check({**VALID, **extra})
    assert clean == {**VALID}, (
        f"With the extra fields {extra!r}, clean is {clean!r}. Hint: extra fields are dropped, silently; clean "
        "holds the four declared fields only."
    )
    assert errors == {}, f"The extra fields {extra!r} produced errors {errors!r}. Hint: ignore undeclared fields."

SHAPE_PAYLOADS = [None, "username=zoe", ["zoe", "zoe@example.net"], 42, {}, {"username": None}]
for payload in SHAPE_PAYLOADS:
    clean, errors = check(payload)
    assert errors and not clean, (
        f"The payload {payload!r} got clean={clean!r}, errors={errors!r}. Hint: a payload that is not a dict gives "
        "({}, {'__all__': message}); a missing field or a field of the wrong type is an error, never an exception."
    )
    if not isinstance(payload, dict):
        assert set(errors) == {"__all__"}, (
            f"The payload {payload!r} (not a dict) got errors {errors!r}. Hint: answer {{'__all__': message}}."
        )
    else:
        assert set(errors) == set(FIELDS), (
            f"The payload {payload!r} lacks fields, yet errors is {errors!r}. Hint: each missing field is an "
            "error of its own ('This field is required.')."
        )

WRONG_TYPES = {"username": 12345, "email": ["zoe@example.net"], "password": 12345678, "age": None}
for size in range(1, 5):
    for fields in combinations(FIELDS, size):
        payload = {**VALID, **{field: WRONG_TYPES[field] for field in fields}}
        clean, errors = check(payload)
        assert set(errors) == set(fields), (
            f"Fields {list(fields)} had the wrong type in {payload!r}; errors names {sorted(errors)}. Hint: every "
            "field is checked, and every bad one reported at once, even when the others are wrong too."
        )
        assert clean == {field: VALID[field] for field in FIELDS if field not in fields}, (
            f"For {payload!r}, clean is {clean!r}. Hint: the fields that pass go into clean, cleaned."
        )

rng = random.Random(14)
for _ in range(200):
    name = "".join(rng.choice(string.ascii_lowercase + string.digits + "_") for _ in range(rng.randint(3, 30)))
    if name in RESERVED_USERNAMES:
        continue
    shown_name = "".join(c.upper() if rng.random() < 0.3 else c for c in name)
    local = "".join(rng.choice(string.ascii_letters + string.digits + ".+-_") for _ in range(rng.randint(1, 20)))
    domain = ".".join(
        "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(rng.randint(1, 10)))
        for _ in range(rng.randint(2, 3))
    )
    shown_domain = domain.upper() if rng.random() < 0.5 else domain
    password = "".join(rng.choice(string.printable[:95]) for _ in range(rng.randint(8, 64)))
    if password.lower() in BREACHED_PASSWORDS:
        continue
    age = rng.randint(13, 130)
    payload = {"age": age, "password": password, "email": f" {local}@{shown_domain}", "username": shown_name}
    clean, errors = check(payload)
    expected = {"username": name, "email": f"{local}@{domain}", "password": password, "age": age}
    assert errors == {} and clean == expected, (
        f"The legitimate signup {payload!r} got clean={clean!r}, errors={errors!r}; expected clean={expected!r}. "
        "Hint: a validator that refuses real users is broken too: check each rule of the statement exactly."
    )
