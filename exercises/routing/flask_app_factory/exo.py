# --- PYODIDE:env --- #
from course_helpers.packages import require as _require

await _require("flask")

from course_helpers.checks import returning as _returning

# --- PYODIDE:code --- #
from flask import Blueprint, Flask, abort, current_app, request

DEFAULTS = {"SERVICE_NAME": "notes", "MAX_NOTE_LENGTH": 20}
notes = Blueprint("notes", __name__, url_prefix="/notes")

# Your views here.


def create_app(config=None): ...


# --- PYODIDE:corr --- #
from flask import Blueprint, Flask, abort, current_app, request

DEFAULTS = {"SERVICE_NAME": "notes", "MAX_NOTE_LENGTH": 20}
notes = Blueprint("notes", __name__, url_prefix="/notes")


@notes.get("/")
def list_notes():
    return current_app.extensions["notes"]


@notes.post("/")
def add_note():
    data = request.get_json(silent=True)  # None when the body is not JSON
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not text or len(text) > current_app.config["MAX_NOTE_LENGTH"]:
        abort(400)
    store = current_app.extensions["notes"]
    store.append({"id": len(store) + 1, "text": text})
    return store[-1], 201


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config is not None:
        app.config.update(config)
    app.extensions["notes"] = []
    app.register_blueprint(notes)

    @app.get("/health")
    def health():
        return {"service": app.config["SERVICE_NAME"], "testing": app.testing}

    return app


# --- PYODIDE:tests --- #
from flask import Flask as _Flask

_app = _returning(
    _Flask,
    create_app,
    advice="Build the app with Flask(__name__) inside create_app and return it; called without argument, "
    "config is None, which is not a dict to update app.config with.",
)
_response = _app.test_client().get("/health")
assert _response.status_code == 200 and _response.get_json() == {"service": "notes", "testing": False}, (
    f"GET /health on create_app() should return {{'service': 'notes', 'testing': False}}, "
    f"got {_response.status_code} {_response.get_json()!r}. "
    "Hint: inside create_app, add a GET route /health on the app that returns a dict of SERVICE_NAME and app.testing."
)

_first, _second = create_app(), create_app()
assert _first is not _second, (
    "create_app() returned the same Flask object twice. Hint: call Flask(__name__) inside create_app, so each call builds a new app."
)
_response = _first.test_client().post("/notes/", json={"text": "Buy milk"})
_created = _response.get_json()
assert _response.status_code == 201 and isinstance(_created, dict) and _created.get("text") == "Buy milk", (
    f"POST /notes/ should get 201 and {{'id': 1, 'text': 'Buy milk'}}, got {_response.status_code} {_created!r}. "
    "Hint: add a POST view for '/' on the notes blueprint that stores the note in current_app.extensions['notes'] "
    "and returns it with the status 201."
)
assert _created == {"id": 1, "text": "Buy milk"}, (
    f"The first note of a new app should be {{'id': 1, 'text': 'Buy milk'}}, got {_created!r}. "
    "Hint: number the notes of each app from 1: a counter at module level is shared by every app "
    "(and by every run of these tests), so count this app's notes instead."
)
_listed = _second.test_client().get("/notes/").get_json()
assert _listed == [], (
    f"A note added to one app showed up in another: the second app lists {_listed!r}. "
    "Hint: keep the notes per app, in app.extensions, created by create_app."
)

