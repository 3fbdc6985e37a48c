# --- PYODIDE:env --- #
from course_helpers.checks import call, returning

# --- PYODIDE:code --- #
import base64
import hashlib
import hmac
import json


class InvalidToken(Exception):
    """Raised, with a reason, for any token verify() refuses."""


def sign(claims, key): ...


def verify(token, key, now, audience): ...


# --- PYODIDE:corr --- #
import base64
import hashlib
import hmac
import json
import math
import re

HEADER = {"alg": "HS256", "typ": "JWT"}
SEGMENT = re.compile(r"[A-Za-z0-9_-]*")


class InvalidToken(Exception):
    """Raised, with a reason, for any token verify() refuses."""


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(segment):
    if not SEGMENT.fullmatch(segment) or len(segment) % 4 == 1:
        raise InvalidToken("a segment is not base64url without padding")
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def compact_json(value):
    return json.dumps(value, separators=(",", ":")).encode("utf-8")


def hs256(key, signing_input):
    return hmac.new(key, signing_input, hashlib.sha256).digest()


def sign(claims, key):
    signing_input = b64url(compact_json(HEADER)) + "." + b64url(compact_json(claims))
    return signing_input + "." + b64url(hs256(key, signing_input.encode("ascii")))


def json_object(raw):
    try:
        value = json.loads(raw.decode("utf-8"))
    except ValueError:  # JSONDecodeError and UnicodeDecodeError are both ValueErrors
        raise InvalidToken("a segment is not JSON in UTF-8") from None
    if not isinstance(value, dict):
        raise InvalidToken("a segment is not a JSON object")
    return value


def numeric_date(claims, name):
    value = claims[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidToken("a date claim is not a finite number of seconds")
    return value


def verify(token, key, now, audience):
    parts = token.split(".")
    if len(parts) != 3:
        raise InvalidToken("a JWT has three segments")
    header_b64, payload_b64, signature_b64 = parts
    header = json_object(unb64url(header_b64))
    payload = unb64url(payload_b64)
    signature = unb64url(signature_b64)
    if header.get("alg") != "HS256":
        raise InvalidToken("only HS256 is accepted")
    expected = hs256(key, f"{header_b64}.{payload_b64}".encode("ascii"))
    if not hmac.compare_digest(expected, signature):
        raise InvalidToken("bad signature")
    claims = json_object(payload)
    if "exp" not in claims:
        raise InvalidToken("no exp claim")
    if now >= numeric_date(claims, "exp"):
        raise InvalidToken("expired")
    if "nbf" in claims and now < numeric_date(claims, "nbf"):
        raise InvalidToken("not valid yet")
    aud = claims.get("aud")
    if audience not in (aud if isinstance(aud, list) else [aud]):
        raise InvalidToken("not meant for this audience")
    return claims


# --- PYODIDE:tests --- #
KEY = b"k3y for the public tests"
claims = {"sub": "ada", "role": "reader", "exp": 1700000060, "aud": "reports-api"}
token = returning(str, sign, claims, KEY)
assert token.count(".") == 2 and token.startswith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."), (
    f"sign(...) returned {token!r}. Hint: three base64url segments joined by '.', the first being the header "
    '{"alg":"HS256","typ":"JWT"} in compact JSON.'
)
back = returning(dict, verify, token, KEY, 1700000000, "reports-api")
assert back == claims, (
    f"verify(sign(claims, key), key, ...) returned {back!r} instead of the claims {claims!r}. "
    "Hint: decode the payload segment with the padding put back and json.loads it."
)
try:
    verify(token, b"another key", 1700000000, "reports-api")
except InvalidToken:
    pass
except Exception as error:
    raise AssertionError(
        f"verify with the wrong key raised {type(error).__name__}: {error}. "
        "Hint: every refusal raises InvalidToken('reason'), and nothing else."
    ) from None
else:
    raise AssertionError(
        "verify accepted a token checked with another key. Hint: recompute the HMAC-SHA256 of 'header.payload' "
        "with the key, and compare it with the signature."
    )

