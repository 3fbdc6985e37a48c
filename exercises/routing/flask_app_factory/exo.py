# --- PYODIDE:env --- #
from course_helpers.packages import require

await require("flask")

# --- PYODIDE:code --- #
from flask import Blueprint, Flask, abort, current_app, request

DEFAULTS = {"SERVICE_NAME": "notes", "MAX_NOTE_LENGTH": 20}
notes = Blueprint("notes", __name__, url_prefix="/notes")

# Your views here.


def create_app(config=None):
    ...

# --- PYODIDE:corr --- #
from flask import Blueprint, Flask, abort, current_app, request

DEFAULTS = {"SERVICE_NAME": "notes", "MAX_NOTE_LENGTH": 20}
notes = Blueprint("notes", __name__, url_prefix="/notes")


@notes.get("/")
def list_notes():
    return current_app.extensions["notes"]


@notes.post("/")
def add_note():
    text = (request.get_json(silent=True) or {}).get("text")
    if not text or len(text) > current_app.config["MAX_NOTE_LENGTH"]:
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
app = create_app()
assert isinstance(app, Flask), f"create_app() should return a Flask app, got {app!r}"
response = app.test_client().get("/health")
assert response.status_code == 200 and response.get_json() == {"service": "notes", "testing": False}, (
    f"GET /health on create_app() should return {{'service': 'notes', 'testing': False}}, got {response.status_code} {response.get_json()!r}"
)

first, second = create_app(), create_app()
assert first is not second, (
    "create_app() returned the same Flask object twice. Hint: call Flask(__name__) inside create_app, so each call builds a new app."
)
response = first.test_client().post("/notes/", json={"text": "Buy milk"})
assert response.status_code == 201 and response.get_json() == {"id": 1, "text": "Buy milk"}, (
    f"POST /notes/ should get 201 and {{'id': 1, 'text': 'Buy milk'}}, got {response.status_code} {response.get_json()!r}"
)
listed = second.test_client().get("/notes/").get_json()
assert listed == [], (
    f"A note added to one app showed up in another: the second app lists {listed!r}. "
    "Hint: keep the notes per app, in app.extensions, created by create_app."
)

# --- PYODIDE:secrets --- #
staging = create_app({"TESTING": True, "SERVICE_NAME": "notes-staging"})
health = staging.test_client().get("/health").get_json()
assert health == {"service": "notes-staging", "testing": True}, (
    f"create_app({{'TESTING': True, 'SERVICE_NAME': 'notes-staging'}}) should answer /health with "
    f"{{'service': 'notes-staging', 'testing': True}}, got {health!r}. Hint: apply the overrides after the defaults."
)
plain = create_app()
health = plain.test_client().get("/health").get_json()
assert health == {"service": "notes", "testing": False}, (
    f"An override leaked into the next app: create_app() made after the staging app answers /health with {health!r}. "
    "Hint: never update DEFAULTS itself; load it into app.config, then update app.config."
)
assert create_app({}).config["SERVICE_NAME"] == "notes", "create_app({}) should keep every default"

short = create_app({"MAX_NOTE_LENGTH": 5}).test_client()
response = short.post("/notes/", json={"text": "hello"})
assert response.status_code == 201, f"With MAX_NOTE_LENGTH 5, a 5-character note should get 201, got {response.status_code}"
response = short.post("/notes/", json={"text": "hello!"})
assert response.status_code == 400, (
    f"With MAX_NOTE_LENGTH 5, a 6-character note should get 400, got {response.status_code}. "
    "Hint: read the limit from current_app.config in the view, not from DEFAULTS."
)
client = create_app().test_client()
assert client.post("/notes/", json={"text": "x" * 20}).status_code == 201, "By default a 20-character note should be accepted (201)"
assert client.post("/notes/", json={"text": "x" * 21}).status_code == 400, "By default a 21-character note should get 400"
for body in ({"text": ""}, {"title": "no text"}):
    response = client.post("/notes/", json=body)
    assert response.status_code == 400, f"POST /notes/ with {body!r} should get 400, got {response.status_code}"
response = client.post("/notes/", data="text=hi", content_type="application/x-www-form-urlencoded")
assert response.status_code == 400, f"A POST /notes/ whose body is not JSON should get 400, got {response.status_code}"
ids = [note["id"] for note in client.get("/notes/").get_json()]
assert ids == [1], f"The app should hold one note with id 1 after one good POST, got ids {ids}"

response = client.get("/notes")
assert response.status_code == 308 and response.headers["Location"].endswith("/notes/"), (
    f"GET /notes should be redirected (308) to /notes/, got {response.status_code}. Hint: the list's rule is '/' in the blueprint."
)
assert client.head("/health").status_code == 200, "HEAD /health should get 200, like GET"
response = client.delete("/notes/")
assert response.status_code == 405 and "POST" in response.headers.get("Allow", ""), (
    f"DELETE /notes/ should get 405 with Allow listing GET and POST, got {response.status_code}"
)
assert "notes" in staging.blueprints and "notes" in plain.blueprints, "Every app from create_app should register the 'notes' blueprint"
