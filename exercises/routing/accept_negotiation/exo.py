# --- PYODIDE:env --- #
from course_helpers.checks import call as _call
from course_helpers.wsgi import call_wsgi

# --- PYODIDE:code --- #
REPRESENTATIONS = {  # media type: (Content-Type header, body)
    "application/json": ("application/json", b'{"title": "Dune"}'),
    "text/html": ("text/html; charset=utf-8", b"<h1>Dune</h1>"),
    "text/plain": ("text/plain; charset=utf-8", b"Dune"),
}
AVAILABLE = list(REPRESENTATIONS)  # the server's order of preference


def choose(accept, available):
    """The media type of `available` to send for this Accept header, or None (406)."""
    ...


def app(environ, start_response): ...


# --- PYODIDE:corr --- #
import re

REPRESENTATIONS = {  # media type: (Content-Type header, body)
    "application/json": ("application/json", b'{"title": "Dune"}'),
    "text/html": ("text/html; charset=utf-8", b"<h1>Dune</h1>"),
    "text/plain": ("text/plain; charset=utf-8", b"Dune"),
}
AVAILABLE = list(REPRESENTATIONS)  # the server's order of preference
MEDIA_RANGE = re.compile(r"([^\s/]+)/([^\s/]+)")  # type/subtype: one slash, no space


def weight(text):
    """The value of a q parameter: a number from 0 to 1, or None when it is anything else."""
    try:
        q = float(text)
    except ValueError:
        return None
    return q if 0 <= q <= 1 else None  # a NaN fails both comparisons


def parse_accept(header):
    """(type, subtype, q) for each valid media range of the header; the others are skipped."""
    ranges = []
    for item in header.split(","):
        media, *params = [part.strip() for part in item.split(";")]
        found = MEDIA_RANGE.fullmatch(media.lower())
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                q = weight(value)
        if found and q is not None:
            kind, subtype = found.groups()
            if kind != "*" or subtype == "*":  # "*/html" is no media range
                ranges.append((kind, subtype, q))
    return ranges


def quality(ranges, media_type):
    """The q of the most specific range that matches media_type (its highest q if that range
    is repeated); 0 when no range matches."""
    kind, _, subtype = media_type.lower().partition("/")
    matching = [
        ((range_kind != "*") + (range_subtype != "*"), q)  # (specificity, q): max() compares both in turn
        for range_kind, range_subtype, q in ranges
        if range_kind in ("*", kind) and range_subtype in ("*", subtype)
    ]
    return max(matching)[1] if matching else 0


def choose(accept, available):
    if accept is None or not accept.strip():
        return available[0] if available else None
    ranges = parse_accept(accept)
    chosen, chosen_q = None, 0.0
    for media_type in available:  # strictly greater: a tie keeps the server's earlier choice
        q = quality(ranges, media_type)
        if q > chosen_q:
            chosen, chosen_q = media_type, q
    return chosen


def app(environ, start_response):
    chosen = choose(environ.get("HTTP_ACCEPT"), AVAILABLE)
    if chosen is None:
        status, content_type = "406 Not Acceptable", "text/plain; charset=utf-8"
        body = ("Not Acceptable. Available: " + ", ".join(AVAILABLE)).encode("utf-8")
    else:
        status, (content_type, body) = "200 OK", REPRESENTATIONS[chosen]
    # Vary: the body depends on Accept, so a cache must keep one copy per Accept value.
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))), ("Vary", "Accept")])
    return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]


# --- PYODIDE:tests --- #
for _accept, _expected, _hint in [
    (
        "text/html",
        "text/html",
        "text/html is available and asked for: split the header on ',' and compare each "
        "range's type/subtype with the available types.",
    ),
    (None, "application/json", "no Accept header means anything goes: send the server's first choice."),
    (
        "text/plain;q=0.9, text/html;q=0.5",
        "text/plain",
        "the highest q wins: read q from each entry's ';q=' parameter.",
    ),
    ("image/png", None, "nothing available fits: return None, which the app turns into a 406."),
]:
    _chosen = _call(choose, _accept, AVAILABLE)
    assert _chosen == _expected, (
        f"choose({_accept!r}, AVAILABLE) should be {_expected!r}, got {_chosen!r}. Hint: {_hint}"
    )

