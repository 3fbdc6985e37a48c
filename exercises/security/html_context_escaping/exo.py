# --- PYODIDE:env --- #
import html as _html
import re as _re
from html.parser import HTMLParser as _HTMLParser

from course_helpers.checks import returning as _returning

# What a browser ignores in a URL before it reads the scheme (the WHATWG URL standard):
# C0 control characters and spaces around it, tabs and newlines anywhere.
_BROWSER_STRIPS = "".join(chr(code) for code in range(0x21))


def _scheme_seen(url):
    """The scheme a browser reads in `url` (lowercase), or None for a URL without one."""
    cleaned = _re.sub("[\t\n\r]", "", url.strip(_BROWSER_STRIPS))
    found = _re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return found.group(1).lower() if found else None


class _Events(_HTMLParser):
    """What a parser sees in an HTML fragment: tags with their attributes, text, comments."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.seen = []

    def handle_starttag(self, tag, attrs):
        self.seen.append(("start", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.seen.append(("start", tag, attrs))

    def handle_endtag(self, tag):
        self.seen.append(("end", tag, None))

    def handle_data(self, data):
        if self.seen and self.seen[-1][0] == "data":
            self.seen[-1] = ("data", self.seen[-1][1] + data, None)
        else:
            self.seen.append(("data", data, None))

    def handle_comment(self, data):
        self.seen.append(("comment", data, None))

    def handle_decl(self, decl):
        self.seen.append(("declaration", decl, None))

    def unknown_decl(self, data):
        self.seen.append(("declaration", data, None))

    def handle_pi(self, data):
        self.seen.append(("processing instruction", data, None))


def _parse(fragment):
    parser = _Events()
    parser.feed(fragment)
    parser.close()
    return parser.seen


# --- PYODIDE:code --- #
def profile_card(name, website, bio):
    """The HTML of a user's profile card."""
    return f'<div class="profile" title="{bio}"><a href="{website}">{name}</a></div>'


# --- PYODIDE:corr --- #
import html
import re

AROUND = "".join(chr(code) for code in range(0x21))  # control characters and space


def safe_href(website):
    """`website` if a browser would read it as an http or https URL, else '#'."""
    cleaned = re.sub("[\t\n\r]", "", website.strip(AROUND))
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    if scheme and scheme.group(1).lower() in ("http", "https"):
        return website
    return "#"


def profile_card(name, website, bio):
    """The HTML of a user's profile card."""
    title = html.escape(bio)
    href = html.escape(safe_href(website))
    return f'<div class="profile" title="{title}"><a href="{href}">{html.escape(name)}</a></div>'


# --- PYODIDE:tests --- #
_card = _returning(str, profile_card, "<b>Ada</b>", "https://example.com/ada", 'Says "hello"')
_events = _parse(_card)
_texts = [_text for kind, _text, _ in _events if kind == "data"]
assert _texts == ["<b>Ada</b>"] and [tag for kind, tag, _ in _events if kind == "start"] == ["div", "a"], (
    f"profile_card('<b>Ada</b>', 'https://example.com/ada', 'Says \"hello\"') gave {_card!r}: the <b> tags of the "
    "name should be text, shown as typed. Hint: html.escape(name) turns < > & and quotes into entities, which the "
    "browser shows as characters."
)
_events = _parse(_card)
_hrefs = [dict(attrs).get("href") for kind, tag, attrs in _events if kind == "start" and tag == "a"]
assert _hrefs == ["https://example.com/ada"], (
    f"The card's link should be href='https://example.com/ada', found {_hrefs} in {_card!r}. "
    "Hint: keep an http or https address as it is, escaped with html.escape."
)
_card = _returning(str, profile_card, "Ada", "javascript:alert('hi')", "")
_hrefs = [dict(attrs).get("href") for kind, tag, attrs in _parse(_card) if kind == "start" and tag == "a"]
assert _hrefs == ["#"], (
    f"profile_card('Ada', \"javascript:alert('hi')\", '') gave the link {_hrefs} in {_card!r}: a click runs that "
    "script. Hint: keep only the http and https schemes, and put '#' in href for anything else."
)

# --- PYODIDE:secrets --- #
_profile_card = profile_card  # the learner's function, as their code defined it
TEXT_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "</a><script>alert(document.cookie)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<svg/onload=alert(1)>",
    "<!--",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "<a href=javascript:alert(1)>click</a>",
]
URL_PAYLOADS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "javas\rcript:alert(1)",
    "javascript:alert(1)\x00",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "httpx://evil.example/",
    "//evil.example/",
    'https://example.com/" onmouseover="alert(1)',
    "https://example.com/'><script>alert(1)</script>",
    "javascript:alert(1)//\nhttps://x",
    "https&#58;//x",
]