# --- PYODIDE:secrets --- #
_ADVICE = "create_app(config=None) builds a new Flask app on each call and returns it."
_overrides = {"TESTING": True, "SERVICE_NAME": "notes-staging"}
_staging = _returning(_Flask, create_app, _overrides, advice=_ADVICE)
_health = _staging.test_client().get("/health").get_json()
assert _health == {"service": "notes-staging", "testing": True}, (
    f"create_app({{'TESTING': True, 'SERVICE_NAME': 'notes-staging'}}) should answer /health with "
    f"{{'service': 'notes-staging', 'testing': True}}, got {_health!r}. Hint: apply the overrides after the defaults."
)
assert _overrides == {"TESTING": True, "SERVICE_NAME": "notes-staging"}, (
    f"create_app changed the dict it was given, now {_overrides!r}. "
    "Hint: read config without writing to it: load DEFAULTS into app.config, then app.config.update(config)."
)
_plain = _returning(_Flask, create_app, advice=_ADVICE)
_health = _plain.test_client().get("/health").get_json()
assert _health == {"service": "notes", "testing": False}, (
    f"An override leaked into the next app: create_app() made after the staging app answers /health with {_health!r}. "
    "Hint: never update DEFAULTS itself; load it into app.config, then update app.config."
)
assert DEFAULTS == {"SERVICE_NAME": "notes", "MAX_NOTE_LENGTH": 20}, (
    f"DEFAULTS changed, it is now {DEFAULTS!r}. Hint: copy the defaults into app.config (from_mapping) and "
    "update app.config, never DEFAULTS."
)
_empty = _returning(_Flask, create_app, {}, advice=_ADVICE)
assert (_empty.config.get("SERVICE_NAME"), _empty.config.get("MAX_NOTE_LENGTH")) == ("notes", 20), (
    "create_app({}) should keep every default, got "
    f"SERVICE_NAME={_empty.config.get('SERVICE_NAME')!r}, MAX_NOTE_LENGTH={_empty.config.get('MAX_NOTE_LENGTH')!r}. "
    "Hint: load DEFAULTS into app.config first, then update it with config: an empty dict changes nothing."
)
_blank = _returning(_Flask, create_app, {"SERVICE_NAME": ""}, advice=_ADVICE)
_health = _blank.test_client().get("/health").get_json()
assert _health == {"service": "", "testing": False}, (
    f"create_app({{'SERVICE_NAME': ''}}) should answer /health with {{'service': '', 'testing': False}}, "
    f"got {_health!r}. Hint: an override wins even when its value is falsy (''): apply every key of config, "
    "without testing its value."
)
_extra = _returning(_Flask, create_app, {"FEATURE_FLAG": "on"}, advice=_ADVICE)
assert _extra.config.get("FEATURE_FLAG") == "on" and _extra.config.get("SERVICE_NAME") == "notes", (
    f"create_app({{'FEATURE_FLAG': 'on'}}) should add that setting and keep the defaults, got "
    f"FEATURE_FLAG={_extra.config.get('FEATURE_FLAG')!r}, SERVICE_NAME={_extra.config.get('SERVICE_NAME')!r}. "
    "Hint: apply every key of config, not only the keys of DEFAULTS."
)

_short = _returning(_Flask, create_app, {"MAX_NOTE_LENGTH": 5}, advice=_ADVICE).test_client()
_response = _short.post("/notes/", json={"text": "hello"})
assert _response.status_code == 201, (
    f"With MAX_NOTE_LENGTH 5, a 5-character note should get 201, got {_response.status_code}. "
    "Hint: the limit is inclusive: refuse a text only when it is longer than current_app.config['MAX_NOTE_LENGTH']."
)
_response = _short.post("/notes/", json={"text": "hello!"})
assert _response.status_code == 400, (
    f"With MAX_NOTE_LENGTH 5, a 6-character note should get 400, got {_response.status_code}. "
    "Hint: read the limit from current_app.config in the view, not from DEFAULTS."
)
_response = _short.post("/notes/", json={"text": "crème"})
assert _response.status_code == 201, (
    f"With MAX_NOTE_LENGTH 5, 'crème' (5 characters, 6 bytes in UTF-8) should get 201, got {_response.status_code}. "
    "Hint: the limit counts characters: len() of the str from the JSON body, not of the raw bytes."
)
_client = _returning(_Flask, create_app, advice=_ADVICE).test_client()
assert _client.post("/notes/", json={"text": "x" * 20}).status_code == 201, (
    "By default a 20-character note should be accepted (201). "
    "Hint: a text of exactly MAX_NOTE_LENGTH characters is allowed; compare with >, not >=."
)
assert _client.post("/notes/", json={"text": "x" * 21}).status_code == 400, (
    "By default a 21-character note should get 400. "
    "Hint: compare len(text) with current_app.config['MAX_NOTE_LENGTH'] and abort(400) when it is longer."
)
for _body in ({"text": ""}, {"title": "no text"}, {"text": 42}, {"text": 0}, {"text": None}, ["Buy milk"], "Buy milk"):
    _response = _client.post("/notes/", json=_body)
    assert _response.status_code == 400, (
        f"POST /notes/ with the JSON body {_body!r} should get 400, got {_response.status_code}. "
        "Hint: check that get_json() gave a dict and that its text is a non-empty str before using it."
    )
