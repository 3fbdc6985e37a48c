# --- PYODIDE:env --- #
from course_helpers.packages import require as _require

await _require("flask")

# --- PYODIDE:code --- #
from flask import Blueprint, Flask, abort, url_for

app = Flask(__name__)
NOTES = {1: "Buy milk", 2: "Call Ada"}

# Your blueprints, their views, and the app's own route here.

# --- PYODIDE:corr --- #
from flask import Blueprint, Flask, abort, url_for

app = Flask(__name__)
NOTES = {1: "Buy milk", 2: "Call Ada"}

api = Blueprint("api", __name__, url_prefix="/api/v1")
admin = Blueprint("admin", __name__, url_prefix="/admin")


@app.get("/")
def index():
    return {"api": url_for("api.index")}


@api.get("/")
def index():
    return {"notes": [url_for(".note", note_id=note_id) for note_id in sorted(NOTES)]}


@api.get("/notes/<int:note_id>")
def note(note_id):
    if note_id not in NOTES:
        abort(404)
    return {"id": note_id, "text": NOTES[note_id], "admin": url_for("admin.note", note_id=note_id)}


@admin.get("/notes/<int:note_id>")
def note(note_id):
    if note_id not in NOTES:
        abort(404)
    return {"id": note_id, "text": NOTES[note_id], "api": url_for("api.note", note_id=note_id)}


app.register_blueprint(api)
app.register_blueprint(admin)

# --- PYODIDE:tests --- #
_client = app.test_client()
_response = _client.get("/api/v1/notes/1")
assert _response.status_code == 200, (
    f"GET /api/v1/notes/1 should get 200, got {_response.status_code}. "
    "Hint: with url_prefix='/api/v1' on the blueprint, its rule is just '/notes/<int:note_id>'."
)
assert _response.get_json() == {"id": 1, "text": "Buy milk", "admin": "/admin/notes/1"}, (
    f"GET /api/v1/notes/1 returned {_response.get_json()!r}. "
    "Hint: expected {'id': 1, 'text': 'Buy milk', 'admin': '/admin/notes/1'}; build the admin link with url_for, "
    "naming the other blueprint's endpoint in full."
)
_response = _client.get("/api/v1/")
assert _response.status_code == 200, (
    f"GET /api/v1/ should get 200, got {_response.status_code}. "
    "Hint: a 500 here often means url_for raised BuildError: inside a blueprint, write '.note' or 'api.note', not 'note'."
)
assert _response.get_json() == {"notes": ["/api/v1/notes/1", "/api/v1/notes/2"]}, (
    f"GET /api/v1/ returned {_response.get_json()!r}. "
    "Hint: build one URL per note with url_for and the API's note endpoint, for the ids of NOTES in ascending order."
)

# --- PYODIDE:secrets --- #
_client = app.test_client()

assert {"api", "admin"} <= set(app.blueprints), (
    f"The app should have the blueprints 'api' and 'admin', it has {sorted(app.blueprints)}. "
    "Hint: the first argument of Blueprint(...) is its name; register each blueprint with app.register_blueprint."
)
_endpoints = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()}
for _endpoint, _rule in [
    ("index", "/"),
    ("api.index", "/api/v1/"),
    ("api.note", "/api/v1/notes/<int:note_id>"),
    ("admin.note", "/admin/notes/<int:note_id>"),
]:
    assert _endpoints.get(_endpoint) == _rule, (
        f"The endpoint {_endpoint!r} should have the rule {_rule!r}, found {_endpoints.get(_endpoint)!r}. "
        f"All endpoints: {sorted(_endpoints)}. "
        "Hint: an endpoint is '<blueprint name>.<function name>', and its rule is the url_prefix followed by "
        "the blueprint's own rule; write each prefix only in url_prefix."
    )

_response = _client.get("/admin/notes/2")
assert _response.status_code == 200, (
    f"GET /admin/notes/2 should get 200, got {_response.status_code}. "
    "Hint: give the admin blueprint (url_prefix='/admin') a GET rule '/notes/<int:note_id>'; "
    "a 500 means the view raised, e.g. url_for with an endpoint that does not exist."
)
assert _response.get_json() == {"id": 2, "text": "Call Ada", "api": "/api/v1/notes/2"}, (
    f"GET /admin/notes/2 should link back to the API, '/api/v1/notes/2', got {_response.get_json()!r}. "
    "Hint: '.note' is this blueprint's own note; the API's is 'api.note'."
)
_response = _client.get("/")
assert _response.status_code == 200 and _response.get_json() == {"api": "/api/v1/"}, (
    f"GET / should return {{'api': '/api/v1/'}}, got {_response.status_code} {_response.get_json()!r}. "
    "Hint: url_for('api.index') names the blueprint's index; 'index' alone is the app's."
)

for _path in ("/notes/1", "/api/notes/1", "/api/v2/notes/1", "/admin/", "/admin/notes/one"):
    _response = _client.get(_path)
    assert _response.status_code == 404, (
        f"GET {_path} is outside every route and should get 404, got {_response.status_code}. "
        "Hint: declare only the routes of the table, write each prefix only in url_prefix, "
        "and take the id with <int:note_id> so that a non-number matches no rule."
    )
