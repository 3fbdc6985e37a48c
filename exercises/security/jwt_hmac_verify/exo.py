# --- PYODIDE:env --- #
from course_helpers.checks import call as _call, returning as _returning

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
_KEY = b"k3y for the public tests"
_claims = {"sub": "ada", "role": "reader", "exp": 1700000060, "aud": "reports-api"}
_token = _returning(str, sign, _claims, _KEY)
assert _token.count(".") == 2 and _token.startswith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."), (
    f"sign(...) returned {_token!r}. Hint: three base64url segments joined by '.', the first being the header "
    '{"alg":"HS256","typ":"JWT"} in compact JSON.'
)
_back = _returning(dict, verify, _token, _KEY, 1700000000, "reports-api")
assert _back == _claims, (
    f"verify(sign(claims, key), key, ...) returned {_back!r} instead of the claims {_claims!r}. "
    "Hint: decode the payload segment with the padding put back and json.loads it."
)
try:
    verify(_token, b"another key", 1700000000, "reports-api")
except InvalidToken:
    pass
except Exception as _error:
    raise AssertionError(
        f"verify with the wrong key raised {type(_error).__name__}: {_error}. "
        "Hint: every refusal raises InvalidToken('reason'), and nothing else."
    ) from None
else:
    raise AssertionError(
        "verify accepted a token checked with another key. Hint: recompute the HMAC-SHA256 of 'header.payload' "
        "with the key, and compare it with the signature."
    )

# --- PYODIDE:secrets --- #
import base64 as _base64
import hashlib as _hashlib
import hmac as _hmac
import json as _json

_KEY = b"billing signing key, 32 bytes.."
_AUDIENCE = "billing-api"
_NOW = 1_700_000_000
_GOOD_HEADER = '{"alg":"HS256","typ":"JWT"}'

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


def _segment(data):
    """The checks' own base64url encoder: they forge tokens without the learner's code."""
    return _base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _forge(header, payload, key=_KEY, signed_with="HS256"):
    """A token from raw header and payload texts (or bytes), signed as an attacker or another library would."""
    header = header.encode("utf-8") if isinstance(header, str) else header
    payload = payload.encode("utf-8") if isinstance(payload, str) else payload
    signing_input = _segment(header) + "." + _segment(payload)
    digests = {"HS256": _hashlib.sha256, "HS512": _hashlib.sha512}
    signature = _hmac.new(key, signing_input.encode("ascii"), digests[signed_with]).digest() if signed_with else b""
    return signing_input + "." + _segment(signature)


def _claims_text(claims, **options):
    return _json.dumps(claims, **options)


def _refused(token, why, hint, key=_KEY, now=_NOW, audience=_AUDIENCE):
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


