# --- PYODIDE:env --- #
import html
from html.parser import HTMLParser

from course_helpers.checks import returning
from course_helpers.packages import load_from_pyodide

await load_from_pyodide("jinja2", "jinja2", "Jinja2")


def reference(comments, term):
    """The page the statement asks for, built with html.escape: what a browser must find in yours."""
    items = []
    for comment in comments:
        pieces = comment["text"].split(term) if term else [comment["text"]]
        marked = f"<mark>{html.escape(term)}</mark>"
        text = marked.join(html.escape(piece) for piece in pieces).replace("\n", "<br>")
        items.append(f"<li><strong>{html.escape(comment['author'])}</strong>: {text}</li>")
    return '<ul class="comments">' + "".join(items) + "</ul>"


class Events(HTMLParser):
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


def parse(page):
    parser = Events()
    parser.feed(page)
    parser.close()
    return parser.seen


def tags_of(events):
    return [kind for kind, _ in events if kind != "text"]


def texts_of(events):
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
comments = [{"author": "<b>Bo</b>", "text": "Green tea\nor black tea?"}]
page = returning(str, render_comments, comments, "tea")
events = parse(page)
wanted = parse(reference(comments, "tea"))
assert "<b>" not in tags_of(events), (
    f"render_comments({comments!r}, 'tea') gave {page!r}: the author's <b> is markup there. "
    "Hint: Jinja2's Environment() escapes nothing unless you ask: Environment(autoescape=True)."
)
assert "&lt;mark&gt;" not in page, (
    f"render_comments({comments!r}, 'tea') gave {page!r}: the <mark> tags show as text. Hint: autoescaping "
    "escapes every plain str, your own tags included: build the highlight as Markup, "
    "Markup('<mark>{}</mark>').format(term), so that only the user's parts are escaped."
)
assert tags_of(events) == tags_of(wanted), (
    f"render_comments({comments!r}, 'tea') gave {page!r}, where a browser should find the tags {tags_of(wanted)}, "
    f"found {tags_of(events)}. Hint: each 'tea' goes in <mark>...</mark>, each line break becomes <br>."
)

# --- PYODIDE:secrets --- #
from collections import Counter

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

FIELD_HINTS = {
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
DOUBLE = (
    "the text was escaped twice: html.escape() returns a plain str, which Markup.format, Markup.join or "
    "autoescaping escape once more ('&' shows as '&amp;'). Escape with markupsafe.escape, or let Markup do it."
)
AS_TEXT = (
    "your <mark> and <br> tags show as text: autoescaping escapes every plain str, yours too. Build them as "
    "Markup (Markup('<mark>{}</mark>').format(term), Markup('<br>').join(lines)) so only the user's parts are escaped."
)


def check_page(comments, term, field, what):
    """Render with the learner's code; a browser must find exactly the reference page's tags and text."""
    call_text = f"render_comments({comments!r}, {term!r})"
    page = returning(
        str,
        render_comments,
        comments,
        term,
        described_as=call_text,
        advice="Escape the user's text once, and mark as safe only the tags you write yourself.",
    )
    events, wanted = parse(page), parse(reference(comments, term))
    if events == wanted:
        return
    found, due = tags_of(events), tags_of(wanted)
    extra = list((Counter(found) - Counter(due)).elements())
    if extra:
        raise AssertionError(
            f"{what}: {call_text} gave {page!r}. A browser finds the tags {' '.join(extra)} the page should not "
            f"have: the {field} became markup, and runs the attacker's script. Hint: {FIELD_HINTS[field]}"
        )
    if found != due:
        missing = Counter(due) - Counter(found)
        ours = missing and set(missing) <= {"<mark>", "</mark>", "<br>"}
        advice = AS_TEXT if ours else "keep the page's tags as the statement writes them, in that order."
        raise AssertionError(
            f"{what}: {call_text} gave {page!r}, where a browser should find the tags {' '.join(due)}, found "
            f"{' '.join(found)}. Hint: {advice}"
        )
    shown, typed = texts_of(events), texts_of(wanted)
    doubled = any(html.unescape(a) == b and a != b for a, b in zip(shown, typed))
    raise AssertionError(
        f"{what}: {call_text} gave {page!r}: a browser shows the text {shown}, where {typed} was due. "
        f"Hint: {DOUBLE if doubled else 'show what the user typed, character for character: escape it, never filter it.'}"
    )


# Every attack through every field: the author, the comment's text, and the search term.
for payload in XSS_PAYLOADS + TEMPLATE_PAYLOADS:
    what = f"The attack {payload!r} as the author"
    check_page([{"author": payload, "text": "Nice tea"}], "tea", "author", what)
for payload in XSS_PAYLOADS + TEMPLATE_PAYLOADS:
    what = f"The attack {payload!r} in a comment"
    check_page([{"author": "Eve", "text": f"Try {payload}\nwith tea"}], "tea", "text", what)
    check_page([{"author": "Eve", "text": payload}], "", "text", what + ", without a search")
for payload in XSS_PAYLOADS + TEMPLATE_PAYLOADS:
    what = f"The attack {payload!r} as the search term"
    comments = [{"author": "Eve", "text": f"See {payload} and {payload}!"}, {"author": "Bob", "text": "Plain"}]
    check_page(comments, payload, "term", what)

# Legitimate use: the highlight and the line breaks are real markup, every text is shown as typed.
LEGITIMATE = [
    ([{"author": "Tom & Jerry", "text": "Fish & chips & tea"}], "&", "An & in the author, the text and the term"),
    ([{"author": "Zoë", "text": "Thé vert, thé noir\n\nThé"}], "thé", "Non-ASCII text, a case-sensitive term"),
    ([{"author": "Ann", "text": "a < b\nb > c"}, {"author": "Bo", "text": "0"}], "b", "Two comments"),
    ([{"author": "Ann", "text": "line one\nline two"}], "", "No search term"),
    ([{"author": "Ann", "text": "teatea tea"}], "tea", "A term repeated"),
    ([{"author": "Ann", "text": "ends with a newline\n"}], "newline\n", "A term holding a line break"),
    ([{"author": "", "text": ""}], "x", "An empty author and text"),
    ([], "tea", "No comments at all"),
    ([{"author": "Ann", "text": "100% &copy; sure"}, {"author": "Ann", "text": "'quoted' \"twice\""}], "%", "Quotes"),
]
for comments, term, what in LEGITIMATE:
    check_page(comments, term, "text", what)