_response = _client.post("/notes/", data="text=hi", content_type="application/x-www-form-urlencoded")
assert _response.status_code == 400, (
    f"A POST /notes/ whose body is not JSON should get 400, got {_response.status_code}. "
    "Hint: request.get_json(silent=True) gives None for a body that is not JSON; abort(400) in that case."
)
_ids = [note["id"] for note in _client.get("/notes/").get_json()]
assert _ids == [1], (
    f"The app should hold one note with id 1 after one good POST, got ids {_ids}. "
    "Hint: store a note only once every check has passed, and number the notes 1, 2, ... from this app's own "
    "list (len(store) + 1): a counter at module level is shared by every app."
)
_response = _client.post("/notes/", json={"text": "0", "id": 99, "admin": True})
assert _response.status_code == 201 and _response.get_json() == {"id": 2, "text": "0"}, (
    "A second POST, of {'text': '0', 'id': 99, 'admin': True}, should get 201 and the new note, "
    f"{{'id': 2, 'text': '0'}}, got {_response.status_code} {_response.get_json()!r}. "
    "Hint: return the note just added, the last of the list, built from the text alone: the server chooses "
    "the id, and the body's other fields are not stored."
)
_listed = _client.get("/notes/").get_json()
assert _listed == [{"id": 1, "text": "x" * 20}, {"id": 2, "text": "0"}], (
    f"GET /notes/ should list the two notes in the order they were added, got {_listed!r}. "
    "Hint: append each note, {'id': ..., 'text': ...}, to current_app.extensions['notes'] and return that list."
)
_response = _short.post("/notes/", json={"text": "tea"})
assert _response.status_code == 201 and _response.get_json() == {"id": 3, "text": "tea"}, (
    "Two apps number their notes each on its own: the app with MAX_NOTE_LENGTH 5, which holds 2 notes, should give "
    f"the next one the id 3, got {_response.status_code} {_response.get_json()!r}. "
    "Hint: compute the id from this app's own list, len(store) + 1; a counter at module level is shared by every app."
)

for _app_client, _path in ((_client, "/health"), (_client, "/notes/")):
    _response = _app_client.get(_path)
    assert _response.mimetype == "application/json", (
        f"GET {_path} should declare the Content-Type application/json, got {_response.headers.get('Content-Type')!r}. "
        "Hint: return a dict or a list from the view; Flask sends it as JSON."
    )
    _head = _app_client.head(_path)
    assert _head.status_code == 200 and _head.data == b"" and _head.mimetype == "application/json", (
        f"HEAD {_path} should get 200 and GET's headers with no body, got {_head.status_code} {_head.data[:60]!r}. "
        "Hint: declare the route for GET (app.get, notes.get); Flask then answers HEAD by itself."
    )
_response = _client.get("/notes")
assert _response.status_code == 308 and _response.headers["Location"].endswith("/notes/"), (
    f"GET /notes should be redirected (308) to /notes/, got {_response.status_code}. Hint: the list's rule is '/' in the blueprint."
)
_response = _client.delete("/notes/")
assert _response.status_code == 405 and "POST" in _response.headers.get("Allow", ""), (
    f"DELETE /notes/ should get 405 with Allow listing GET and POST, got {_response.status_code}. "
    "Hint: give the rule '/' of the blueprint only a GET view and a POST view (notes.get, notes.post); "
    "Flask then answers any other method with 405 and Allow."
)
assert "notes" in _staging.blueprints and "notes" in _plain.blueprints, (
    "Every app from create_app should register the 'notes' blueprint. "
    "Hint: call app.register_blueprint(notes) inside create_app, so that every app it builds gets it."
)