def _accepted(token, claims, why, now=_NOW, audience=_AUDIENCE):
    got = _call(
        verify,
        token,
        _KEY,
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
for _claims in [
    {"sub": "zo\u00eb", "exp": _NOW + 60, "aud": _AUDIENCE},
    {"aud": [_AUDIENCE, "reports-api"], "exp": _NOW + 1, "nbf": _NOW, "role": "admin", "n": [1, 2.5, None, True]},
    {},
]:
    _token = _returning(str, sign, _claims, _KEY, advice="sign returns the token as a str.")
    _expected = _forge(_GOOD_HEADER, _json.dumps(_claims, separators=(",", ":")))
    assert _token == _expected, (
        f"sign({_claims!r}, key) returned {_token!r}, expected {_expected!r}. Hint: base64url without '=' of "
        'json.dumps(value, separators=(",", ":")).encode("utf-8") for the header {"alg":"HS256","typ":"JWT"} and '
        "for the claims, then the HMAC-SHA256 of the ASCII bytes 'header.payload', base64url too."
    )
    assert "=" not in _token and "+" not in _token and "/" not in _token, (
        f"sign returned {_token!r}, with characters of standard base64. "
        "Hint: base64.urlsafe_b64encode(...).rstrip(b'=')."
    )

# 2. Legitimate tokens: our own, and other libraries' JSON layouts, over many claim sets.
_LEGITIMATE = [
    {"sub": "ada", "exp": _NOW + 1, "aud": _AUDIENCE},
    {"sub": "zo\u00eb", "name": "\u65e5\u672c \U0001f511", "exp": _NOW + 3600, "aud": _AUDIENCE, "iat": _NOW},
    {"sub": "1", "exp": _NOW + 0.5, "aud": _AUDIENCE},
    {"sub": "2", "exp": _NOW + 60, "nbf": _NOW, "aud": _AUDIENCE},
    {"sub": "3", "exp": _NOW + 60, "nbf": _NOW - 0.5, "aud": ["reports-api", _AUDIENCE]},
    {"exp": _NOW + 60, "aud": [_AUDIENCE], "scopes": ["read", "write"], "meta": {"a": [1, {"b": None}]}},
]
for _claims in _LEGITIMATE:
    _token = _returning(str, sign, _claims, _KEY)
    _accepted(_token, _claims, f"sign({_claims!r}, key)")
    for _header, _options, _layout in [
        ('{"typ":"JWT","alg":"HS256"}', {}, "header keys in the other order, JSON with spaces"),
        ('{"alg": "HS256"}', {"ensure_ascii": False}, "no typ, JSON in raw UTF-8"),
        ('{"alg":"HS256","typ":"JWT","kid":"2024-01"}', {"indent": 1}, "a kid in the header, indented JSON"),
    ]:
        _accepted(
            _forge(_header, _claims_text(_claims, **_options)),
            _claims,
            f"a token made by another library ({_layout})",
        )

# 3. Shapes that are not a JWT.
for _token in TOKEN_SHAPE_PAYLOADS:
    _refused(
        _token,
        "a string that is not a JWT",
        "split('.') must give exactly 3 base64url segments, and each must decode.",
    )

# 4. The header decides nothing: only alg "HS256", exactly, goes on to the HMAC check.
for _header in HEADER_PAYLOADS:
    for _signed_with in (None, "HS256", "HS512"):
        _refused(
            _forge(
                _header,
                _claims_text({"sub": "ada", "role": "admin", "exp": _NOW + 60, "aud": _AUDIENCE}),
                signed_with=_signed_with,
            ),
            f"the header {_header} (signature: {_signed_with or 'empty'})",
            "the verifier fixes the algorithm (RFC 8725): refuse unless the header is a JSON object whose alg is "
            "exactly 'HS256', and never pick the hash function, or skip the check, from the header.",
        )


# 5. Signed payloads whose claims are wrong.
def _claims_hint(payload):
    """What the payload gets wrong, for the hint."""
    try:
        claims = _json.loads(payload)
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
    if exp <= _NOW:
        return "refuse when now >= exp."
    if "nbf" in claims:
        return "nbf, when present, is checked like exp (int or float, not bool or str, finite), and refused when now < nbf."
    return (
        "aud must equal the audience, or be a list with the audience as one element. `audience in aud` on a str "
        "tests for a substring, and on a dict for a key."
    )


for _payload in CLAIMS_PAYLOADS:
    _refused(_forge(_GOOD_HEADER, _payload), f"a correctly signed payload {_payload!r}", _claims_hint(_payload))
_refused(
    _forge(_GOOD_HEADER, b'{"exp":9999999999,"aud":"billing-api","name":"\xff"}'),
    "a payload whose bytes are not UTF-8",
    "decode the payload as UTF-8 inside the same try as json.loads.",
)
for _part, _encoding in ENCODING_PAYLOADS:
    _text = {"header": _GOOD_HEADER, "payload": _claims_text({"sub": "ada", "exp": _NOW + 60, "aud": _AUDIENCE})}
    _text = {name: value.encode(_encoding if name == _part else "utf-8") for name, value in _text.items()}
    _refused(
        _forge(_text["header"], _text["payload"]),
        f"a correctly signed token whose {_part} is JSON in {_encoding}, not UTF-8",
        "the header and the payload are UTF-8 JSON (RFC 7519, RFC 8259: no byte order mark): decode the bytes "
        "with .decode('utf-8') yourself, then json.loads the str. Given bytes, json.loads also reads a UTF-8 BOM, "
        "UTF-16 and UTF-32, so one token would have several spellings and another verifier may read it otherwise.",
    )

# 6. Boundaries of exp and nbf, around NOW.
_base = {"sub": "ada", "aud": _AUDIENCE}
_refused(
    _forge(_GOOD_HEADER, _claims_text({**_base, "exp": _NOW})),
    "a token whose exp is exactly now",
    "the token is expired when now >= exp (RFC 7519: valid only before exp): refuse at exp itself, not one second later.",
)
for _exp in (_NOW - 1, _NOW - 0.5):
    _refused(
        _forge(_GOOD_HEADER, _claims_text({**_base, "exp": _exp})),
        f"a token whose exp ({_exp}) is in the past",
        "compare now with exp: refuse when now >= exp.",
    )
_refused(
    _forge(_GOOD_HEADER, _claims_text({**_base, "exp": _NOW + 60, "nbf": _NOW + 1})),
    "a token whose nbf is one second after now",
    "refuse when now < nbf: the token is not valid yet.",
)
_accepted(
    _forge(_GOOD_HEADER, _claims_text({**_base, "exp": _NOW + 60, "nbf": _NOW})),
    {**_base, "exp": _NOW + 60, "nbf": _NOW},
    "a token whose nbf is exactly now",
)

# 7. Tampering, other keys, and well-formed tokens with a changed signature.
_original = _forge(_GOOD_HEADER, _claims_text({"sub": "ada", "role": "reader", "exp": _NOW + 60, "aud": _AUDIENCE}))
_head, _body, _signature = _original.split(".")
_promoted = _segment(_claims_text({"sub": "ada", "role": "admin", "exp": _NOW + 60, "aud": _AUDIENCE}).encode())
_other = _forge(_GOOD_HEADER, _claims_text({"sub": "bob", "role": "admin", "exp": _NOW + 60, "aud": _AUDIENCE}))
_TAMPERED = [
    (f"{_head}.{_promoted}.{_signature}", "ada's token with role changed to admin, old signature kept"),
    (f"{_head}.{_body}.{_other.split('.')[2]}", "ada's token with the signature of another valid token"),
    (f"{_head}.{_other.split('.')[1]}.{_signature}", "another user's claims under ada's signature"),
    (f"{_head}.{_body}.{_signature[:-2]}", "ada's token with a shortened signature"),
    (f"{_head}.{_body}.", "ada's token with its signature removed"),
    (f"{_head}.{_body}.{_signature}=", "ada's token with '=' padding added to the signature"),
    (f"{_head}.{_body}.{_signature[:10]}!{_signature[10:]}", "ada's token with a '!' inside the signature"),
    (f"{_head}.{_body}.{_signature}\n", "ada's token with a newline after it"),
    (
        f"{_head}.{_body}.{_base64.b64encode(_base64.urlsafe_b64decode(_signature + '=')).decode()}",
        "ada's token with its signature in standard base64, padded",
    ),
]
for _token, _why in _TAMPERED:
    _refused(
        _token,
        _why,
        "recompute the HMAC over the received 'header.payload' and compare it with the signature "
        "decoded strictly: base64url characters only, no '=' (RFC 7515), so one token has one spelling.",
    )
for _key, _why in [(_KEY[:-1] + b"!", "a key that differs in its last byte"), (b"", "an empty key")]:
    _refused(_original, f"ada's token verified with {_why}", "sign and verify with the key you are given.", key=_key)
_accepted(_original, {"sub": "ada", "role": "reader", "exp": _NOW + 60, "aud": _AUDIENCE}, "ada's untouched token")

# 8. The signature is compared in constant time.
_real_compare = _hmac.compare_digest
_compared = []


def _spy_compare(a, b):
    _compared.append((a, b))
    return _real_compare(a, b)


for _token, _why in [(_original, "a valid token"), (_TAMPERED[0][0], "a tampered token")]:
    _compared.clear()
    _hmac.compare_digest = _spy_compare
    try:
        verify(_token, _KEY, _NOW, _AUDIENCE)
    except Exception:  # noqa: BLE001 - only the comparison matters here
        pass
    finally:
        _hmac.compare_digest = _real_compare
    assert _compared, (
        f"verify of {_why} did not call hmac.compare_digest. '==' on signatures returns at the first differing "
        "byte, and that time difference lets an attacker find a valid signature byte by byte. "
        "Hint: hmac.compare_digest(expected, received), called through the hmac module."
    )
