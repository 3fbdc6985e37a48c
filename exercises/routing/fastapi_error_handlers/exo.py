# --- PYODIDE:env --- #
import json as _json

from course_helpers.packages import require as _require

await _require("fastapi", "starlette")  # the handler is registered for starlette.exceptions.HTTPException
from course_helpers.asgi import call_asgi
from course_helpers.fastapi_setup import prepare_fastapi as _prepare_fastapi

_prepare_fastapi()


def json_of(response):
    """The response's body, parsed as JSON (an AssertionError that says so when it is not JSON)."""
    try:
        return _json.loads(response.body)
    except ValueError:
        raise AssertionError(
            f"The body should be JSON, got {response.body[:80]!r} (status {response.status!r}). "
            "Hint: an exception handler returns JSONResponse(content, status_code=...)."
        ) from None


def _send(method, path, query=b"", body=b"", headers=None):
    """call_asgi(app, ...), whose failures also say where exception handlers usually go wrong."""
    try:
        return call_asgi(app, method=method, path=path, query=query, body=body, headers=headers)
    except AssertionError as error:
        raise AssertionError(
            f"{error} (the request: {method} {path}{'?' + query.decode('latin-1') if query else ''})\n"
            "Hint: an exception handler must return a Response, such as JSONResponse(...), and must not raise "
            "itself: FastAPI does not turn a dict returned by a handler into JSON, as it does for a path operation."
        ) from None


# --- PYODIDE:code --- #
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

app = FastAPI()
ITEMS = {1: {"id": 1, "name": "kettle", "quantity": 2}}


class NewItem(BaseModel):
    name: str = Field(min_length=1)
    quantity: int = Field(ge=1)


@app.get("/items")
def list_items(limit: Annotated[int, Query(ge=1, le=100)] = 10):
    return [ITEMS[item_id] for item_id in sorted(ITEMS)][:limit]


@app.get("/items/{item_id}")
def get_item(item_id: int):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return ITEMS[item_id]


@app.post("/items", status_code=201)
def add_item(item: NewItem):
    if any(known["name"] == item.name for known in ITEMS.values()):
        raise HTTPException(status_code=409, detail="Item already exists")
    item_id = max(ITEMS, default=0) + 1
    ITEMS[item_id] = {"id": item_id, "name": item.name, "quantity": item.quantity}
    return ITEMS[item_id]


@app.get("/admin")
def admin(authorization: Annotated[str | None, Header()] = None):
    if authorization != "Bearer s3cret":
        raise HTTPException(status_code=401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    return {"admin": True}


# Your exception handlers here.

# --- PYODIDE:corr --- #
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

app = FastAPI()
ITEMS = {1: {"id": 1, "name": "kettle", "quantity": 2}}


class NewItem(BaseModel):
    name: str = Field(min_length=1)
    quantity: int = Field(ge=1)


@app.get("/items")
def list_items(limit: Annotated[int, Query(ge=1, le=100)] = 10):
    return [ITEMS[item_id] for item_id in sorted(ITEMS)][:limit]


@app.get("/items/{item_id}")
def get_item(item_id: int):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return ITEMS[item_id]


@app.post("/items", status_code=201)
def add_item(item: NewItem):
    if any(known["name"] == item.name for known in ITEMS.values()):
        raise HTTPException(status_code=409, detail="Item already exists")
    item_id = max(ITEMS, default=0) + 1
    ITEMS[item_id] = {"id": item_id, "name": item.name, "quantity": item.quantity}
    return ITEMS[item_id]


@app.get("/admin")
def admin(authorization: Annotated[str | None, Header()] = None):
    if authorization != "Bearer s3cret":
        raise HTTPException(status_code=401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    return {"admin": True}


# Starlette's class: the router raises it for 404 and 405, and FastAPI's HTTPException is a subclass.
@app.exception_handler(StarletteHTTPException)
async def http_error(request: Request, exc: StarletteHTTPException):
    body = {"status": exc.status_code, "error": exc.detail}
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)  # Allow, WWW-Authenticate...


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError):
    # A loc may hold ints: the position of a JSON syntax error, the index of a list item.
    fields = [{"loc": ".".join(str(part) for part in error["loc"]), "msg": error["msg"]} for error in exc.errors()]
    return JSONResponse({"status": 422, "error": "Invalid request", "fields": fields}, status_code=422)


