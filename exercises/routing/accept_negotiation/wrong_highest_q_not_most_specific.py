# expect: the most specific range decides its q
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
    """The highest q among the ranges that match media_type; 0 when none does."""
    kind, _, subtype = media_type.lower().partition("/")
    best_q = 0.0
    for range_kind, range_subtype, q in ranges:
        if range_kind in ("*", kind) and range_subtype in ("*", subtype):
            best_q = max(best_q, q)
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