# --- PYODIDE:secrets --- #
import base64
import hashlib
import hmac
import json

KEY = b"billing signing key, 32 bytes.."
AUDIENCE = "billing-api"
NOW = 1_700_000_000
GOOD_HEADER = '{"alg":"HS256","typ":"JWT"}'

# Token strings that are not a JWS in compact form at all.
TOKEN_SHAPE_PAYLOADS = [
    "",
    ".",
    "..",
    "a.b",
    "a.b.c",
    "a.b.c.d",
    "not a token",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjk5OTk5OTk5OTl9",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjk5OTk5OTk5OTl9.",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\u00e9.c2ln",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2ln!",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2ln.",
    "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2ln",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2l",
]

# Headers (as JSON text) that are not exactly alg HS256. Each is sent three times: with an empty
# signature, with a correct HS256 signature and with a correct HS512 signature, both made with the key.
HEADER_PAYLOADS = [
    '{"alg":"none"}',
    '{"alg":"None"}',
    '{"alg":"NONE"}',
    '{"alg":"nOnE","typ":"JWT"}',
    '{"alg":"HS512","typ":"JWT"}',
    '{"alg":"HS384","typ":"JWT"}',
    '{"alg":"RS256","typ":"JWT"}',
    '{"alg":"ES256","typ":"JWT"}',
    '{"alg":"hs256","typ":"JWT"}',
    '{"alg":"HS256 ","typ":"JWT"}',
    '{"alg":["HS256"],"typ":"JWT"}',
    '{"alg":null,"typ":"JWT"}',
    '{"typ":"JWT"}',
    '["HS256"]',
    '"HS256"',
    "null",
    '{"alg":"HS256"',
]

# Payloads (as JSON text), correctly signed under the right header: each must still be refused,
# at NOW = 1_700_000_000 for the audience "billing-api".
CLAIMS_PAYLOADS = [
    "",
    "not json",
    '["exp", 9999999999]',
    '"claims"',
    "9999999999",
    "null",
    '{"aud":"billing-api"}',
    '{"exp":"9999999999","aud":"billing-api"}',
    '{"exp":true,"aud":"billing-api"}',
    '{"exp":null,"aud":"billing-api"}',
    '{"exp":[9999999999],"aud":"billing-api"}',
    '{"exp":NaN,"aud":"billing-api"}',
    '{"exp":1e400,"aud":"billing-api"}',
    '{"exp":1000000000,"aud":"billing-api"}',
    '{"exp":9999999999}',
    '{"exp":9999999999,"aud":null}',
    '{"exp":9999999999,"aud":"billing-api-internal"}',
    '{"exp":9999999999,"aud":"billing"}',
    '{"exp":9999999999,"aud":"BILLING-API"}',
    '{"exp":9999999999,"aud":[]}',
    '{"exp":9999999999,"aud":["reports-api"]}',
    '{"exp":9999999999,"aud":[["billing-api"]]}',
    '{"aud":{"billing-api":true},"exp":9999999999}',
    '{"exp":9999999999,"aud":"billing-api","nbf":9999999999}',
    '{"exp":9999999999,"aud":"billing-api","nbf":"0"}',
    '{"exp":9999999999,"aud":"billing-api","nbf":false}',
    '{"exp":9999999999,"aud":"billing-api","nbf":-Infinity}',
]

# Valid JSON of a valid header or payload, correctly signed, but encoded otherwise than in UTF-8:
# (the segment, the encoding). json.loads() given bytes reads every one of them.
ENCODING_PAYLOADS = [
    ("payload", "utf-8-sig"),
    ("payload", "utf-16"),
    ("payload", "utf-16-le"),
    ("payload", "utf-32"),
    ("header", "utf-8-sig"),
    ("header", "utf-16"),
]