# --- PYODIDE:tests --- #
_response = _send("GET", "/items/9")
assert _response.status == 404 and json_of(_response) == {"status": 404, "error": "Item not found"}, (
    f"GET /items/9 should get 404 and {{'status': 404, 'error': 'Item not found'}}, got {_response.status!r} "
    f"{_response.body[:80]!r}. Hint: @app.exception_handler(StarletteHTTPException) on a function that returns "
    "JSONResponse({'status': exc.status_code, 'error': exc.detail}, status_code=exc.status_code, ...): the error "
    "is exc.detail alone, whereas str(exc) is '404: Item not found'."
)

_response = _send("GET", "/items", b"limit=0")
_expected = {
    "status": 422,
    "error": "Invalid request",
    "fields": [{"loc": "query.limit", "msg": "ensure this value is greater than or equal to 1"}],
}
assert _response.status == 422 and json_of(_response) == _expected, (
    f"GET /items?limit=0 should get 422 and {_expected!r}, got {_response.status!r} {_response.body[:160]!r}. "
    "Hint: @app.exception_handler(RequestValidationError) returns JSONResponse(..., status_code=422), the status "
    "FastAPI gives an invalid request; exc.errors() lists the errors, each a dict with a 'loc' (a tuple such as "
    "('query', 'limit')) and a 'msg'."
)

# --- PYODIDE:secrets --- #
_JSON = {"content-type": "application/json"}


def _shown(method, path, query=b""):
    return f"{method} {path}" + (f"?{query.decode('latin-1')}" if query else "")


def _error(method, path, query=b"", body=b"", headers=None):
    """(shown, response, parsed body) of a request whose answer must be a JSON error."""
    shown = _shown(method, path, query)
    response = _send(method, path, query, body, headers)
    declared = response.header("content-type")
    assert declared == b"application/json", (
        f"{shown}: every error is JSON, but the content-type of this {response.status!r} is {declared!r}. "
        "Hint: return JSONResponse(...) from each exception handler."
    )
    return shown, response, json_of(response)


def _http_error(method, path, status, error, query=b"", body=b"", headers=None, advice=""):
    shown, response, data = _error(method, path, query, body, headers)
    handlers = getattr(app, "exception_handlers", {})
    codes = sorted(key for key in handlers if isinstance(key, int))
    if isinstance(data, dict) and "detail" in data and codes:
        advice = (
            f"this is FastAPI's own body, {{'detail': ...}}: handlers registered for the status codes {codes} "
            "leave every other status to FastAPI. Register one handler for the class "
            "starlette.exceptions.HTTPException, whatever the status."
        )
    elif isinstance(data, dict) and "detail" in data:
        advice = (
            "this is FastAPI's own body, {'detail': ...}: your handler did not run. The router raises Starlette's "
            "HTTPException for 404 and 405, and FastAPI's HTTPException is only a subclass of it: register the "
            "handler for starlette.exceptions.HTTPException, which catches both."
        )
    elif isinstance(data, dict) and isinstance(data.get("error"), str) and data["error"].startswith(f"{status}: "):
        advice = "the message is the exception's detail, exc.detail; str(exc) adds the status in front of it."
    expected = {"status": status, "error": error}
    assert response.status == status and data == expected, (
        f"{shown} should get {status} and {expected!r}, got {response.status!r} {data!r}. "
        f"Hint: {advice or 'one handler, for every HTTPException, returns its status and detail.'}"
    )
    return response