_response = call_wsgi(app, headers={"Accept": "text/plain"})
assert (_response.status, _response.body) == ("200 OK", b"Dune"), (
    f"With 'Accept: text/plain' the app should answer '200 OK' and b'Dune', got {_response.status!r} {_response.body!r}. "
    "Hint: pass environ.get('HTTP_ACCEPT') to choose(), then send the body REPRESENTATIONS gives for the chosen type."
)
assert _response.header("Content-Type") == "text/plain; charset=utf-8", (
    f"The text/plain answer should have the Content-Type 'text/plain; charset=utf-8', got {_response.header('Content-Type')!r}. "
    "Hint: REPRESENTATIONS holds each type's Content-Type and body."
)
_response = call_wsgi(app, headers={"Accept": "image/png"})
assert _response.status == "406 Not Acceptable", (
    f"With 'Accept: image/png' nothing fits: expected '406 Not Acceptable', got {_response.status!r}. "
    "Hint: when choose() returns None, start_response('406 Not Acceptable', ...) instead of a 200."
)


# --- PYODIDE:secrets --- #
import random as _random


def _choose(accept, available=AVAILABLE):
    return _call(
        choose,
        accept,
        list(available),
        advice="The Accept header comes from the client: skip an entry you cannot read, never let it raise.",
    )


def _expect(accept, expected, why, available=AVAILABLE):
    chosen = _choose(accept, available)
    assert chosen == expected, (
        f"choose({accept!r}, {list(available)!r}) should be {expected!r}, got {chosen!r}. Hint: {why}"
    )


# Equal quality: the server's order decides, not the header's.
_expect(
    "text/html, application/json",
    "application/json",
    "both have q=1, so the tie goes to the server's order of preference, not the order of the header.",
)
_expect(
    "text/plain, text/html",
    "text/html",
    "a tie goes to the server's order of preference: walk `available` "
    "in order and replace your best candidate only on a strictly greater weight.",
)
_expect("*/*;q=0.5, text/plain;q=0.5", "application/json", "all three have q=0.5; the server's first choice wins.")

# Wildcards, and the most specific range deciding.
_expect("*/*", "application/json", "*/* matches every type, so the server's favourite wins.")
_expect("text/*", "text/html", "text/* matches text/html and text/plain; the server prefers text/html.")
_expect(
    "application/*;q=0.2, text/plain",
    "text/plain",
    "text/plain has q=1, application/json only 0.2: an entry without a q parameter weighs 1.",
)
_expect(
    "*/*, application/json;q=0.1",
    "text/html",
    "application/json matches both */* and application/json;q=0.1, and the most specific range decides "
    "its q: 0.1, not the higher of the two. text/html keeps q=1 from */*.",
)
_expect(
    "text/*;q=0.1, */*;q=0.5, application/json;q=0.3",
    "application/json",
    "text/* is more specific than */*, so text/html and text/plain weigh 0.1, not 0.5: rank a range by its "
    "parts that are not '*' (0 for */*, 1 for text/*, 2 for text/html).",
)

# q=0: not acceptable, and it still overrides a wildcard.
_expect("application/json;q=0", None, "q=0 means not acceptable: return None rather than a type the client refused.")
_refused_hint = (
    "q=0 means not acceptable, and it is the most specific range for that type: keep such entries "
    "when parsing, or the wildcard makes the refused type acceptable again."
)
_expect("*/*, application/json;q=0", "text/html", _refused_hint)
_expect("text/*, text/html;q=0", "text/plain", _refused_hint)
_expect("*/*;q=0", None, "*/*;q=0 refuses everything: choose a type only when its weight is above 0.")