_FIELD_HINTS = {
    "name": "the name is element text: html.escape(name) turns <, >, & and quotes into entities, shown as characters.",
    "bio": (
        'the bio is an attribute value: html.escape(bio) with its default quote=True, so that a " cannot end '
        'the title="..." it sits in.'
    ),
    "website": (
        "an allowed URL is still text inside an attribute: html.escape() it too, after choosing it, or a quote in "
        'it ends href="...".'
    ),
}


def _card_for(field, value):
    """(the arguments, the HTML the learner's profile_card gives) with `value` in `field`, the others plain."""
    arguments = {"name": "Ada", "website": "https://example.com/ada", "bio": "Engineer", field: value}
    call_text = f"profile_card({arguments['name']!r}, {arguments['website']!r}, {arguments['bio']!r})"
    card = _returning(
        str,
        _profile_card,
        arguments["name"],
        arguments["website"],
        arguments["bio"],
        described_as=call_text,
        advice="Escape each value for its place; never parse or filter it.",
    )
    return arguments, call_text, card


def _text_advice(shown, typed):
    """The hint for element text or an attribute value that differs from what the user typed."""
    if shown == _html.escape(typed) or shown == _html.escape(typed, quote=False):
        return "the value was escaped twice: &amp; then shows as '&amp;'. Escape once, where the value enters the HTML."
    if "&" in typed and shown == _html.unescape(typed):
        return (
            "text that looks like an entity must stay text: escape & too (html.escape does, first), or "
            "'&lt;script&gt;' becomes a real '<script>' for the next one who decodes it."
        )
    return "escape the text, do not filter it: html.escape keeps every character the user typed and makes it text."


def _href_advice(url, seen):
    """The hint for a link whose scheme a browser would run or follow."""
    if "\n" in url and any(_scheme_seen(line) in ("http", "https") for line in url.splitlines()[1:]):
        return (
            "the scheme is read at the start of the whole URL, not of a line nor anywhere in it: browsers remove the "
            f"newline and read {seen}:. A ^ under re.MULTILINE, a check line by line or an unanchored re.search "
            "accepts the https: of the second line: use re.match without MULTILINE, on a copy cleaned as browsers "
            "clean it."
        )
    if "&" in url and _scheme_seen(_html.unescape(url)) in ("http", "https"):
        return (
            "an entity the user typed is text, not a character: escaped for the attribute, '&#58;' stays the five "
            "characters '&#58;', and the browser reads no scheme, only an address on this site. Read the scheme of "
            "the value as it is (no html.unescape), and give '#' when there is none."
        )
    if _scheme_seen(url) == "javascript" and url.strip(_BROWSER_STRIPS) != url:
        return (
            "browsers drop control characters and spaces before the scheme: clean the URL as they do "
            "(strip chr(0)-chr(32) around it, remove \\t \\n \\r inside) before you read its scheme."
        )
    if _re.sub("[\t\n\r]", "", url) != url:
        return (
            "browsers remove tabs and newlines anywhere in a URL, so 'java\\tscript:' is 'javascript:': remove them "
            "before you read the scheme."
        )
    if seen and seen.startswith("http"):
        return f"the scheme is {seen!r}, not http: compare the whole scheme, the text before the first ':'."
    if seen is None:
        return "a URL without a scheme is not an absolute http or https address: give '#'."
    return (
        f"a deny-list of 'javascript:' misses {seen}: and every scheme still to come: allow http and https, "
        "and give '#' for anything else."
    )


