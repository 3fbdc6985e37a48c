# --- PYODIDE:env --- #
import ipaddress as _ipaddress
from urllib.parse import urljoin as _urljoin, urlsplit as _urlsplit

from course_helpers.feedback import learner_line as _learner_line, message_of as _message_of


class FakeResolver:
    """A DNS resolver from a dict: resolve(host) returns the list of IP strings of `host`, [] if unknown.

    A value that is a tuple of lists answers with each list in turn (the last one again once they
    run out): that is how a DNS server under an attacker's control rebinds a name.
    `calls` lists the hosts asked for, in order."""

    def __init__(self, table):
        self.table = table
        self.calls = []

    def __call__(self, host):
        asked = [h for h in self.calls if h == host]
        self.calls.append(host)
        answer = self.table.get(host, [])
        if isinstance(answer, tuple):
            answer = answer[min(len(asked), len(answer) - 1)]
        return list(answer)


class FakeWeb:
    """An HTTP client from a dict: open_url(url, ip) returns the (status, headers, body) of `url`.

    A URL the dict does not hold answers (404, {}, b"not found"). `calls` lists each (url, ip)."""

    def __init__(self, pages):
        self.pages = pages
        self.calls = []

    def __call__(self, url, ip):
        self.calls.append((url, ip))
        return self.pages.get(url, (404, {}, b"not found"))


# --- PYODIDE:code --- #
import ipaddress
from urllib.parse import urljoin, urlsplit


def fetch_preview(url, resolve, open_url, max_redirects=3):
    host = urlsplit(url).hostname
    return open_url(url, resolve(host)[0])


# --- PYODIDE:corr --- #
import ipaddress
from urllib.parse import urljoin, urlsplit

REDIRECTS = (301, 302, 303, 307, 308)


def allowed(address):
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global


def checked_ip(url, resolve):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.port is not None or not parts.hostname:
        raise ValueError(f"{url}: only http and https, with a host and the default port")
    host = parts.hostname
    try:
        ipaddress.ip_address(host)
        addresses = [host]
    except ValueError:
        last = host.removesuffix(".").split(".")[-1]
        if last.isdigit() or last.startswith("0x"):
            raise ValueError(f"{host}: a number that is not a canonical IP address") from None
        addresses = resolve(host)
    if not addresses:
        raise ValueError(f"{host}: no address")
    for address in addresses:
        if not allowed(address):
            raise ValueError(f"{address}: not a public address")
    return addresses[0]


def fetch_preview(url, resolve, open_url, max_redirects=3):
    for _ in range(max_redirects + 1):
        status, headers, body = open_url(url, checked_ip(url, resolve))
        if status not in REDIRECTS:
            return status, headers, body
        url = urljoin(url, headers["Location"])
    raise ValueError(f"{url}: too many redirects")


# --- PYODIDE:tests --- #
_dns = FakeResolver({"public.example": ["93.184.215.14"], "localhost": ["127.0.0.1"]})
_web = FakeWeb({"http://public.example/": (200, {}, b"<title>Hello</title>")})
try:
    _got = fetch_preview("http://public.example/", _dns, _web)
except Exception as _error:  # noqa: BLE001 - the learner's code may raise anything
    _got = f"{type(_error).__name__}: {_message_of(_error)} ({_learner_line(_error)})"
assert _got == (200, {}, b"<title>Hello</title>"), (
    f"fetch_preview('http://public.example/', ...) gave {_got!r}, not the page. "
    "Hint: resolve the host, check its addresses, call open_url(url, ip) and return what it returns."
)
assert _web.calls == [("http://public.example/", "93.184.215.14")], (
    f"open_url was called as {_web.calls!r}. Hint: call open_url(url, ip) once, with the address you checked."
)
try:
    _got = fetch_preview("http://localhost/", _dns, _web)
except ValueError:
    _got = "refused"
except Exception as _error:  # noqa: BLE001 - the learner's code may raise anything
    _got = f"{type(_error).__name__}: {_message_of(_error)} ({_learner_line(_error)})"
assert _got == "refused", (
    f"fetch_preview('http://localhost/', ...) gave {_got!r}: the server fetched its own loopback address "
    "for a visitor. Hint: raise ValueError when an address the host resolves to is not ipaddress...is_global."
)