# The shape of the header: parameters, case, spaces, empty or broken entries.
_expect(
    "text/html;level=1;q=0.5, text/plain;q=0.4",
    "text/html",
    "parameters other than q (level=1) are ignored; only q matters.",
)
_expect("application/json; charset=utf-8", "application/json", "ignore parameters other than q when matching.")
_expect("TEXT/Plain", "text/plain", "media types are case-insensitive: compare them in lower case.")
_expect("text/html;Q=0.1, text/plain;q=0.5", "text/plain", "parameter names are case-insensitive: Q is q.")
_expect("  text/plain ; q=0.7 ,application/json;q=0.1", "text/plain", "strip the spaces around entries and parameters.")
_expect(
    "text/html,,application/json;q=0.5",
    "text/html",
    "an empty entry between two commas is skipped: ignore an entry that is empty after strip().",
)
_expect(
    "text/html;q=abc, application/json;q=0.5",
    "application/json",
    "an entry whose q is not a number is skipped: catch the ValueError from float() and drop that entry.",
)
_expect("text/html;q=2, text/plain;q=0.1", "text/plain", "q must be a number from 0 to 1; skip the entry otherwise.")
_expect("text/html;q=nan, text/plain;q=0.1", "text/plain", "float('nan') is a float, but not a number from 0 to 1.")
_expect("garbage", None, "'garbage' is not type/subtype, so it is skipped, and nothing is left to accept.")
_expect("garbage, text/plain", "text/plain", "skip the malformed entry and use the others.")
_expect("", "application/json", "an empty Accept header counts as a missing one: anything is acceptable.")
_expect("   ", "application/json", "a header of spaces only counts as a missing one: test accept.strip(), not accept.")

# The limits of q, written in several ways.
_expect(
    "text/plain, text/html;q=1",
    "text/html",
    "q=1 weighs exactly what no q weighs, so this is a tie between two weights of 1 and the server's order "
    "decides: text/html. Give an entry without q the weight 1.0, no more.",
)
_expect(
    "*/*;q=0.1, text/plain;q=1",
    "text/plain",
    "q=1 is a valid weight: keep an entry whose q is from 0 to 1, both limits included.",
)
_expect(
    "*/*;q=0.001, application/json;q=0.000",
    "text/html",
    "q=0.001 is above 0, so acceptable, however little; q=0.000 is 0, a refusal of application/json.",
)
_expect(
    "text/*;q=0.5, text/html;q=-1, application/json;q=0.4",
    "text/html",
    "q=-1 is no number from 0 to 1, so the whole entry text/html;q=-1 is skipped, as q=2 is: "
    "text/html keeps the 0.5 of text/*. Do not read a negative q as a refusal.",
)
_expect(
    "text/*, text/html;q=abc",
    "text/html",
    "text/html;q=abc is skipped, not read as q=0: text/html keeps the weight 1 of text/*. "
    "An unreadable q drops its entry, never turns it into a refusal.",
)
_expect(
    "*/html;q=0.9, text/plain;q=0.1",
    "text/plain",
    "'*/html' is no media range: a '*' type only goes with a '*' subtype (*/*). Skip such an entry, "
    "so that text/html matches no range here.",
)

# The same range twice: its highest q counts.
_expect(
    "text/html;q=0.8, text/html;q=0.2, text/plain;q=0.5",
    "text/html",
    "text/html is listed twice; the highest of its q values (0.8) counts, not the last one. "
    "Among equally specific ranges, keep the greatest q.",
)
_expect(
    "text/html;q=0.2, TEXT/HTML;q=0.8, text/plain;q=0.5",
    "text/html",
    "text/html is listed twice (case does not count); the highest of its q values (0.8) counts, "
    "not the first one. Among equally specific ranges, keep the greatest q.",
)

