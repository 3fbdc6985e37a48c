# --- PYODIDE:env --- #
from course_helpers.wsgi import call_wsgi


# --- PYODIDE:code --- #
def app(environ, start_response): ...


# --- PYODIDE:corr --- #
from urllib.parse import parse_qs


def app(environ, start_response):
    query = parse_qs(environ.get("QUERY_STRING", ""))
    name = query.get("name", ["world"])[0]
    body = f"Hello, {name}!".encode("utf-8")
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
        ],
    )
    return [body]


# --- PYODIDE:tests --- #
_response = call_wsgi(app)
assert _response.status == "200 OK", (
    f"Expected the status '200 OK', got {_response.status!r}. "
    "Hint: pass start_response the status as one str: the code, a space, then the reason phrase."
)
assert _response.body == b"Hello, world!", (
    f"With no name, expected b'Hello, world!', got {_response.body!r}. "
    "Hint: when the query has no 'name', greet 'world'; return a list holding the UTF-8 encoded bytes."
)

_response = call_wsgi(app, query="name=Ada")
assert _response.body == b"Hello, Ada!", (
    f"For ?name=Ada, expected b'Hello, Ada!', got {_response.body!r}. "
    "Hint: read the name from environ['QUERY_STRING'], parsed with urllib.parse.parse_qs."
)
assert _response.header("Content-Type") == "text/plain; charset=utf-8", (
    f"Expected Content-Type 'text/plain; charset=utf-8', got {_response.header('Content-Type')!r}. "
    "Hint: give start_response a ('Content-Type', ...) tuple in its list of headers, both items str."
)


# --- PYODIDE:secrets --- #
import warnings as _warnings


def _check_greeting(query, expected, hint, method="GET", path="/", script_name=""):
    shown = "a request with no QUERY_STRING" if query is None else f"{method} {script_name}{path}?{query}"
    with _warnings.catch_warnings():  # wsgiref.validate warns about a missing QUERY_STRING, which is the point
        _warnings.filterwarnings("ignore", message="QUERY_STRING is not in the WSGI environment")
        response = call_wsgi(
            app, method=method, path=path, query=query, script_name=script_name, why=shown, advice=hint
        )
    assert response.status == "200 OK", (
        f"For {shown}, expected status '200 OK', got {response.status!r}. "
        "Hint: answer '200 OK' to every request, whatever its query, method or path."
    )
    assert response.body == expected.encode("utf-8"), (
        f"For {shown}, expected {expected!r} in UTF-8, got {response.body!r}. Hint: {hint}"
    )
    assert response.header("Content-Type") == "text/plain; charset=utf-8", (
        f"For {shown}, the Content-Type is {response.header('Content-Type')!r}. "
        "Hint: send ('Content-Type', 'text/plain; charset=utf-8') with every response."
    )
    declared = response.header("Content-Length")
    assert declared is not None, (
        f"For {shown}, the response has no Content-Length header. Hint: add one, the size of the body in bytes."
    )
    assert declared == str(len(response.body)), (
        f"For {shown}, Content-Length says {declared} but the body has {len(response.body)} bytes. "
        "Hint: Content-Length must count bytes: take len() of the encoded body, not of the text."
    )


_DECODE = "decode the query string with urllib.parse.parse_qs: it percent-decodes each value as UTF-8."
_EMPTY = "an empty name counts as absent: greet 'world' (parse_qs drops empty values for you)."
_FIRST = (
    "when name is given more than once, the first non-empty one counts: parse_qs keeps every value, "
    "in order, in a list; take [0]. (dict(parse_qsl(...)) keeps the last one instead.)"
)
_CASES = [
    ("name=Grace", "Hello, Grace!", "greet the value of the name parameter."),
    ("name=Zo%C3%AB", "Hello, Zoë!", _DECODE),
    ("name=Jean+Luc", "Hello, Jean Luc!", "in a query string '+' stands for a space: " + _DECODE),
    ("name=", "Hello, world!", _EMPTY),
    ("lang=en&name=Linus", "Hello, Linus!", "the name parameter may come after others: look it up by its name."),
    (
        None,
        "Hello, world!",
        "PEP 3333 lets a server leave QUERY_STRING out of environ: read it with environ.get('QUERY_STRING', '').",
    ),
    ("", "Hello, world!", "an empty query string has no name: greet 'world'."),
    ("name=Ada&name=Bob", "Hello, Ada!", _FIRST),
    ("name=&name=Bob", "Hello, Bob!", _EMPTY + " So the first non-empty name counts."),
    ("name=Ada&name=", "Hello, Ada!", _FIRST),
    (
        "name=a%2Fb%25c%2Bd%26e",
        "Hello, a/b%c+d&e!",
        "split the query on & and = first, then percent-decode each value once: decoding the whole "
        "string first turns %26 into a separator and %25 into a new escape (parse_qs does it in the right order).",
    ),
    (
        "name=Ada%0A",
        "Hello, Ada\n!",
        "greet the decoded name exactly as sent, a newline included: do not strip or filter it.",
    ),
    (
        "name=%FF",
        "Hello, \ufffd!",
        "bytes that are not UTF-8 become U+FFFD, the replacement character: parse_qs's default errors='replace' "
        "does that, where decoding with errors='strict' raises.",
    ),
    ("name=0", "Hello, 0!", "'0' is a name like any other: test for an empty value, not for a falsy one."),
]
for _query, _expected, _hint in _CASES:
    _check_greeting(_query, _expected, _hint)

_ANY_REQUEST = "answer every method and every path the same way: only the query string matters."
for _method in ("POST", "PUT", "HEAD"):
    _check_greeting("name=Ada", "Hello, Ada!", _ANY_REQUEST, method=_method)
_check_greeting("name=Ada", "Hello, Ada!", _ANY_REQUEST, path="/greet/me")
_check_greeting(
    "name=Ada", "Hello, Ada!", _ANY_REQUEST + " Mounted under a prefix (SCRIPT_NAME), too.", script_name="/app"
)

# The same requests again, in another order: nothing may leak from one request to the next.
for _query, _expected, _hint in reversed(_CASES):
    _check_greeting(_query, _expected, _hint + " Keep no state between requests: each one starts from its own environ.")