# --- PYODIDE:secrets --- #
_DNS = {
    "public.example": ["93.184.215.14"],
    "other.example": ["2606:2800::1"],
    "twin.example": ["2606:2800::1", "93.184.215.14"],
    "123.example": ["93.184.215.14"],
    "localhost": ["127.0.0.1", "::1"],
    "metadata.google.internal": ["169.254.169.254"],
    "intranet.example": ["10.0.0.5"],
    "router.example": ["192.168.1.1"],
    "cgnat.example": ["100.64.0.1"],
    "zero.example": ["0.0.0.0"],
    "mapped.example": ["::ffff:127.0.0.1"],
    "mixed.example": ["93.184.215.14", "10.0.0.5"],
    "mixed6.example": ["2606:2800::1", "fd00::1"],
    # what getaddrinfo answers for these numeric forms, read the C way (inet_aton)
    "2130706433": ["127.0.0.1"],
    "0x7f000001": ["127.0.0.1"],
    "0177.0.0.1": ["127.0.0.1"],
    "127.1": ["127.0.0.1"],
    "127.0.0.1.": ["127.0.0.1"],
}

SCHEME_PAYLOADS = [
    "file:///etc/passwd",
    "gopher://public.example/_SET%20admin%20true",
    "ftp://public.example/",
    "dict://public.example/stat",
    "https:public.example",
    "http:///public.example/",
]
PORT_PAYLOADS = [
    "http://public.example:22/",
    "http://public.example:6379/",
    "https://public.example:8443/",
    "http://public.example:80/",
    "http://public.example:abc/",
    "http://public.example:99999/",
]
ADDRESS_PAYLOADS = [
    "http://127.0.0.1/",
    "http://127.0.0.2/admin",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.5/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://user@127.0.0.1/",
    "http://public.example@127.0.0.1/",
    "http://100.64.0.1/",
    "http://[::ffff:100.64.0.1]/",
]
NAME_PAYLOADS = [
    "http://localhost/",
    "http://LOCALHOST/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://intranet.example/",
    "http://router.example/",
    "http://zero.example/",
    "http://mapped.example/",
    "http://cgnat.example/",
    "http://nowhere.example/",
]
MIXED_PAYLOADS = [
    "http://mixed.example/",
    "http://mixed6.example/",
]
NUMERIC_PAYLOADS = [
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://127.0.0.1./",
]
REDIRECT_PAYLOADS = [
    ("http://public.example/go", "http://127.0.0.1/admin"),
    ("http://public.example/go", "//169.254.169.254/latest/meta-data/"),
    ("https://public.example/go", "http://localhost/"),
    ("http://public.example/go", "file:///etc/passwd"),
    ("http://public.example/go", "http://[::1]/"),
]
REBINDING_PAYLOADS = [
    ("http://rebind.example/", "93.184.215.14", "127.0.0.1"),
    ("http://rebind.example/", "2606:2800::1", "169.254.169.254"),
]

_SECRET = (200, {}, b"internal data")
_REFUSED = "ValueError"


def _fetch(url, resolver, web, advice, **options):
    """What fetch_preview returns, or REFUSED when it raises ValueError."""
    try:
        value = fetch_preview(url, resolver, web, **options)
    except ValueError:
        return _REFUSED
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"fetch_preview({url!r}, ...) raised {type(error).__name__}: {_message_of(error)}. "
            f"Hint: the line that raised it is {_learner_line(error)}. {advice}"
        ) from None
    return value


def _internal_calls(web):
    """The calls of open_url to an address that is not public (or not an address at all)."""
    bad = []
    for url, ip in web.calls:
        try:
            address = _ipaddress.ip_address(str(ip))
        except ValueError:
            bad.append((url, ip))
            continue
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global:
            bad.append((url, ip))
    return bad


def _check_refused(url, resolver, web, why, hint):
    got = _fetch(url, resolver, web, hint)
    bad = _internal_calls(web)
    assert not bad, f"{url!r} got through: your code connected to {bad[0][1]!r} for {bad[0][0]!r}, {why}. Hint: {hint}"
    assert got == _REFUSED, (
        f"fetch_preview({url!r}, ...) returned {got!r} instead of raising ValueError: {why}. Hint: {hint}"
    )


_SCHEME_WHY = "file:, gopher: and dict: read local files or speak raw bytes to internal services"
_SCHEME_HINT = (
    "accept urlsplit(url).scheme in ('http', 'https') only, with a hostname (urlsplit(url).hostname is not None)."
)
for _url in SCHEME_PAYLOADS:
    _check_refused(_url, FakeResolver(_DNS), FakeWeb({}), _SCHEME_WHY, _SCHEME_HINT)