def _invalid(method, path, fields, query=b"", body=b"", headers=None, advice=""):
    shown, response, data = _error(method, path, query, body, headers)
    expected = {"status": 422, "error": "Invalid request", "fields": fields}
    if response.status == 400:
        advice = (
            "a request that fails validation gets 422, as FastAPI answers by default: keep status_code=422 in the "
            "handler of RequestValidationError."
        )
    assert response.status == 422 and data == expected, (
        f"{shown} should get 422 and {expected!r}, got {response.status!r} {data!r}. "
        f"Hint: {advice or 'one entry per error of exc.errors(), in its order: the loc joined with dots, and the msg.'}"
    )


# 404: raised by a path operation, and by the router when no route matches.
for _path in ("/items/99", "/items/0", "/items/-1", "/items/12345678901234567890"):
    _http_error("GET", _path, 404, "Item not found")
for _path in ("/nowhere", "/", "/items/1/parts", "/ITEMS", "/admin/x", "/café"):
    _http_error("GET", _path, 404, "Not Found")

# 405: raised by the router, with the Allow header it computed.
for _method, _path, _allowed in (
    ("DELETE", "/items/1", {"GET"}),
    ("PUT", "/items/1", {"GET"}),
    ("HEAD", "/items/1", {"GET"}),
    ("OPTIONS", "/items", {"GET"}),  # Starlette names the methods of the first route that matched the path only
    ("PATCH", "/items", {"GET"}),
    ("POST", "/admin", {"GET"}),
):
    _response = _http_error(_method, _path, 405, "Method Not Allowed")
    _allow = {m.strip() for m in (_response.header("allow") or b"").decode("latin-1").split(",") if m.strip()}
    assert _allow == _allowed, (
        f"{_shown(_method, _path)}: the 405 should keep the Allow header the router computed, listing "
        f"{sorted(_allowed)}, got {_response.header('allow')!r}. Hint: pass the exception's headers on, "
        "JSONResponse(..., headers=exc.headers): it is None for most errors, and holds Allow for a 405."
    )

# 401: raised with a header of its own, which must reach the client.
for _headers in (None, {"authorization": "Bearer wrong"}, {"authorization": "bearer s3cret"}):
    _response = _http_error("GET", "/admin", 401, "Not authenticated", headers=_headers)
    assert _response.header("www-authenticate") == b"Bearer", (
        f"GET /admin should keep the header WWW-Authenticate: Bearer of its 401, got "
        f"{_response.header('www-authenticate')!r}. Hint: JSONResponse(..., headers=exc.headers)."
    )
_response = _send("GET", "/admin", headers={"authorization": "Bearer s3cret"})
assert _response.status == 200 and json_of(_response) == {"admin": True}, (
    f"GET /admin with the right token should get 200 and {{'admin': True}}, got {_response.status!r} "
    f"{_response.body[:80]!r}. Hint: the handlers change errors only; leave the path operations as given."
)

# 409 and 400: other statuses, the second raised by FastAPI itself, for a body it cannot decode.
_http_error("POST", "/items", 409, "Item already exists", body=b'{"name": "kettle", "quantity": 1}', headers=_JSON)
_http_error("POST", "/items", 400, "There was an error parsing the body", body=b"\xff", headers=_JSON)

# 422: path, query and body, one entry per error.
_NOT_INT = "value is not a valid integer"
for _query, _fields in (
    (b"limit=101", [{"loc": "query.limit", "msg": "ensure this value is less than or equal to 100"}]),
    (b"limit=abc", [{"loc": "query.limit", "msg": _NOT_INT}]),
    (b"limit=", [{"loc": "query.limit", "msg": _NOT_INT}]),
):
    _invalid("GET", "/items", _fields, query=_query)
for _item_id in ("abc", "1.5", "%2F"):
    _invalid("GET", f"/items/{_item_id}", [{"loc": "path.item_id", "msg": _NOT_INT}])