def _check_card(field, value, wanted_href=None):
    """Send `value` through `field`, as an attacker would; the card must keep its shape and show the value as text."""
    arguments, call_text, card = _card_for(field, value)
    events = _parse(card)
    tags = [(kind, tag) for kind, tag, _ in events if kind in ("start", "end")]
    markup = [f"<{'/' if kind == 'end' else ''}{tag}>" for kind, tag in tags]
    others = [f"a {kind}" for kind, _, _ in events if kind not in ("start", "end", "data")]
    assert tags == [("start", "div"), ("start", "a"), ("end", "a"), ("end", "div")] and not others, (
        f"{call_text} gave {card!r}. A browser reads it as {' '.join(markup)} {' '.join(others)}: the {field} became "
        f"markup, and a <script> or an element with an event handler in it runs the attacker's code. "
        f"Hint: {_FIELD_HINTS[field]}"
    )
    attributes = {tag: [name for name, _ in attrs] for kind, tag, attrs in events if kind == "start"}
    handlers = [name for names in attributes.values() for name in names if name.startswith("on")]
    assert not handlers, (
        f"{call_text} gave {card!r}: the {field} added the event handler {handlers[0]}= to an element, "
        f"which runs the attacker's script. Hint: {_FIELD_HINTS[field]}"
    )
    assert attributes == {"div": ["class", "title"], "a": ["href"]}, (
        f"{call_text} gave {card!r}: a browser sees the attributes {attributes}, where <div class title> and "
        f"<a href> were due: the {field} ended an attribute value and wrote attributes of its own. "
        f"Hint: {_FIELD_HINTS[field]}"
    )
    values = {tag: dict(attrs) for kind, tag, attrs in events if kind == "start"}
    assert values["div"]["class"] == "profile", (
        f'{call_text} gave {card!r}: the div\'s class is {values["div"]["class"]!r}. Hint: write class="profile".'
    )
    shown = "".join(text for kind, text, _ in events if kind == "data")
    assert shown == arguments["name"], (
        f"{call_text} gave {card!r}: a browser shows the name as {shown!r}, where the user typed "
        f"{arguments['name']!r}. Hint: {_text_advice(shown, arguments['name'])}"
    )
    title = values["div"]["title"]
    assert title == arguments["bio"], (
        f"{call_text} gave {card!r}: the title reads {title!r}, where the user typed {arguments['bio']!r}. "
        f"Hint: {_text_advice(title, arguments['bio'])}"
    )
    href = values["a"]["href"]
    website = arguments["website"]
    if _scheme_seen(website) in ("http", "https"):
        assert href != "#" and _re.sub("[\t\n\r]", "", href.strip(_BROWSER_STRIPS)) == _re.sub(
            "[\t\n\r]", "", website.strip(_BROWSER_STRIPS)
        ), (
            f"{call_text} gave {card!r}: the link goes to {href!r}, where the user gave the {_scheme_seen(website)} "
            f"address {website!r}. Hint: a browser reads it as {_scheme_seen(website)}: (any case, spaces or control "
            "characters around it and tabs or newlines in it are ignored): keep it, escaped with html.escape."
        )
    else:
        seen = _scheme_seen(href)
        assert href == "#", (
            f"{call_text} gave {card!r}: the link is {href!r}, which a browser reads as "
            f"{'a URL with the scheme ' + seen + ':' if seen else 'an address on this site'}"
            f"{', and runs when clicked' if seen in ('javascript', 'vbscript', 'data') else ''}. "
            f"Hint: {_href_advice(website, _scheme_seen(website))}"
        )


# Every attack through every field: the card keeps its shape, the attack is shown as text, the link is safe.
for _payload in TEXT_PAYLOADS + URL_PAYLOADS:
    for _field in ("name", "bio"):
        _check_card(_field, _payload)
for _payload in URL_PAYLOADS + TEXT_PAYLOADS:
    _check_card("website", _payload)

# Legitimate input is shown exactly as typed; http and https links are kept, & in a query included.
for _text in (
    "Zoë Ångström",
    "Tom & Jerry",
    "R&D &copy; 2024 &amp; more",
    "a < b > c",
    "\"Quoted\" and 'single'",
    "Line 1\nLine 2",
    "",
    "  ",
    "0",
    "李小龍 🐉",
):
    for _field in ("name", "bio"):
        _check_card(_field, _text)
for _url in (
    "https://example.com/?q=a&lang=fr&copy=1",
    "HTTP://EXAMPLE.COM/",
    "hTTpS://example.com/Mixed",
    " https://example.com/spaced",
    "\thttps://example.com/tab",
    "https://例え.jp/パス?x=ü",
    "http://example.com/it's",
    "https://example.com/#top",
    "https:example.com",
    "ht\ttps://example.com/tab-inside",
    "http\ns://example.com/newline-inside",
    "https://example.com/wow!",
):
    _check_card("website", _url)
for _address in (
    "!https://example.com/",
    "Xhttps://example.com/",
    "example.com",
    "/about",
    "mailto:ada@example.com",
    "ftp://example.com/",
):
    _check_card("website", _address)
