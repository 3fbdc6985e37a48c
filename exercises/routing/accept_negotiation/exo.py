# --- PYODIDE:env --- #
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
REPRESENTATIONS = {  # media type: (Content-Type header, body)
    "application/json": ("application/json", b'{"title": "Dune"}'),
    "text/html": ("text/html; charset=utf-8", b"<h1>Dune</h1>"),
    "text/plain": ("text/plain; charset=utf-8", b"Dune"),
}
AVAILABLE = list(REPRESENTATIONS)  # the server's order of preference


def parse_accept(header):
    """(type, subtype, q) for each well-formed media range; malformed ones are skipped."""
    ranges = []
    for item in header.split(","):
        media, *params = [part.strip() for part in item.split(";")]
        kind, slash, subtype = media.lower().partition("/")
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = -1.0
        if kind and slash and subtype and 0 <= q <= 1:  # a NaN fails both comparisons
            ranges.append((kind, subtype, q))
    return ranges


def quality(ranges, media_type):
    """The q of the most specific range that matches media_type; 0 when none does."""
    kind, _, subtype = media_type.lower().partition("/")
    best_specificity, best_q = -1, 0.0
    for range_kind, range_subtype, q in ranges:
        if range_kind in ("*", kind) and range_subtype in ("*", subtype):
            specificity = (range_kind != "*") + (range_subtype != "*")
            if specificity > best_specificity:
                best_specificity, best_q = specificity, q
    return best_q


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
    return [body]


# --- PYODIDE:tests --- #
for accept, expected, hint in [
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
    chosen = choose(accept, AVAILABLE)
    assert chosen == expected, f"choose({accept!r}, AVAILABLE) should be {expected!r}, got {chosen!r}. Hint: {hint}"

response = call_wsgi(app, headers={"Accept": "text/plain"})
assert (response.status, response.body) == ("200 OK", b"Dune"), (
    f"With 'Accept: text/plain' the app should answer '200 OK' and b'Dune', got {response.status!r} {response.body!r}. "
    "Hint: pass environ.get('HTTP_ACCEPT') to choose(), then send the body REPRESENTATIONS gives for the chosen type."
)
assert response.header("Content-Type") == "text/plain; charset=utf-8", (
    f"The text/plain answer should have the Content-Type 'text/plain; charset=utf-8', got {response.header('Content-Type')!r}. "
    "Hint: REPRESENTATIONS holds each type's Content-Type and body."
)
response = call_wsgi(app, headers={"Accept": "image/png"})
assert response.status == "406 Not Acceptable", (
    f"With 'Accept: image/png' nothing fits: expected '406 Not Acceptable', got {response.status!r}. "
    "Hint: when choose() returns None, start_response('406 Not Acceptable', ...) instead of a 200."
)


# --- PYODIDE:secrets --- #
def _choose(accept, available=AVAILABLE):
    try:
        return choose(accept, list(available))
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"choose({accept!r}, {available!r}) raised {type(error).__name__}: {error}. "
            "Hint: the Accept header comes from the client: skip an entry you cannot read, never let it raise."
        ) from None


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

# The available types are a parameter.
_expect("text/*", "text/plain", "use the list passed as `available`, in its order.", ["text/plain", "text/html"])
_expect(None, None, "with nothing available, nothing can be chosen: return None for an empty list, header or not.", [])
_expect("application/*", None, "only the types passed as `available` can be chosen.", ["text/plain"])

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
