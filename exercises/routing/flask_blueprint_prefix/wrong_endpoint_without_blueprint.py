# expect: url_for raised BuildError
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
    return {"notes": [url_for("note", note_id=note_id) for note_id in sorted(NOTES)]}


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