for _path in ("/api/v1/notes/3", "/admin/notes/3"):
    _response = _client.get(_path)
    assert _response.status_code == 404, (
        f"GET {_path} (no note 3) should get 404, got {_response.status_code}. "
        "Hint: in both note views, abort(404) when note_id is not a key of NOTES."
    )

_response = _client.get("/api/v1")
assert _response.status_code == 308 and _response.headers.get("Location", "").endswith("/api/v1/"), (
    f"GET /api/v1 (no trailing slash) should be redirected (308) to /api/v1/, got {_response.status_code} "
    f"{_response.headers.get('Location')!r}. Hint: give the blueprint's index the rule '/'."
)
_response = _client.head("/admin/notes/1")
assert _response.status_code == 200 and _response.data == b"", (
    f"HEAD /admin/notes/1 should get 200 and no body, got {_response.status_code}. "
    "Hint: declare the view for GET (admin.get); Flask answers HEAD by itself, with GET's status and no body."
)
_response = _client.delete("/api/v1/notes/1")
assert _response.status_code == 405 and "GET" in _response.headers.get("Allow", ""), (
    f"DELETE /api/v1/notes/1 should get 405 with an Allow header listing GET, got {_response.status_code} "
    f"Allow={_response.headers.get('Allow')!r}. Hint: @api.get(...) routes GET only."
)

with app.test_request_context():
    assert (
        url_for("api.note", note_id=2) == "/api/v1/notes/2" and url_for("admin.note", note_id=2) == "/admin/notes/2"
    ), (
        "url_for('api.note', note_id=2) and url_for('admin.note', note_id=2) should build '/api/v1/notes/2' and "
        f"'/admin/notes/2', got {url_for('api.note', note_id=2)!r} and {url_for('admin.note', note_id=2)!r}. "
        "Hint: call both view functions note, and write '/api/v1' and '/admin' only as the url_prefix."
    )

for _path in ("/", "/api/v1/", "/admin/notes/1"):
    _response = _client.get(_path)
    assert _response.mimetype == "application/json", (
        f"GET {_path} should declare the Content-Type application/json, got {_response.headers.get('Content-Type')!r}. "
        "Hint: return a dict from the view; Flask sends it as JSON."
    )
_response = _client.get("/api/v1/notes/%31")
assert _response.status_code == 200 and (_response.get_json(silent=True) or {}).get("id") == 1, (
    f"GET /api/v1/notes/%31 is /api/v1/notes/1 with a percent-escape and should get note 1, got {_response.status_code}. "
    "Hint: take the id with <int:note_id>: the converter sees the decoded path."
)

# Mounted under a prefix, as behind a proxy that serves several apps at /notes-app.
_mounted = {"base_url": "http://localhost/notes-app"}
_expected = {
    "/": {"api": "/notes-app/api/v1/"},
    "/api/v1/": {"notes": ["/notes-app/api/v1/notes/1", "/notes-app/api/v1/notes/2"]},
    "/api/v1/notes/2": {"id": 2, "text": "Call Ada", "admin": "/notes-app/admin/notes/2"},
    "/admin/notes/2": {"id": 2, "text": "Call Ada", "api": "/notes-app/api/v1/notes/2"},
}
for _path, _answer in _expected.items():
    _got = _client.get(_path, **_mounted).get_json(silent=True)
    assert _got == _answer, (
        f"Mounted under /notes-app (SCRIPT_NAME), GET {_path} should answer {_answer!r}, got {_got!r}. "
        "Hint: build every link with url_for, which adds the prefix the app is mounted under; "
        "a path written by hand does not."
    )

# Other notes, put into NOTES out of order: an empty text, a note 0, non-ASCII text.
NOTES.clear()
NOTES.update({7: "Café ☕", 0: "Zero", 3: "", 1: "Buy milk"})
_got = _client.get("/api/v1/").get_json(silent=True)
_links = ["/api/v1/notes/0", "/api/v1/notes/1", "/api/v1/notes/3", "/api/v1/notes/7"]
assert _got == {"notes": _links}, (
    f"With the notes 7, 0, 3 and 1 put into NOTES in that order, GET /api/v1/ should answer {{'notes': {_links}}}, "
    f"got {_got!r}. Hint: a dict keeps the order of insertion, not of its keys: go through sorted(NOTES)."
)
for _note_id, _text in NOTES.items():
    for _prefix, _other, _link in (
        ("/api/v1", "admin", f"/admin/notes/{_note_id}"),
        ("/admin", "api", f"/api/v1/notes/{_note_id}"),
    ):
        _response = _client.get(f"{_prefix}/notes/{_note_id}")
        _answer = {"id": _note_id, "text": _text, _other: _link}
        assert _response.status_code == 200 and _response.get_json(silent=True) == _answer, (
            f"GET {_prefix}/notes/{_note_id} should get 200 and {_answer!r}, got {_response.status_code} "
            f"{_response.get_json(silent=True)!r}. Hint: a note exists when its id is a key of NOTES "
            "(note_id in NOTES), even when its text is empty or its id is 0; return its text as it is."
        )
