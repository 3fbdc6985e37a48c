# --- PYODIDE:env --- #
import html as _html
from html.parser import HTMLParser as _HTMLParser

from course_helpers.checks import returning as _returning
from course_helpers import packages as _packages

await _packages.load_from_pyodide("jinja2", "jinja2", "Jinja2")


def _reference(comments, term):
    """The page the statement asks for, built with html.escape: what a browser must find in yours."""
    items = []
    for comment in comments:
        pieces = comment["text"].split(term) if term else [comment["text"]]
        marked = f"<mark>{_html.escape(term)}</mark>"
        text = marked.join(_html.escape(piece) for piece in pieces).replace("\n", "<br>")
        items.append(f"<li><strong>{_html.escape(comment['author'])}</strong>: {text}</li>")
    return '<ul class="comments">' + "".join(items) + "</ul>"


class _Events(_HTMLParser):
    """What a browser's parser sees: tags with their attributes, and text (none between list items)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.seen = []
        self.open = []

    def handle_starttag(self, tag, attrs):
        self.seen.append(("<" + tag + ">", attrs))
        if tag not in ("br", "img", "input", "meta", "link"):
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.seen.append(("<" + tag + ">", attrs))

    def handle_endtag(self, tag):
        self.seen.append(("</" + tag + ">", None))
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        if (not self.open or self.open[-1] == "ul") and not data.strip():
            return  # layout between the list's items, free
        if self.seen and self.seen[-1][0] == "text":
            self.seen[-1] = ("text", self.seen[-1][1] + data)
        else:
            self.seen.append(("text", data))

    def handle_comment(self, data):
        self.seen.append(("<!--comment-->", data))

    def handle_decl(self, decl):
        self.seen.append(("<!declaration>", decl))

    def unknown_decl(self, data):
        self.seen.append(("<!declaration>", data))

    def handle_pi(self, data):
        self.seen.append(("<?instruction>", data))


def _parse(page):
    parser = _Events()
    parser.feed(page)
    parser.close()
    return parser.seen


def _tags_of(events):
    return [kind for kind, _ in events if kind != "text"]


def _texts_of(events):
    return [value for kind, value in events if kind == "text"]


# --- PYODIDE:code --- #
from jinja2 import Environment
from markupsafe import Markup

PAGE = Environment().from_string(
    '<ul class="comments">{% for comment in comments %}'
    "<li><strong>{{ comment.author }}</strong>: {{ comment.text|safe }}</li>"
    "{% endfor %}</ul>"
)


def highlight(text, term):
    """`text` with each `term` in a <mark> and each line break a <br>."""
    if term:
        text = text.replace(term, Markup(f"<mark>{term}</mark>"))
    return text.replace("\n", "<br>")


def render_comments(comments, term):
    """The HTML list of `comments` ({"author": ..., "text": ...} dicts), `term` highlighted."""
    shown = [{"author": comment["author"], "text": highlight(comment["text"], term)} for comment in comments]
    return PAGE.render(comments=shown)


# --- PYODIDE:corr --- #
from jinja2 import Environment
from markupsafe import Markup

PAGE = Environment(autoescape=True).from_string(
    '<ul class="comments">{% for comment in comments %}'
    "<li><strong>{{ comment.author }}</strong>: {{ comment.text }}</li>"
    "{% endfor %}</ul>"
)


def highlight(text, term):
    """`text` as Markup: each `term` in a <mark>, each line break a <br>, the rest escaped."""
    if term:
        marked = Markup("<mark>{}</mark>").format(term)
        text = marked.join(text.split(term))
    return Markup("<br>").join(text.split("\n"))


def render_comments(comments, term):
    """The HTML list of `comments` ({"author": ..., "text": ...} dicts), `term` highlighted."""
    shown = [{"author": comment["author"], "text": highlight(comment["text"], term)} for comment in comments]
    return PAGE.render(comments=shown)


# --- PYODIDE:tests --- #
_comments = [{"author": "<b>Bo</b>", "text": "Green tea\nor black tea?"}]
_page = _returning(str, render_comments, _comments, "tea")
_events = _parse(_page)
_wanted = _parse(_reference(_comments, "tea"))
assert "<b>" not in _tags_of(_events), (
    f"render_comments({_comments!r}, 'tea') gave {_page!r}: the author's <b> is markup there. "
    "Hint: Jinja2's Environment() escapes nothing unless you ask: Environment(autoescape=True)."
)
assert "&lt;mark&gt;" not in _page, (
    f"render_comments({_comments!r}, 'tea') gave {_page!r}: the <mark> tags show as text. Hint: autoescaping "
    "escapes every plain str, your own tags included: build the highlight as Markup, "
    "Markup('<mark>{}</mark>').format(term), so that only the user's parts are escaped."
)
assert _tags_of(_events) == _tags_of(_wanted), (
    f"render_comments({_comments!r}, 'tea') gave {_page!r}, where a browser should find the tags {_tags_of(_wanted)}, "
    f"found {_tags_of(_events)}. Hint: each 'tea' goes in <mark>...</mark>, each line break becomes <br>."
)

# --- PYODIDE:secrets --- #
from collections import Counter as _Counter

_render_comments = render_comments  # the learner's function, as their code defined it

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<img src=x onerror=alert(document.cookie)>",
    "</mark><script>alert(1)</script><mark>",
    "</li></ul><script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<br>",
    "<mark>fake</mark>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;",
    "' onmouseover='alert(1)",
]
TEMPLATE_PAYLOADS = [
    "{{ 7*7 }}",
    "{% if True %}owned{% endif %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
]

_FIELD_HINTS = {
    "author": (
        "the author is printed by the template, and only autoescaping escapes it: Jinja2's Environment() leaves "
        "autoescape off (Flask turns it on for .html templates; a bare Environment does not). "
        "Write Environment(autoescape=True)."
    ),
    "text": (
        "|safe (or Markup(text)) declares the whole comment trusted HTML, the attacker's part with it. Never mark "
        "user content safe: build the highlighted text as Markup from escaped pieces (Markup's join and format "
        "escape what they are given) and print it without |safe."
    ),
    "term": (
        "Markup(f'<mark>{term}</mark>') marks the term safe before anything escapes it: the f-string runs first. "
        "Write Markup('<mark>{}</mark>').format(term), which escapes the term and keeps the tags."
    ),
}
_DOUBLE = (
    "the text was escaped twice: html.escape() returns a plain str, which Markup.format, Markup.join or "
    "autoescaping escape once more ('&' shows as '&amp;'). Escape with markupsafe.escape, or let Markup do it."
)
_AS_TEXT = (
    "your <mark> and <br> tags show as text: autoescaping escapes every plain str, yours too. Build them as "
    "Markup (Markup('<mark>{}</mark>').format(term), Markup('<br>').join(lines)) so only the user's parts are escaped."
)


def _mark_advice(comments, term, page):
    """What went wrong when only the <mark> and <br> tags differ from the reference page (None: no idea)."""
    expected = _reference(comments, term)
    if any(page.count(f"&lt;{tag}&gt;") > expected.count(f"&lt;{tag}&gt;") for tag in ("mark", "/mark", "br")):
        return _AS_TEXT
    texts = [comment["text"] for comment in comments]
    if any(character in text for text in texts for character in "\x00\x01\x02\x03\x1e\x1f"):
        return (
            "characters the user typed became your tags: a placeholder character (such as '\\x02') put around "
            "each term and swapped for <mark> after escaping can be typed in the comment too. Split the text on the "
            "term and join the escaped pieces with Markup('<mark>{}</mark>').format(term) instead."
        )
    if term and sum(text.lower().count(term.lower()) for text in texts) > sum(text.count(term) for text in texts):
        return (
            f"the case of the term counts: only {term!r} exactly as typed is marked, as text.split(term) finds it "
            "(no re.IGNORECASE, no lower())."
        )
    if any(character in term for character in ".^$*+?{}[]\\|()"):
        return (
            f"the term {term!r} is plain text, not a regular expression: re.split(term) reads its ( ) . * and the "
            "like as pattern syntax. Use text.split(term) (or re.escape(term))."
        )
    if "\n" in term:
        return (
            "a term that spans a line break is marked too: split the text on the term first, then turn each line "
            "break into <br>, inside the marks as well; splitting into lines first cuts the term in two."
        )
    if term and not term.strip():
        return (
            f"the term {term!r} is made of spaces, and is a term like any other: only the empty term highlights "
            "nothing (if term:, not if term.strip():)."
        )
    if term and sum(_html.escape(text).count(_html.escape(term)) for text in texts) != sum(
        text.count(term) for text in texts
    ):
        return (
            f"the term was looked for in the escaped text, where {term!r} is also found inside the entities the "
            "escaping wrote (&lt; &amp; &#39; ...). Split the text as typed on the term as typed, and escape the "
            "pieces afterwards: Markup('<mark>{}</mark>').format(term).join(text.split(term))."
        )
    return None


def _check_page(comments, term, field, what):
    """Render with the learner's code; a browser must find exactly the reference page's tags and text."""
    call_text = f"render_comments({comments!r}, {term!r})"
    page = _returning(
        str,
        _render_comments,
        comments,
        term,
        described_as=call_text,
        advice="Escape the user's text once, and mark as safe only the tags you write yourself.",
    )
    events, wanted = _parse(page), _parse(_reference(comments, term))
    if events == wanted:
        return
    found, due = _tags_of(events), _tags_of(wanted)
    extra = list((_Counter(found) - _Counter(due)).elements())
    ours = {"<mark>", "</mark>", "<br>"}
    advice = _mark_advice(comments, term, page) if set(extra) <= ours and found != due else None
    if extra and advice:
        raise AssertionError(
            f"{what}: {call_text} gave {page!r}. A browser finds the tags {' '.join(extra)} the page should not "
            f"have: marks where the statement puts none. Hint: {advice}"
        )
    if extra:
        raise AssertionError(
            f"{what}: {call_text} gave {page!r}. A browser finds the tags {' '.join(extra)} the page should not "
            f"have: the {field} became markup, and runs the attacker's script. Hint: {_FIELD_HINTS[field]}"
        )
    if found != due:
        missing = _Counter(due) - _Counter(found)
        if not (missing and set(missing) <= ours):
            advice = "keep the page's tags as the statement writes them, in that order."
        elif advice is None:
            advice = _AS_TEXT
        raise AssertionError(
            f"{what}: {call_text} gave {page!r}, where a browser should find the tags {' '.join(due)}, found "
            f"{' '.join(found)}. Hint: {advice}"
        )
    shown, typed = _texts_of(events), _texts_of(wanted)
    doubled = any(_html.unescape(a) == b and a != b for a, b in zip(shown, typed))
    raise AssertionError(
        f"{what}: {call_text} gave {page!r}: a browser shows the text {shown}, where {typed} was due. "
        f"Hint: {_DOUBLE if doubled else 'show what the user typed, character for character: escape it, never filter it.'}"
    )


# Every attack through every field: the author, the comment's text, and the search term.
for _payload in XSS_PAYLOADS + TEMPLATE_PAYLOADS:
    _what = f"The attack {_payload!r} as the author"
    _check_page([{"author": _payload, "text": "Nice tea"}], "tea", "author", _what)
for _payload in XSS_PAYLOADS + TEMPLATE_PAYLOADS:
    _what = f"The attack {_payload!r} in a comment"
    _check_page([{"author": "Eve", "text": f"Try {_payload}\nwith tea"}], "tea", "text", _what)
    _check_page([{"author": "Eve", "text": _payload}], "", "text", _what + ", without a search")
for _payload in XSS_PAYLOADS + TEMPLATE_PAYLOADS:
    _what = f"The attack {_payload!r} as the search term"
    _comments = [{"author": "Eve", "text": f"See {_payload} and {_payload}!"}, {"author": "Bob", "text": "Plain"}]
    _check_page(_comments, _payload, "term", _what)

# Legitimate use: the highlight and the line breaks are real markup, every text is shown as typed.
_LEGITIMATE = [
    ([{"author": "Tom & Jerry", "text": "Fish & chips & tea"}], "&", "An & in the author, the text and the term"),
    ([{"author": "Zoë", "text": "Thé vert, thé noir\n\nThé"}], "thé", "Non-ASCII text, a case-sensitive term"),
    ([{"author": "Ann", "text": "a < b\nb > c"}, {"author": "Bo", "text": "0"}], "b", "Two comments"),
    ([{"author": "Ann", "text": "line one\nline two"}], "", "No search term"),
    ([{"author": "Ann", "text": "teatea tea"}], "tea", "A term repeated"),
    ([{"author": "Ann", "text": "ends with a newline\n"}], "newline\n", "A term holding a line break"),
    ([{"author": "", "text": ""}], "x", "An empty author and text"),
    ([], "tea", "No comments at all"),
    ([{"author": "Ann", "text": "100% &copy; sure"}, {"author": "Ann", "text": "'quoted' \"twice\""}], "%", "Quotes"),
    ([{"author": "Ann", "text": "a<lt>"}], "lt", "A term that is also found in the escaped '&lt;'"),
    ([{"author": "Ann", "text": "Tom & amp"}], "amp", "A term that is also found in the escaped '&amp;'"),
    ([{"author": "Ann", "text": "it's"}], "39", "A term that is also found in the escaped quote '&#39;'"),
    ([{"author": "Ann", "text": "x;y<"}], ";", "A term that ends every entity"),
    ([{"author": "Ann", "text": "a  b"}], " ", "A term made of one space"),
    ([{"author": "Ann", "text": "\x02x\x03 and tea"}], "tea", "A text holding control characters"),
    ([{"author": "Ann", "text": "Tea and tea"}], "tea", "A term in another case"),
    ([{"author": "Ann", "text": "x.y (1) x?y"}], "x.y (1)", "A term holding regex characters"),
]
for _comments, _term, _what in _LEGITIMATE:
    _check_page(_comments, _term, "text", _what)
