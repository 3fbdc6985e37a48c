# expect: create_app() returned the same Flask object twice
from flask import Blueprint, Flask, abort, current_app, request

DEFAULTS = {"SERVICE_NAME": "notes", "MAX_NOTE_LENGTH": 20}
notes = Blueprint("notes", __name__, url_prefix="/notes")
app = Flask(__name__)
app.extensions["notes"] = []


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
    app.config.from_mapping(DEFAULTS)
    if config is not None:
        app.config.update(config)
    return app


@app.get("/health")
def health():
    return {"service": app.config["SERVICE_NAME"], "testing": app.testing}


app.register_blueprint(notes)