_PORT_WHY = "a port lets a visitor knock on SSH, Redis or an admin port of any host"
_PORT_HINT = "refuse a URL that names a port (urlsplit(url).port is not None; .port raises ValueError for a bad one)."
for _url in PORT_PAYLOADS:
    _check_refused(_url, FakeResolver(_DNS), FakeWeb({}), _PORT_WHY, _PORT_HINT)

_ADDRESS_WHY = (
    "the server fetches its own loopback, the cloud metadata service (169.254.169.254) or the internal network "
    "for a visitor. 100.64.0.0/10 (shared, carrier NAT) is not is_private, yet not is_global either"
)
_ADDRESS_HINT = (
    "refuse any address that is not ipaddress.ip_address(a).is_global; for an IPv4-mapped IPv6 address "
    "(::ffff:a.b.c.d) judge its .ipv4_mapped: Python 3.11 calls ::ffff:100.64.0.1 global."
)
for _url in ADDRESS_PAYLOADS:
    _check_refused(_url, FakeResolver(_DNS), FakeWeb({}), _ADDRESS_WHY, _ADDRESS_HINT)

_NAME_HINT = (
    "resolve the host, raise ValueError when resolve() gives no address, and check each address it gives: "
    "a list of names or strings to refuse ('localhost', '127.0.0.1') always misses one."
)
for _url in NAME_PAYLOADS:
    _check_refused(_url, FakeResolver(_DNS), FakeWeb({}), "that name resolves to an internal address", _NAME_HINT)

_MIXED_HINT = (
    "check every address resolve() returns, not only the first: an HTTP client connecting by name may use "
    "any of them, and tries the next one when the first fails."
)
for _url in MIXED_PAYLOADS:
    _check_refused(_url, FakeResolver(_DNS), FakeWeb({}), "one of its addresses is internal", _MIXED_HINT)

_NUMERIC_HINT = (
    "when ipaddress refuses a host whose last label is digits or starts with 0x, raise ValueError without "
    "resolving it: inet_aton, curl and browsers read '0x7f000001' or '127.1' as 127.0.0.1, other parsers differently."
)
for _url in NUMERIC_PAYLOADS:
    _resolver = FakeResolver(_DNS)
    _check_refused(_url, _resolver, FakeWeb({}), "that number is 127.0.0.1 for most URL parsers", _NUMERIC_HINT)
    assert not _resolver.calls, (
        f"For {_url!r} your code asked the resolver about {_resolver.calls[0]!r}: whether a lookup reads it as "
        f"127.0.0.1 depends on the resolver. Hint: {_NUMERIC_HINT}"
    )

_REDIRECT_HINT = (
    "check every URL before opening it, the Location of each redirect too (made absolute with "
    "urljoin(current_url, location)): the first URL being public says nothing about where it sends you."
)
for _start, _location in REDIRECT_PAYLOADS:
    _web = FakeWeb({_start: (302, {"Location": _location}, b""), _urljoin(_start, _location): _SECRET})
    _check_refused(_start, FakeResolver(_DNS), _web, f"which redirects to {_location!r}", _REDIRECT_HINT)

_REBIND_HINT = (
    "resolve once, check those addresses, and pass the checked one to open_url: asking the resolver again "
    "lets an attacker's DNS answer differently the second time (DNS rebinding)."
)
for _url, _first, _second in REBINDING_PAYLOADS:
    _host = _urlsplit(_url).hostname
    _resolver = FakeResolver({_host: ([_first], [_second])})
    _web = FakeWeb({_url: (200, {}, b"rebinding page")})
    _got = _fetch(_url, _resolver, _web, _REBIND_HINT)
    _bad = _internal_calls(_web)
    assert not _bad, (
        f"{_url!r} got through: its name resolved to {_first} when checked and to {_second} the next time, and "
        f"your code connected to {_bad[0][1]!r}. Hint: {_REBIND_HINT}"
    )
    assert _got == (200, {}, b"rebinding page") and len(_web.calls) == 1, (
        f"fetch_preview({_url!r}, ...) gave {_got!r} after the calls {_web.calls!r}, where its checked address "
        f"{_first} serves the page. Hint: {_REBIND_HINT}"
    )


def _same_ip(a, b):
    try:
        return _ipaddress.ip_address(str(a)) == _ipaddress.ip_address(b)
    except ValueError:
        return False