def segment(data):
    """The checks' own base64url encoder: they forge tokens without the learner's code."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def forge(header, payload, key=KEY, signed_with="HS256"):
    """A token from raw header and payload texts (or bytes), signed as an attacker or another library would."""
    header = header.encode("utf-8") if isinstance(header, str) else header
    payload = payload.encode("utf-8") if isinstance(payload, str) else payload
    signing_input = segment(header) + "." + segment(payload)
    digests = {"HS256": hashlib.sha256, "HS512": hashlib.sha512}
    signature = hmac.new(key, signing_input.encode("ascii"), digests[signed_with]).digest() if signed_with else b""
    return signing_input + "." + segment(signature)


def claims_text(claims, **options):
    return json.dumps(claims, **options)


def refused(token, why, hint, key=KEY, now=NOW, audience=AUDIENCE):
    try:
        claims = verify(token, key, now, audience)
    except InvalidToken as error:
        assert str(error).strip(), (
            f"verify refused {why} with InvalidToken(), without a reason. "
            "Hint: raise InvalidToken('expired') (or 'bad signature', ...): the reason goes to your logs."
        )
        return
    except Exception as error:  # noqa: BLE001 - whatever the learner's code raised is the finding
        raise AssertionError(
            f"verify raised {type(error).__name__}: {error} for {why}, token {token[:90]!r}. Any other exception "
            "than InvalidToken escapes the code that catches refusals: a 500, or worse, a handler that treats "
            "'no InvalidToken' as valid. Hint: check shapes and types before using them (len of split('.'), "
            "isinstance of the header, the claims and exp), and turn decoding errors into InvalidToken."
        ) from None
    raise AssertionError(f"verify accepted {why} and returned {claims!r}; token {token[:90]!r}. Hint: {hint}")


def accepted(token, claims, why, now=NOW, audience=AUDIENCE):
    got = call(
        verify,
        token,
        KEY,
        now,
        audience,
        described_as=f"verify of {why}",
        advice=(
            "A valid token comes back as its claims: it is valid from nbf (included) to exp (excluded), "
            "its signature is over the bytes received whatever JSON layout made them, and aud may be a list."
        ),
    )
    assert got == claims, (
        f"verify of {why} returned {got!r} instead of the claims {claims!r}. "
        "Hint: return the decoded payload itself, as a dict."
    )


assert isinstance(InvalidToken, type) and issubclass(InvalidToken, Exception), (
    f"InvalidToken is {InvalidToken!r}, not an exception class. Hint: keep `class InvalidToken(Exception): ...`."
)

# 1. sign writes exactly the compact form the statement gives.
for claims in [
    {"sub": "zo\u00eb", "exp": NOW + 60, "aud": AUDIENCE},
    {"aud": [AUDIENCE, "reports-api"], "exp": NOW + 1, "nbf": NOW, "role": "admin", "n": [1, 2.5, None, True]},
    {},
]:
    token = returning(str, sign, claims, KEY, advice="sign returns the token as a str.")
    expected = forge(GOOD_HEADER, json.dumps(claims, separators=(",", ":")))
    assert token == expected, (
        f"sign({claims!r}, key) returned {token!r}, expected {expected!r}. Hint: base64url without '=' of "
        'json.dumps(value, separators=(",", ":")).encode("utf-8") for the header {"alg":"HS256","typ":"JWT"} and '
        "for the claims, then the HMAC-SHA256 of the ASCII bytes 'header.payload', base64url too."
    )
    assert "=" not in token and "+" not in token and "/" not in token, (
        f"sign returned {token!r}, with characters of standard base64. "
        "Hint: base64.urlsafe_b64encode(...).rstrip(b'=')."
    )

# 2. Legitimate tokens: our own, and other libraries' JSON layouts, over many claim sets.
LEGITIMATE = [
    {"sub": "ada", "exp": NOW + 1, "aud": AUDIENCE},
    {"sub": "zo\u00eb", "name": "\u65e5\u672c \U0001f511", "exp": NOW + 3600, "aud": AUDIENCE, "iat": NOW},
    {"sub": "1", "exp": NOW + 0.5, "aud": AUDIENCE},
    {"sub": "2", "exp": NOW + 60, "nbf": NOW, "aud": AUDIENCE},
    {"sub": "3", "exp": NOW + 60, "nbf": NOW - 0.5, "aud": ["reports-api", AUDIENCE]},
    {"exp": NOW + 60, "aud": [AUDIENCE], "scopes": ["read", "write"], "meta": {"a": [1, {"b": None}]}},
]
for claims in LEGITIMATE:
    token = returning(str, sign, claims, KEY)
    accepted(token, claims, f"sign({claims!r}, key)")
    for header, options, layout in [
        ('{"typ":"JWT","alg":"HS256"}', {}, "header keys in the other order, JSON with spaces"),
        ('{"alg": "HS256"}', {"ensure_ascii": False}, "no typ, JSON in raw UTF-8"),
        ('{"alg":"HS256","typ":"JWT","kid":"2024-01"}', {"indent": 1}, "a kid in the header, indented JSON"),
    ]:
        accepted(
            forge(header, claims_text(claims, **options)),
            claims,
            f"a token made by another library ({layout})",
        )

# 3. Shapes that are not a JWT.
for token in TOKEN_SHAPE_PAYLOADS:
    refused(
        token,
        "a string that is not a JWT",
        "split('.') must give exactly 3 base64url segments, and each must decode.",
    )

# 4. The header decides nothing: only alg "HS256", exactly, goes on to the HMAC check.
for header in HEADER_PAYLOADS:
    for signed_with in (None, "HS256", "HS512"):
        refused(
            forge(
                header,
                claims_text({"sub": "ada", "role": "admin", "exp": NOW + 60, "aud": AUDIENCE}),
                signed_with=signed_with,
            ),
            f"the header {header} (signature: {signed_with or 'empty'})",
            "the verifier fixes the algorithm (RFC 8725): refuse unless the header is a JSON object whose alg is "
            "exactly 'HS256', and never pick the hash function, or skip the check, from the header.",
        )


# 5. Signed payloads whose claims are wrong.
def claims_hint(payload):
    """What the payload gets wrong, for the hint."""
    try:
        claims = json.loads(payload)
    except ValueError:
        claims = None
    if not isinstance(claims, dict):
        return "json.loads the payload inside try/except ValueError, then refuse unless it is a dict (a JSON object)."
    if "exp" not in claims:
        return "exp is required: a token without exp never expires. Refuse when 'exp' is not in the claims."
    exp = claims["exp"]
    if isinstance(exp, bool) or not isinstance(exp, (int, float)) or exp != exp or abs(exp) == float("inf"):
        return (
            "exp must be an int or a float, not a bool, a str or null, and finite (math.isfinite): NaN makes every "
            "comparison False and 1e400 is infinity, so either would never expire."
        )
    if exp <= NOW:
        return "refuse when now >= exp."
    if "nbf" in claims:
        return "nbf, when present, is checked like exp (int or float, not bool or str, finite), and refused when now < nbf."
    return (
        "aud must equal the audience, or be a list with the audience as one element. `audience in aud` on a str "
        "tests for a substring, and on a dict for a key."
    )


for payload in CLAIMS_PAYLOADS:
    refused(forge(GOOD_HEADER, payload), f"a correctly signed payload {payload!r}", claims_hint(payload))
refused(
    forge(GOOD_HEADER, b'{"exp":9999999999,"aud":"billing-api","name":"\xff"}'),
    "a payload whose bytes are not UTF-8",
    "decode the payload as UTF-8 inside the same try as json.loads.",
)
for part, encoding in ENCODING_PAYLOADS:
    text = {"header": GOOD_HEADER, "payload": claims_text({"sub": "ada", "exp": NOW + 60, "aud": AUDIENCE})}
    text = {name: value.encode(encoding if name == part else "utf-8") for name, value in text.items()}
    refused(
        forge(text["header"], text["payload"]),
        f"a correctly signed token whose {part} is JSON in {encoding}, not UTF-8",
        "the header and the payload are UTF-8 JSON (RFC 7519, RFC 8259: no byte order mark): decode the bytes "
        "with .decode('utf-8') yourself, then json.loads the str. Given bytes, json.loads also reads a UTF-8 BOM, "
        "UTF-16 and UTF-32, so one token would have several spellings and another verifier may read it otherwise.",
    )

# 6. Boundaries of exp and nbf, around NOW.
base = {"sub": "ada", "aud": AUDIENCE}
refused(
    forge(GOOD_HEADER, claims_text({**base, "exp": NOW})),
    "a token whose exp is exactly now",
    "the token is expired when now >= exp (RFC 7519: valid only before exp): refuse at exp itself, not one second later.",
)
for exp in (NOW - 1, NOW - 0.5):
    refused(
        forge(GOOD_HEADER, claims_text({**base, "exp": exp})),
        f"a token whose exp ({exp}) is in the past",
        "compare now with exp: refuse when now >= exp.",
    )
refused(
    forge(GOOD_HEADER, claims_text({**base, "exp": NOW + 60, "nbf": NOW + 1})),
    "a token whose nbf is one second after now",
    "refuse when now < nbf: the token is not valid yet.",
)
accepted(
    forge(GOOD_HEADER, claims_text({**base, "exp": NOW + 60, "nbf": NOW})),
    {**base, "exp": NOW + 60, "nbf": NOW},
    "a token whose nbf is exactly now",
)

# 7. Tampering, other keys, and well-formed tokens with a changed signature.
original = forge(GOOD_HEADER, claims_text({"sub": "ada", "role": "reader", "exp": NOW + 60, "aud": AUDIENCE}))
head, body, signature = original.split(".")
promoted = segment(claims_text({"sub": "ada", "role": "admin", "exp": NOW + 60, "aud": AUDIENCE}).encode())
other = forge(GOOD_HEADER, claims_text({"sub": "bob", "role": "admin", "exp": NOW + 60, "aud": AUDIENCE}))
TAMPERED = [
    (f"{head}.{promoted}.{signature}", "ada's token with role changed to admin, old signature kept"),
    (f"{head}.{body}.{other.split('.')[2]}", "ada's token with the signature of another valid token"),
    (f"{head}.{other.split('.')[1]}.{signature}", "another user's claims under ada's signature"),
    (f"{head}.{body}.{signature[:-2]}", "ada's token with a shortened signature"),
    (f"{head}.{body}.", "ada's token with its signature removed"),
    (f"{head}.{body}.{signature}=", "ada's token with '=' padding added to the signature"),
    (f"{head}.{body}.{signature[:10]}!{signature[10:]}", "ada's token with a '!' inside the signature"),
    (f"{head}.{body}.{signature}\n", "ada's token with a newline after it"),
    (
        f"{head}.{body}.{base64.b64encode(base64.urlsafe_b64decode(signature + '=')).decode()}",
        "ada's token with its signature in standard base64, padded",
    ),
]
for token, why in TAMPERED:
    refused(
        token,
        why,
        "recompute the HMAC over the received 'header.payload' and compare it with the signature "
        "decoded strictly: base64url characters only, no '=' (RFC 7515), so one token has one spelling.",
    )
for key, why in [(KEY[:-1] + b"!", "a key that differs in its last byte"), (b"", "an empty key")]:
    refused(original, f"ada's token verified with {why}", "sign and verify with the key you are given.", key=key)
accepted(original, {"sub": "ada", "role": "reader", "exp": NOW + 60, "aud": AUDIENCE}, "ada's untouched token")

# 8. The signature is compared in constant time.
real_compare = hmac.compare_digest
compared = []


def spy_compare(a, b):
    compared.append((a, b))
    return real_compare(a, b)


for token, why in [(original, "a valid token"), (TAMPERED[0][0], "a tampered token")]:
    compared.clear()
    hmac.compare_digest = spy_compare
    try:
        verify(token, KEY, NOW, AUDIENCE)
    except Exception:  # noqa: BLE001 - only the comparison matters here
        pass
    finally:
        hmac.compare_digest = real_compare
    assert compared, (
        f"verify of {why} did not call hmac.compare_digest. '==' on signatures returns at the first differing "
        "byte, and that time difference lets an attacker find a valid signature byte by byte. "
        "Hint: hmac.compare_digest(expected, received), called through the hmac module."
    )