for _body, _fields in (
    (
        b'{"name": "", "quantity": 0}',
        [
            {"loc": "body.name", "msg": "ensure this value has at least 1 characters"},
            {"loc": "body.quantity", "msg": "ensure this value is greater than or equal to 1"},
        ],
    ),
    (b'{"name": "cup"}', [{"loc": "body.quantity", "msg": "field required"}]),
    (b'{"quantity": "many", "name": "cup"}', [{"loc": "body.quantity", "msg": _NOT_INT}]),
    (b"[1, 2]", [{"loc": "body", "msg": "value is not a valid dict"}]),
    (b"", [{"loc": "body", "msg": "field required"}]),
):
    _invalid("POST", "/items", _fields, body=_body, headers=_JSON)
for _body, _position in ((b'{"name": "cup"', 14), (b"{", 1), (b'{"name": "caf\xc3\xa9",}', 16)):
    _what = f"POST /items with the body {_body!r}"
    try:
        _response = call_asgi(app, method="POST", path="/items", body=_body, headers=_JSON)
    except AssertionError as _failure:
        raise AssertionError(
            f"{_failure} ({_what})\nHint: the loc of a JSON syntax error holds an int, the position of the error: "
            "'.'.join() accepts only str, so join str(part) for each part of the loc."
        ) from None
    _fields = [{"loc": f"body.{_position}", "msg": "JSON decode error"}]
    _invalid(
        "POST",
        "/items",
        _fields,
        body=_body,
        headers=_JSON,
        advice="for a JSON syntax error, the loc is ('body', <position>): join str(part) for each part.",
    )

# What is no error is left as it was.
_response = _send("GET", "/items/1")
assert _response.status == 200 and json_of(_response) == {"id": 1, "name": "kettle", "quantity": 2}, (
    f"GET /items/1 should get 200 and the kettle, {{'id': 1, 'name': 'kettle', 'quantity': 2}}, got "
    f"{_response.status!r} {_response.body[:80]!r}. Hint: the handlers change errors only; leave ITEMS and the path "
    "operations as given."
)
_response = _send("POST", "/items", body=b'{"name": "caf\xc3\xa9", "quantity": 3}', headers=_JSON)
assert _response.status == 201 and json_of(_response) == {"id": 2, "name": "café", "quantity": 3}, (
    f"POST /items with a valid new item should get 201 and the item, got {_response.status!r} {_response.body[:80]!r}. "
    "Hint: the handlers change errors only; leave the path operations as given."
)
for _query, _count in ((b"", 2), (b"limit=1", 1), (b"limit=100", 2)):
    _response = _send("GET", "/items", _query)
    _listed = json_of(_response)
    assert _response.status == 200 and isinstance(_listed, list) and len(_listed) == _count, (
        f"{_shown('GET', '/items', _query)} should get 200 and {_count} item(s), got {_response.status!r} "
        f"{_response.body[:80]!r}. Hint: leave the path operations as given."
    )
_saved = dict(ITEMS)
ITEMS.clear()
_response = _send("POST", "/items", body=b'{"name": "pan", "quantity": 1}', headers=_JSON)
assert _response.status == 201 and json_of(_response) == {"id": 1, "name": "pan", "quantity": 1}, (
    f"With ITEMS empty, POST /items should get 201 and the item with the id 1, got {_response.status!r} "
    f"{_response.body[:80]!r}. Hint: leave add_item as given: max(ITEMS, default=0) + 1."
)
ITEMS.clear()
for _item_id in (12, 3, 7, 1, 11, 5, 9, 2, 10, 4, 8, 6):
    ITEMS[_item_id] = {"id": _item_id, "name": f"item {_item_id}", "quantity": 1}
_response = _send("GET", "/items")
_listed = json_of(_response)
if isinstance(_listed, list) and all(isinstance(item, dict) for item in _listed):
    _listed = [item.get("id") for item in _listed]
assert _listed == list(range(1, 11)), (
    f"With 12 items in ITEMS, GET /items should list the ids 1 to 10, got {_listed!r}. "
    "Hint: leave list_items as given: it sorts the ids, and its limit is 10 by default."
)
ITEMS.clear()
ITEMS.update(_saved)
for _ in range(2):
    _http_error("GET", "/items/3", 404, "Item not found")
    _invalid("GET", "/items", [{"loc": "query.limit", "msg": _NOT_INT}], query=b"limit=x")
