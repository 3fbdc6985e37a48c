# --- PYODIDE:env --- #
from course_helpers.packages import require as _require

await _require("flask", "werkzeug")

import json as _json
import logging as _logging

from course_helpers.checks import call as _call


def _send(client, method, path, **options):
    """One request through Flask's test client: what the app raises becomes a failed check with a hint."""
    return _call(
        client.open,
        path,
        method=method,
        **options,
        described_as=f"{method} {path}",
        advice="An error handler must return a response (error.get_response() with its body replaced) "
        "and must not raise an exception itself.",
    )


def _body_of(response):
    """The response body decoded as JSON, whatever its Content-Type; None if it is not JSON."""
    try:
        return _json.loads(response.data)
    except ValueError:
        return None


class _LogRecords(_logging.Handler):
    """Inside `with LogRecords() as log:`, log.records holds every record logged, by any logger."""

    def __init__(self):
        super().__init__(_logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def __enter__(self):
        _logging.getLogger().addHandler(self)
        return self

    def __exit__(self, *exc_info):
        _logging.getLogger().removeHandler(self)


# --- PYODIDE:code --- #
import json

from flask import Flask, abort, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024
ITEMS = {1: "kettle"}


@app.get("/items/<int:item_id>")
def get_item(item_id):
    if item_id not in ITEMS:
        abort(404)
    return {"id": item_id, "name": ITEMS[item_id]}


@app.post("/items/")
def add_item():
    data = request.get_json(silent=True)
    name = data.get("name") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name:
        abort(400)
    item_id = max(ITEMS) + 1
    ITEMS[item_id] = name
    return {"id": item_id, "name": name}, 201


@app.get("/report")
def report():
    raise RuntimeError("cannot reach db://admin:hunter2@10.0.0.5/stock")


# Your error handlers here.

# --- PYODIDE:corr --- #
import json

from flask import Flask, abort, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024
ITEMS = {1: "kettle"}


@app.get("/items/<int:item_id>")
def get_item(item_id):
    if item_id not in ITEMS:
        abort(404)
    return {"id": item_id, "name": ITEMS[item_id]}


@app.post("/items/")
def add_item():
    data = request.get_json(silent=True)
    name = data.get("name") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name:
        abort(400)
    item_id = max(ITEMS) + 1
    ITEMS[item_id] = name
    return {"id": item_id, "name": name}, 201


@app.get("/report")
def report():
    raise RuntimeError("cannot reach db://admin:hunter2@10.0.0.5/stock")


@app.errorhandler(HTTPException)
def http_error(error):
    response = error.get_response()
    response.data = json.dumps({"error": error.name, "status": error.code})
    response.content_type = "application/json"
    return response


# --- PYODIDE:tests --- #
_client = app.test_client()
_response = _send(_client, "GET", "/items/99")
assert _response.status_code == 404, (
    f"GET /items/99 (no such item) should get 404, got {_response.status_code}. "
    "Hint: the handler's answer must keep the error's own status, error.code; error.get_response() already has it."
)
assert _body_of(_response) == {"error": "Not Found", "status": 404}, (
    f"The 404 should be the JSON {{'error': 'Not Found', 'status': 404}}, got {_response.data[:120]!r}. "
    "Hint: @app.errorhandler(HTTPException) catches every HTTP error."
)
_response = _send(_client, "DELETE", "/items/1")
assert _response.status_code == 405, (
    f"DELETE /items/1 should get 405, got {_response.status_code}. "
    "Hint: answer with the status of the error the handler receives (error.code), never a fixed one."
)
assert _body_of(_response) == {"error": "Method Not Allowed", "status": 405}, (
    f"The 405 should be JSON, got {_response.data[:120]!r}. "
    "Hint: register the handler for HTTPException, not only for 404, and build the body from error.name and error.code."
)

# --- PYODIDE:secrets --- #
_client = app.test_client()
_NAMES = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 413: "Request Entity Too Large"}
# (method, path, what is sent, status, Allow that Flask computes for a 405, what the request is)
_ERRORS = [
    ("GET", "/nowhere", {}, 404, None, "a path no route matches"),
    ("GET", "/items/abc", {}, 404, None, "an id the int converter refuses"),
    ("GET", "/items/caf%C3%A9", {}, 404, None, "a non-ASCII id"),
    ("GET", "/items/1%0A", {}, 404, None, "an id followed by a newline"),
    ("GET", "/items/", {}, 405, {"POST", "OPTIONS"}, "a GET where only POST is routed"),
    ("BREW", "/items/1", {}, 405, {"GET", "HEAD", "OPTIONS"}, "an unknown method"),
    ("PUT", "/items/1", {}, 405, {"GET", "HEAD", "OPTIONS"}, "a method the route does not accept"),
    ("POST", "/items/", {"json": {"colour": "red"}}, 400, None, "a JSON object without a name"),
    ("POST", "/items/", {"json": ["mug"]}, 400, None, "a JSON list"),
    ("POST", "/items/", {"json": {"name": ""}}, 400, None, "an empty name"),
    ("POST", "/items/", {"json": {"name": 42}}, 400, None, "a name that is a number"),
    ("POST", "/items/", {"data": "not json"}, 400, None, "a body that is not JSON"),
    ("POST", "/items/", {"data": b"\xff\xfe", "content_type": "application/json"}, 400, None, "bytes that are not UTF-8"),
    ("POST", "/items/", {"data": "x" * 1025, "content_type": "application/json"}, 413, None, "1025 bytes, one over MAX_CONTENT_LENGTH"),
]  # fmt: skip

