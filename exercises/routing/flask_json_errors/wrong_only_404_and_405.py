# expect: not just 404 and 405
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
    data = request.get_json(silent=True) or {}
    if not data.get("name"):
        abort(400)
    item_id = max(ITEMS) + 1
    ITEMS[item_id] = data["name"]
    return {"id": item_id, "name": data["name"]}, 201


@app.get("/report")
def report():
    raise RuntimeError("cannot reach db://admin:hunter2@10.0.0.5/stock")


@app.errorhandler(404)
@app.errorhandler(405)
def http_error(error):
    response = error.get_response()
    response.data = json.dumps({"error": error.name, "status": error.code})
    response.content_type = "application/json"
    return response
