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
response = call_wsgi(app)
assert response.status == "200 OK", (
    f"Expected the status '200 OK', got {response.status!r}. "
    "Hint: pass start_response the status as one str: the code, a space, then the reason phrase."
)
assert response.body == b"Hello, world!", (
    f"With no name, expected b'Hello, world!', got {response.body!r}. "
    "Hint: when the query has no 'name', greet 'world'; return a list holding the UTF-8 encoded bytes."
)

response = call_wsgi(app, query="name=Ada")
assert response.body == b"Hello, Ada!", (
    f"For ?name=Ada, expected b'Hello, Ada!', got {response.body!r}. "
    "Hint: read the name from environ['QUERY_STRING'], parsed with urllib.parse.parse_qs."
)
assert response.header("Content-Type") == "text/plain; charset=utf-8", (
    f"Expected Content-Type 'text/plain; charset=utf-8', got {response.header('Content-Type')!r}. "
    "Hint: give start_response a ('Content-Type', ...) tuple in its list of headers, both items str."
)


# --- PYODIDE:secrets --- #
def check_greeting(query, expected):
    response = call_wsgi(app, query=query)
    assert response.status == "200 OK", (
        f"For ?{query}, expected status '200 OK', got {response.status!r}. "
        "Hint: answer '200 OK' for every query, whatever the name parameter holds."
    )
    assert response.text == expected, (
        f"For ?{query}, expected {expected!r}, got {response.text!r}. "
        "Hint: decode the query string with urllib.parse.parse_qs."
    )
    declared = response.header("Content-Length")
    assert declared is not None, "The response has no Content-Length header. Hint: add one, the size of the body."
    assert declared == str(len(response.body)), (
        f"For ?{query}, Content-Length says {declared} but the body has {len(response.body)} bytes. "
        "Hint: Content-Length must count bytes: take len() of the encoded body, not of the text."
    )


check_greeting("name=Grace", "Hello, Grace!")
check_greeting("name=Zo%C3%AB", "Hello, Zoë!")
check_greeting("name=Jean+Luc", "Hello, Jean Luc!")
check_greeting("name=", "Hello, world!")
check_greeting("lang=en&name=Linus", "Hello, Linus!")