for _method, _path, _options, _status, _allow, _what in _ERRORS:
    for _verb in (_method, "HEAD") if _method == "GET" else (_method,):
        _response = _send(_client, _verb, _path, **_options)
        _asked = f"{_verb} {_path} ({_what})"
        assert _response.status_code == _status, (
            f"{_asked} should get {_status}, got {_response.status_code}. "
            "Hint: keep the views as given (they raise the right error), and answer with the error's own status, "
            "error.code: error.get_response() already has it."
        )
        _expected = {"error": _NAMES[_status], "status": _status}
        assert _verb == "HEAD" or _body_of(_response) == _expected, (
            f"{_asked} should answer the JSON {_expected}, got {_response.data[:120]!r}. "
            "Hint: register one handler for HTTPException, the parent of every HTTP error: a list of codes "
            "always misses one (400, 413...). Build its body from error.name and error.code."
        )
        assert _verb != "HEAD" or _response.data == b"", (
            f"{_asked} should have no body, got {_response.data[:60]!r}. "
            "Hint: answer HEAD as GET; Flask leaves the body out by itself."
        )
        assert _response.mimetype == "application/json", (
            f"{_asked}: the {_status} should declare the Content-Type application/json, got "
            f"{_response.headers.get('Content-Type')!r}. Hint: error.get_headers() and error.get_response() "
            "start as text/html; set the response's content_type to application/json after them."
        )
        _got = {m.strip() for m in _response.headers.get("Allow", "").split(",") if m.strip()}
        assert _allow is None or _got == _allow, (
            f"{_asked}: the 405 lost its Allow header (expected {sorted(_allow)}, got "
            f"{_response.headers.get('Allow')!r}): a client can no longer tell which methods work. "
            "Hint: start from error.get_response(), which carries it, and replace only the body."
        )

