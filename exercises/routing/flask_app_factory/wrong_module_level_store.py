# expect: A note added to one app showed up in another
from flask import Blueprint, Flask, abort, current_app, request

DEFAULTS = {"SERVICE_NAME": "notes", "MAX_NOTE_LENGTH": 20}
notes = Blueprint("notes", __name__, url_prefix="/notes")
NOTES = []


@notes.get("/")
def list_notes():
    return NOTES


@notes.post("/")
def add_note():
    text = (request.get_json(silent=True) or {}).get("text")
    if not text or len(text) > current_app.config["MAX_NOTE_LENGTH"]:
        abort(400)
    store = NOTES
    store.append({"id": len(store) + 1, "text": text})
    return store[-1], 201


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config is not None:
        app.config.update(config)
    app.register_blueprint(notes)

    @app.get("/health")
    def health():
        return {"service": app.config["SERVICE_NAME"], "testing": app.testing}

    return app
