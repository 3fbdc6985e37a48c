# --- PYODIDE:env --- #
from course_helpers.packages import require

await require("flask", "werkzeug")

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
    data = request.get_json(silent=True) or {}
    if not data.get("name"):
        abort(400)
    item_id = max(ITEMS) + 1
    ITEMS[item_id] = data["name"]
    return {"id": item_id, "name": data["name"]}, 201


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
    data = request.get_json(silent=True) or {}
    if not data.get("name"):
        abort(400)
    item_id = max(ITEMS) + 1
    ITEMS[item_id] = data["name"]
    return {"id": item_id, "name": data["name"]}, 201


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
import json


def body_of(response):
    """The response body decoded as JSON, whatever its Content-Type; None if it is not JSON."""
    try:
        return json.loads(response.data)
    except ValueError:
        return None


client = app.test_client()
response = client.get("/items/99")
assert response.status_code == 404, (
    f"GET /items/99 (no such item) should get 404, got {response.status_code}. "
    "Hint: the handler's answer must keep the error's own status, error.code; error.get_response() already has it."
)
assert body_of(response) == {"error": "Not Found", "status": 404}, (
    f"The 404 should be the JSON {{'error': 'Not Found', 'status': 404}}, got {response.data[:120]!r}. "
    "Hint: @app.errorhandler(HTTPException) catches every HTTP error."
)
response = client.delete("/items/1")
assert response.status_code == 405, (
    f"DELETE /items/1 should get 405, got {response.status_code}. "
    "Hint: answer with the status of the error the handler receives (error.code), never a fixed one."
)
assert body_of(response) == {"error": "Method Not Allowed", "status": 405}, (
    f"The 405 should be JSON, got {response.data[:120]!r}. "
    "Hint: register the handler for HTTPException, not only for 404, and build the body from error.name and error.code."
)

# --- PYODIDE:secrets --- #
client = app.test_client()

response = client.delete("/items/1")
allow = response.headers.get("Allow")
assert allow is not None and "GET" in allow, (
    f"The 405 lost its Allow header (got {allow!r}): a client can no longer tell which methods work. "
    "Hint: start from error.get_response(), which carries it, and replace only the body."
)
content_type = response.headers.get("Content-Type", "")
assert content_type == "application/json", (
    f"The 405 should have the Content-Type 'application/json', got {content_type!r}. "
    "Hint: error.get_headers() and error.get_response() start as text/html; set the Content-Type after them."
)

response = client.get("/nowhere")
assert response.status_code == 404 and body_of(response) == {"error": "Not Found", "status": 404}, (
    f"GET /nowhere, a path no route matches, should get the JSON 404, "
    f"got {response.status_code} {response.data[:120]!r}. "
    "Hint: the router raises NotFound before any view runs; the app-wide handler on HTTPException must answer it too."
)
for body in ({"colour": "red"}, "not json"):
    response = client.post("/items/", json=body) if isinstance(body, dict) else client.post("/items/", data=body)
    assert response.status_code == 400 and body_of(response) == {"error": "Bad Request", "status": 400}, (
        f"POST /items/ with {body!r} should get the JSON {{'error': 'Bad Request', 'status': 400}}, got "
        f"{response.status_code} {response.data[:120]!r}. Hint: handle HTTPException, the parent of every HTTP error, not just 404 and 405."
    )
response = client.post("/items/", data="x" * 2000, content_type="application/json")
assert response.status_code == 413 and body_of(response) == {"error": "Request Entity Too Large", "status": 413}, (
    f"A 2000-byte POST, over MAX_CONTENT_LENGTH, should get a JSON 413, "
    f"got {response.status_code} {response.data[:120]!r}. "
    "Hint: Flask itself raises RequestEntityTooLarge, an HTTPException: one handler on HTTPException covers it."
)

response = client.get("/report")
text = response.get_data(as_text=True)
assert "hunter2" not in text and "db://" not in text and "RuntimeError" not in text, (
    f"The 500 response leaks the exception text to the client: {text[:120]!r}. "
    "Hint: keep the details in the log; send only the generic name of the error."
)
assert response.status_code == 500 and body_of(response) == {"error": "Internal Server Error", "status": 500}, (
    f"GET /report raises: it should get the JSON {{'error': 'Internal Server Error', 'status': 500}}, got "
    f"{response.status_code} {text[:120]!r}. Hint: Flask hands an unhandled exception to your HTTPException handler "
    "as an InternalServerError; answer with its name and code, as for any other HTTP error."
)

response = client.open("/items/1", method="BREW")
assert response.status_code == 405 and "GET" in response.headers.get("Allow", ""), (
    f"An unknown method, BREW /items/1, should get 405 with an Allow header, "
    f"got {response.status_code} {response.headers.get('Allow')!r}. "
    "Hint: return the response of error.get_response(), which lists the accepted methods, with only its body replaced."
)
response = client.get("/items/")
assert response.status_code == 405 and "POST" in response.headers.get("Allow", ""), (
    f"GET /items/ (only POST is routed there) should get 405 with Allow listing POST, got {response.status_code}. "
    "Hint: a response built anew from a dict has no Allow header; keep the headers of error.get_response()."
)
response = client.head("/nowhere")
assert response.status_code == 404 and response.data == b"", (
    f"HEAD /nowhere should get 404 and no body, got {response.status_code} {response.data[:60]!r}. "
    "Hint: keep the error's own status for HEAD requests too; Flask leaves the body out by itself."
)
response = client.options("/items/1")
assert response.status_code == 200 and "GET" in response.headers.get("Allow", ""), (
    f"OPTIONS /items/1 is not an error: Flask answers 200 with Allow, got {response.status_code}. "
    "Hint: change only what error handlers return; do not route OPTIONS yourself or rewrite other responses."
)
response = client.post("/items")
assert response.status_code == 308 and response.headers.get("Location", "").endswith("/items/"), (
    f"POST /items (no trailing slash) should still be redirected (308) to /items/, got {response.status_code}. "
    "Hint: Flask sends its routing redirect without calling error handlers; leave non-error responses unchanged."
)
response = client.get("/items/1")
assert response.status_code == 200 and response.get_json() == {"id": 1, "name": "kettle"}, (
    f"GET /items/1 should still work, 200 {{'id': 1, 'name': 'kettle'}}, "
    f"got {response.status_code} {response.get_json(silent=True)!r}. "
    "Hint: add error handlers only; the views and their normal answers stay as they are."
)