def _check_served(url, pages, expected_calls, expected, why, hint, **options):
    web = FakeWeb(pages)
    got = _fetch(url, FakeResolver(_DNS), web, hint, **options)
    shown = "raised ValueError" if got == _REFUSED else f"returned {got!r}"
    assert got == expected, f"fetch_preview({url!r}, ...) {shown}, where {expected!r} was due: {why}. Hint: {hint}"
    assert len(web.calls) == len(expected_calls) and all(
        call_url == want_url and isinstance(ip, str) and _same_ip(ip, want_ip)
        for (call_url, ip), (want_url, want_ip) in zip(web.calls, expected_calls)
    ), (
        f"For {url!r} open_url was called as {web.calls!r}, where {expected_calls!r} was due: {why}. "
        "Hint: call open_url(url, ip) once per URL, with the first address of that URL's own host, as a str, "
        "once every address is checked."
    )


_PAGE = (200, {"Content-Type": "text/html"}, b"<title>Public</title>")
_LEGITIMATE = [
    ("http://public.example/", "93.184.215.14"),
    ("https://public.example/a/b?c=1#top", "93.184.215.14"),
    ("HTTP://Public.Example/", "93.184.215.14"),
    ("https://other.example/", "2606:2800::1"),
    ("https://twin.example/", "2606:2800::1"),
    ("http://123.example/", "93.184.215.14"),
    ("http://93.184.215.14/", "93.184.215.14"),
    ("http://[2606:2800::1]/", "2606:2800::1"),
    ("http://[::ffff:93.184.215.14]/", "::ffff:93.184.215.14"),
]
for _url, _ip in _LEGITIMATE:
    _check_served(
        _url,
        {_url: _PAGE},
        [(_url, _ip)],
        _PAGE,
        "a public host, named (123.example too: only a numeric last label makes a number) or written as an IP "
        "address, must be fetched",
        "an IP literal needs no resolving (ipaddress.ip_address(urlsplit(url).hostname)); a name is resolved; "
        "then call open_url(url, ip) and return its (status, headers, body).",
    )
_check_served(
    "http://public.example/missing",
    {},
    [("http://public.example/missing", "93.184.215.14")],
    (404, {}, b"not found"),
    "a response that is not a redirect is returned as it is, errors included",
    "return open_url's (status, headers, body) unless the status is 301, 302, 303, 307 or 308.",
)

for _status in (301, 302, 303, 307, 308):
    _check_served(
        "http://public.example/moved",
        {
            "http://public.example/moved": (_status, {"Location": "https://other.example/new"}, b""),
            "https://other.example/new": _PAGE,
        },
        [("http://public.example/moved", "93.184.215.14"), ("https://other.example/new", "2606:2800::1")],
        _PAGE,
        f"a {_status} to another public host is followed, connecting to that host's own address",
        "follow 301, 302, 303, 307 and 308: check the Location's URL, then open it with its own address.",
    )
_check_served(
    "http://public.example/a/old",
    {"http://public.example/a/old": (302, {"Location": "../new?x=1"}, b""), "http://public.example/new?x=1": _PAGE},
    [("http://public.example/a/old", "93.184.215.14"), ("http://public.example/new?x=1", "93.184.215.14")],
    _PAGE,
    "a relative Location is relative to the URL that answered",
    "make the Location absolute with urljoin(current_url, location) before checking and opening it.",
)

_CHAIN = {f"http://public.example/{n}": (302, {"Location": f"/{n + 1}"}, b"") for n in range(5)}
_CHAIN["http://public.example/3"] = _PAGE
_chain_calls = [(f"http://public.example/{n}", "93.184.215.14") for n in range(4)]
_LIMIT_HINT = "follow at most max_redirects redirects: max_redirects + 1 requests in all, then raise ValueError."
_check_served(
    "http://public.example/0", _CHAIN, _chain_calls, _PAGE, "exactly 3 redirects are allowed by default", _LIMIT_HINT
)
_LONGER = dict(_CHAIN, **{"http://public.example/3": (302, {"Location": "/4"}, b""), "http://public.example/4": _PAGE})
_web = FakeWeb(_LONGER)
_got = _fetch("http://public.example/0", FakeResolver(_DNS), _web, _LIMIT_HINT)
assert _got == _REFUSED and len(_web.calls) == 4, (
    f"A chain of 4 redirects gave {_got!r} after {len(_web.calls)} requests; ValueError after the 4th "
    f"response was due (3 redirects followed). Hint: {_LIMIT_HINT}"
)
_web = FakeWeb(_CHAIN)
_got = _fetch("http://public.example/2", FakeResolver(_DNS), _web, _LIMIT_HINT, max_redirects=0)
assert _got == _REFUSED and len(_web.calls) == 1, (
    f"With max_redirects=0, a redirect gave {_got!r} after {len(_web.calls)} requests; ValueError after the first "
    f"was due. Hint: {_LIMIT_HINT}"
)