for _verb in ("GET", "HEAD"):
    with _LogRecords() as _log:
        _response = _send(_client, _verb, "/report")
    _shown = _response.get_data(as_text=True) + " " + " ".join(f"{k}: {v}" for k, v in _response.headers.items())
    _leaked = [
        secret for secret in ("hunter2", "db://", "10.0.0.5", "RuntimeError", "cannot reach") if secret in _shown
    ]
    assert not _leaked, (
        f"The 500 response to {_verb} /report leaks the exception to the client ({_leaked}): {_shown[:160]!r}. "
        "Hint: keep the details in the log; send only the generic name of the error."
    )
    _traced = [r.exc_info[1] for r in _log.records if r.exc_info and r.exc_info[1] is not None]
    assert any(
        type(e) is RuntimeError and str(e) == "cannot reach db://admin:hunter2@10.0.0.5/stock" for e in _traced
    ), (
        f"{_verb} /report: the log should hold the traceback of the RuntimeError /report raised; it holds "
        f"{[r.getMessage() for r in _log.records]!r} with the exceptions {_traced!r}. Hint: Flask logs an unhandled "
        "exception before it calls your handler of HTTPException (or of 500); a handler of Exception catches it "
        "first, so the traceback is lost unless it calls app.logger.exception(...) itself."
    )
    assert _response.status_code == 500, (
        f"{_verb} /report raises: it should get 500, got {_response.status_code}. "
        "Hint: an unhandled exception reaches your HTTPException handler as an InternalServerError, code 500."
    )
    _expected = {"error": "Internal Server Error", "status": 500} if _verb == "GET" else None
    assert _body_of(_response) == _expected and _response.mimetype == "application/json", (
        f"{_verb} /report should answer the JSON {_expected} with the Content-Type application/json, got "
        f"{_shown[:120]!r}. Hint: Flask hands an unhandled exception to your HTTPException handler "
        "as an InternalServerError; answer with its name and code, as for any other HTTP error."
    )

_response = _send(_client, "POST", "/items/", json={"name": "mug"})
assert _response.status_code == 201 and _response.get_json(silent=True) == {"id": 2, "name": "mug"}, (
    f"POST /items/ with {{'name': 'mug'}} should still get 201 {{'id': 2, 'name': 'mug'}}, "
    f"got {_response.status_code} {_response.data[:120]!r}. "
    "Hint: add error handlers only; the views and their normal answers stay as they are."
)
_response = _send(_client, "GET", "/items/2")
assert _response.status_code == 200 and _response.get_json(silent=True) == {"id": 2, "name": "mug"}, (
    f"GET /items/2, after the POST of 'mug', should get 200 {{'id': 2, 'name': 'mug'}}, "
    f"got {_response.status_code} {_response.data[:120]!r}. Hint: leave the views as they were given."
)
_exact = _json.dumps({"name": "m" * (1024 - len(_json.dumps({"name": ""})))})
_response = _send(_client, "POST", "/items/", data=_exact, content_type="application/json")
assert _response.status_code == 201 and (_response.get_json(silent=True) or {}).get("id") == 3, (
    f"A POST of exactly 1024 bytes, the MAX_CONTENT_LENGTH, is allowed and should get 201 with the id 3, "
    f"got {_response.status_code} {_response.data[:80]!r}. "
    "Hint: keep app.config['MAX_CONTENT_LENGTH'] = 1024: only a body longer than that is a 413."
)
_response = _send(_client, "OPTIONS", "/items/1")
assert _response.status_code == 200 and "GET" in _response.headers.get("Allow", ""), (
    f"OPTIONS /items/1 is not an error: Flask answers 200 with Allow, got {_response.status_code}. "
    "Hint: change only what error handlers return; do not route OPTIONS yourself or rewrite other responses."
)
_response = _send(_client, "POST", "/items")
assert _response.status_code == 308 and _response.headers.get("Location", "").endswith("/items/"), (
    f"POST /items (no trailing slash) should still be redirected (308) to /items/, got {_response.status_code}. "
    "Hint: Flask sends its routing redirect without calling error handlers; leave non-error responses unchanged."
)
_response = _send(_client, "GET", "/items/1")
assert _response.status_code == 200 and _response.get_json(silent=True) == {"id": 1, "name": "kettle"}, (
    f"GET /items/1 should still work, 200 {{'id': 1, 'name': 'kettle'}}, "
    f"got {_response.status_code} {_response.data[:120]!r}. "
    "Hint: add error handlers only; the views and their normal answers stay as they are."
)