# The available types are a parameter.
_expect("text/*", "text/plain", "use the list passed as `available`, in its order.", ["text/plain", "text/html"])
_expect(None, None, "with nothing available, nothing can be chosen: return None for an empty list, header or not.", [])
_expect("application/*", None, "only the types passed as `available` can be chosen.", ["text/plain"])
_expect(
    "text/html",
    "Text/HTML",
    "media types are case-insensitive on the server's side too: lower-case the available type when "
    "matching, and return it as `available` spells it.",
    ["Application/JSON", "Text/HTML"],
)
_expect(
    "tëxt/html, text/plain;q=0.5",
    "text/plain",
    "an entry with a character outside ASCII matches no available type; skip it and use the others.",
)


# Many headers: each type's weight, then the choice, compared with a reference.
def _weights(header, available):
    best = {media_type: (-1, 0.0) for media_type in available}
    for entry in header.split(","):
        media, *params = entry.split(";")
        kind, slash, subtype = media.strip().lower().partition("/")
        if not (kind and slash and subtype) or (kind == "*" and subtype != "*"):
            continue
        q = 1.0
        for param in params:
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = float("nan")
        if not 0 <= q <= 1:
            continue
        for media_type in available:
            own_kind, _, own_subtype = media_type.partition("/")
            if kind in ("*", own_kind) and subtype in ("*", own_subtype):
                best[media_type] = max(best[media_type], ((kind != "*") + (subtype != "*"), q))
    return {media_type: q for media_type, (_, q) in best.items()}


_rng = _random.Random(9110)
_RANGES = (
    "*/*", "text/*", "TEXT/*", "application/*", "image/*", "text/html", "Text/HTML", "text/plain",
    "application/json", "image/png", "*/html", "garbage", "text/", "",
)  # fmt: skip
_QS = (None, None, None, "1", "1.0", "0", "0.0", "0.5", "0.001", "0.999", "0.8", "0.3", "abc", "2", "-1", "nan", "")
_TYPES = ("application/json", "text/html", "text/plain", "image/png", "text/csv")
for _ in range(400):
    _entries = []
    for _ in range(_rng.randint(1, 5)):
        _params = [_rng.choice(_RANGES)]
        if _rng.random() < 0.2:
            _params.append("level=1")
        _q = _rng.choice(_QS)
        if _q is not None:
            _params.append(f"{_rng.choice('qQ')}={_q}")
        _entries.append(_rng.choice((";", " ; ", "; ")).join(_params))
    _header = _rng.choice((",", ", ", " , ")).join(_entries)
    _available = _rng.sample(_TYPES, _rng.randint(1, len(_TYPES)))
    _weight_of = _weights(_header, _available)
    _top = max(_weight_of.values())
    if not _header.strip():
        _wanted = _available[0]
    else:
        _wanted = next(t for t in _available if _weight_of[t] == _top) if _top > 0 else None
    _chosen = _choose(_header, _available)
    assert _chosen == _wanted, (
        f"choose({_header!r}, {_available!r}) should be {_wanted!r}, got {_chosen!r}; the weights are "
        + ", ".join(f"{t} {w:g}" for t, w in _weight_of.items())
        + ". Hint: a type weighs the q of the most specific valid range that matches it (its highest q if "
        "that range is repeated, 0 if none matches); the first type of `available` with the highest weight "
        "above 0 wins."
    )

# The app.
for _accept, _status, _body in [
    (None, "200 OK", b'{"title": "Dune"}'),
    ("text/html;q=0.9, application/json;q=0.1", "200 OK", b"<h1>Dune</h1>"),
    ("*/*;q=0", "406 Not Acceptable", b"Not Acceptable. Available: application/json, text/html, text/plain"),
]:
    _response = call_wsgi(
        app,
        headers={} if _accept is None else {"Accept": _accept},
        why=f"a GET with {'no Accept header' if _accept is None else 'Accept: ' + _accept}",
    )
    _seen = "no Accept header" if _accept is None else f"'Accept: {_accept}'"
    assert (_response.status, _response.body) == (_status, _body), (
        f"With {_seen} the app should answer {_status!r} with the body {_body!r}, "
        f"got {_response.status!r} {_response.body!r}. Hint: for a chosen type, send the Content-Type and body "
        "REPRESENTATIONS gives it; for None, a 406 whose body lists the AVAILABLE types joined by ', '."
    )
    assert _response.header("Content-Length") == str(len(_response.body)), (
        f"With {_seen}, Content-Length says {_response.header('Content-Length')!r} "
        f"but the body has {len(_response.body)} bytes. "
        "Hint: compute Content-Length from the bytes you actually send, after choosing the body (200 or 406)."
    )
    assert _response.header("Vary") == "Accept", (
        f"With {_seen} the response has no 'Vary: Accept' (got {_response.header('Vary')!r}). "
        "Hint: the body depends on the Accept header; without Vary, a cache may serve the JSON to a browser that asked for HTML."
    )
_response = call_wsgi(app, headers={"Accept": "application/xml"})
assert _response.header("Content-Type") == "text/plain; charset=utf-8", (
    f"The 406 answer is plain text: expected the Content-Type 'text/plain; charset=utf-8', "
    f"got {_response.header('Content-Type')!r}. "
    "Hint: the 406 has no entry in REPRESENTATIONS; set its Content-Type to 'text/plain; charset=utf-8' yourself."
)
for _type, (_content_type, _body) in {  # as the starter gives them: the checks do not read the learner's copy
    "application/json": ("application/json", b'{"title": "Dune"}'),
    "text/html": ("text/html; charset=utf-8", b"<h1>Dune</h1>"),
    "text/plain": ("text/plain; charset=utf-8", b"Dune"),
}.items():
    _response = call_wsgi(app, headers={"Accept": _type})
    assert (_response.status, _response.header("Content-Type"), _response.body) == ("200 OK", _content_type, _body), (
        f"With 'Accept: {_type}' the app should answer '200 OK', the Content-Type {_content_type!r} and the body "
        f"{_body!r}; got {_response.status!r}, {_response.header('Content-Type')!r}, {_response.body!r}. "
        "Hint: send the Content-Type and the body that REPRESENTATIONS gives for the chosen type, and keep "
        "REPRESENTATIONS as the starter gives it."
    )

# HEAD: the headers of a GET, no body.
for _accept in ("text/html", "image/png"):
    _get = call_wsgi(app, headers={"Accept": _accept})
    _head = call_wsgi(app, method="HEAD", headers={"Accept": _accept})
    _get_headers = {name.lower(): value for name, value in _get.headers}
    _head_headers = {name.lower(): value for name, value in _head.headers}
    assert (_head.status, _head_headers) == (_get.status, _get_headers), (
        f"HEAD with 'Accept: {_accept}' should get the status and headers of the GET, {_get.status!r} "
        f"{_get_headers!r}; got {_head.status!r} {_head_headers!r}. Hint: choose and build the response as for "
        "a GET, Content-Length included (the length of the body a GET would get); only leave the body out."
    )
    assert _head.body == b"", (
        f"HEAD with 'Accept: {_accept}' got a body of {len(_head.body)} bytes; a HEAD response has none. "
        "Hint: when environ['REQUEST_METHOD'] is 'HEAD', send the same headers and return [] instead of [body]."
    )

# Each request on its own: the same app, other headers, another prefix.
for _accept, _body in [("text/html", b"<h1>Dune</h1>"), ("application/json", b'{"title": "Dune"}')] * 2:
    _response = call_wsgi(app, script_name="/api", path="/books/dune", headers={"Accept": _accept})
    assert _response.body == _body, (
        f"GET /api/books/dune with 'Accept: {_accept}' gave {_response.body!r} after other requests; "
        f"expected {_body!r}. Hint: choose again for every request, from its own Accept header; keep no choice "
        "between requests."
    )
