# --- PYODIDE:env --- #
import json as _json

from course_helpers.packages import require as _require

await _require("fastapi")
from course_helpers.asgi import call_asgi
from course_helpers.checks import call as _call
from course_helpers.fastapi_setup import prepare_fastapi as _prepare_fastapi

_prepare_fastapi()


def json_of(response):
    """The response's body, parsed as JSON (an AssertionError that says so when it is not JSON)."""
    try:
        return _json.loads(response.body)
    except ValueError:
        raise AssertionError(
            f"The body should be JSON, got {response.body[:80]!r} (status {response.status!r}). "
            "Hint: return a dict from the path operation, and raise HTTPException for errors: FastAPI turns both "
            "into JSON."
        ) from None


# --- PYODIDE:code --- #
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException

BOOKS = {1: "Dune", 2: "Emma", 3: "Beloved"}
TOKENS = {"s3cret-alice": "alice", "t0ken-bob": "bob"}  # token -> user


def require_token(authorization: Annotated[str | None, Header()] = None) -> str:
    """The user whose token the Authorization header carries."""
    ...


app = FastAPI()


@app.get("/v1/books")
def list_books():
    return [{"id": book_id, "title": BOOKS[book_id]} for book_id in sorted(BOOKS)]


# --- PYODIDE:corr --- #
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException

BOOKS = {1: "Dune", 2: "Emma", 3: "Beloved"}
TOKENS = {"s3cret-alice": "alice", "t0ken-bob": "bob"}  # token -> user


def require_token(authorization: Annotated[str | None, Header()] = None) -> str:
    """The user whose token the Authorization header carries."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or token not in TOKENS:  # the scheme is case-insensitive, the token is not
        # 401 says "authenticate first", and must name how: the WWW-Authenticate challenge.
        raise HTTPException(status_code=401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    return TOKENS[token]


app = FastAPI()


@app.get("/v1/books")
def list_books():
    return [{"id": book_id, "title": BOOKS[book_id]} for book_id in sorted(BOOKS)]


# On the router itself: every route added to it, now or later, depends on require_token.
admin = APIRouter(prefix="/admin", dependencies=[Depends(require_token)])


@admin.get("/whoami")
def whoami(user: Annotated[str, Depends(require_token)]):  # solved once per request, shared with the router's
    return {"user": user}


@admin.delete("/books/{book_id}", status_code=204)
def delete_book(book_id: int):
    if book_id not in BOOKS:
        raise HTTPException(status_code=404, detail="Book not found")
    del BOOKS[book_id]


# After the router's routes: include_router copies the routes the router has at that moment.
app.include_router(admin, prefix="/v1")


# --- PYODIDE:tests --- #
_ALICE = {"authorization": "Bearer s3cret-alice"}

_response = call_asgi(app, path="/v1/admin/whoami", headers=_ALICE)
if _response.status == 404 and "/admin/whoami" in [
    getattr(r, "path", "") for r in getattr(globals().get("admin"), "routes", [])
]:
    _advice = (
        "the router has /admin/whoami, the app does not: include_router copies the routes the router has when it "
        "is called. Call app.include_router(admin, prefix='/v1') after the @admin routes."
    )
else:
    _advice = (
        "admin = APIRouter(prefix='/admin', ...), @admin.get('/whoami'), then app.include_router(admin, "
        "prefix='/v1') after the routes; whoami takes user: Annotated[str, Depends(require_token)]."
    )
assert _response.status == 200 and json_of(_response) == {"user": "alice"}, (
    f"GET /v1/admin/whoami with 'Authorization: Bearer s3cret-alice' should get 200 and {{'user': 'alice'}}, got "
    f"{_response.status!r} {_response.body[:80]!r}. Hint: {_advice}"
)

_response = call_asgi(app, path="/v1/admin/whoami")
assert _response.status == 401 and json_of(_response) == {"detail": "Not authenticated"}, (
    f"GET /v1/admin/whoami without an Authorization header should get 401 and {{'detail': 'Not authenticated'}}, "
    f"got {_response.status!r} {_response.body[:80]!r}. Hint: in require_token, raise HTTPException(status_code=401, "
    "detail='Not authenticated', headers=...) when the header is missing: 401 means 'authenticate first'; "
    "403 means 'you are known, and not allowed'."
)
assert _response.header("www-authenticate") == b"Bearer", (
    f"The 401 should carry the header 'WWW-Authenticate: Bearer', got {_response.header('www-authenticate')!r}. "
    "Hint: HTTPException(..., headers={'WWW-Authenticate': 'Bearer'}): a 401 must tell the client which scheme "
    "to authenticate with."
)

_response = call_asgi(app, path="/v1/books")
assert _response.status == 200 and json_of(_response) == [
    {"id": 1, "title": "Dune"},
    {"id": 2, "title": "Emma"},
    {"id": 3, "title": "Beloved"},
], (
    f"GET /v1/books, a route outside the router, should get 200 and the books without any token, got "
    f"{_response.status!r} {_response.body[:80]!r}. Hint: put the dependency on the admin router only, not on "
    "FastAPI(dependencies=...)."
)

# --- PYODIDE:secrets --- #
from fastapi import APIRouter as _APIRouter
from fastapi import FastAPI as _FastAPI

_BOB = {"authorization": "Bearer t0ken-bob"}


def _request(target, method, path, headers=None, root_path="", where=""):
    """(how the request is shown, the response) for one request to an app."""
    sent = ", ".join(f"{name}: {value}" for name, value in (headers or {}).items()) or "no Authorization"
    shown = f"{method} {path} ({sent}{where})"
    try:
        return shown, call_asgi(target, method=method, path=path, headers=headers, root_path=root_path)
    except AssertionError as error:
        raise AssertionError(
            f"{error} (the request: {shown})\nHint: answer every request with a status: a header you cannot read "
            "is a 401 from require_token, never an exception."
        ) from None


def _refused(target, method, path, headers=None, advice="", where=""):
    """The request must get require_token's 401, with its body and challenge."""
    shown, response = _request(target, method, path, headers, where=where)
    body = json_of(response) if response.header("content-type") == b"application/json" else response.body[:80]
    assert response.status == 401 and body == {"detail": "Not authenticated"}, (
        f"{shown} should get 401 and {{'detail': 'Not authenticated'}}, got {response.status!r} {body!r}. "
        f"Hint: {advice or 'every route of the admin router requires a valid token.'}"
    )
    assert response.header("www-authenticate") == b"Bearer", (
        f"{shown}: the 401 should carry 'WWW-Authenticate: Bearer', got {response.header('www-authenticate')!r}. "
        "Hint: raise the same HTTPException, with headers={'WWW-Authenticate': 'Bearer'}, for every refusal."
    )


def _dependencies_of(route):
    return [getattr(d, "dependency", None) for d in getattr(route, "dependencies", None) or []]


def _ids_listed(response):
    """The ids GET /v1/books listed, or what it answered when that is no list of books."""
    data = json_of(response)
    if response.status == 200 and isinstance(data, list) and all(isinstance(book, dict) for book in data):
        return [book.get("id") for book in data]
    return (response.status, data)


def _sample_path(path):
    """A path of the route with 1 for each parameter: /admin/books/{book_id} gives /admin/books/1."""
    return "/".join("1" if part.startswith("{") else part for part in path.split("/"))


# The router object: an APIRouter named admin, with its own prefix.
_router = globals().get("admin")
assert isinstance(_router, _APIRouter), (
    f"admin should be an APIRouter, got {type(_router).__name__}. "
    "Hint: admin = APIRouter(prefix='/admin', dependencies=[Depends(require_token)])."
)
assert _router.prefix == "/admin", (
    f"The router's own prefix should be '/admin', got {_router.prefix!r}. Hint: the router says where its routes "
    "live, APIRouter(prefix='/admin'), and the app adds the version when it includes it: "
    "app.include_router(admin, prefix='/v1'); the two prefixes add up."
)
_admin_routes = [route for route in app.routes if getattr(route, "path", "").startswith("/v1/admin/")]
assert {route.path for route in _admin_routes} >= {"/v1/admin/whoami", "/v1/admin/books/{book_id}"}, (
    f"The app should have the routes /v1/admin/whoami and /v1/admin/books/{{book_id}}, it has "
    f"{sorted(route.path for route in _admin_routes)}. Hint: include_router copies the routes the router has when "
    "it is called: call app.include_router(admin, prefix='/v1') after the @admin routes, and only once."
)

# Every route of the router in the app requires the token, whatever its method and path.
for _route in _admin_routes:
    for _method in sorted(getattr(_route, "methods", None) or ["GET"]):
        _path = _sample_path(_route.path)
        if require_token in _dependencies_of(_route) or require_token in [
            getattr(d, "dependency", None) for d in _router.dependencies
        ]:
            _advice = "every route of the admin router requires a valid token."
        else:
            _advice = (
                "this route of the router does not depend on require_token: put the dependency on the router, "
                "APIRouter(..., dependencies=[Depends(require_token)]), and it protects all its routes."
            )
        _refused(app, _method, _path, advice=_advice)
        _refused(app, _method, _path, {"authorization": "Bearer wrong"}, advice=_advice)


# A route added to the router later, in another app that includes it: protected too.
def _probe():
    return {"probe": True}


_call(_router.add_api_route, "/_probe", _probe, methods=["GET"], described_as="admin.add_api_route('/_probe', ...)")
try:
    _other = _FastAPI()
    _call(_other.include_router, _router, described_as="FastAPI().include_router(admin)")
    _on_router = require_token in [getattr(d, "dependency", None) for d in _router.dependencies]
    if _on_router:
        _advice = "every route of the admin router requires a valid token."
    elif any(require_token in _dependencies_of(route) for route in _router.routes):
        _advice = (
            "the dependency is on each route, not on the router: a route added later has none. Put it on the "
            "router, APIRouter(..., dependencies=[Depends(require_token)])."
        )
    else:
        _advice = (
            "the dependency is not on the router: put it on the APIRouter, not on include_router(..., "
            "dependencies=...), so that the router protects its routes in any app that includes it."
        )
    _refused(_other, "GET", "/admin/_probe", advice=_advice, where="; a route added to admin later, in another app")
    _shown, _response = _request(_other, "GET", "/admin/_probe", _ALICE, where="; in another app")
    assert _response.status == 200, (
        f"{_shown} should get 200: the token is valid, got {_response.status!r} {_response.body[:80]!r}. "
        "Hint: require_token should return the user, not raise, for a valid token."
    )
finally:
    _router.routes[:] = [route for route in _router.routes if getattr(route, "endpoint", None) is not _probe]

# The prefixes add up: the router keeps /admin wherever it is included.
_v2 = _FastAPI()
_call(_v2.include_router, _router, prefix="/v2", described_as="FastAPI().include_router(admin, prefix='/v2')")
_shown, _response = _request(_v2, "GET", "/v2/admin/whoami", _BOB, where="; admin included under /v2")
assert _response.status == 200 and json_of(_response) == {"user": "bob"}, (
    f"{_shown} should get 200 and {{'user': 'bob'}}, got {_response.status!r} {_response.body[:80]!r}. "
    "Hint: the router's prefix is its own, '/admin'; the app adds '/v1' when it includes it."
)
for _path in ("/admin/whoami", "/v1/admin/admin/whoami", "/v1/v1/admin/whoami", "/v1/whoami"):
    _shown, _response = _request(app, "GET", _path, _ALICE)
    assert _response.status == 404, (
        f"{_shown} should get 404, got {_response.status!r} {_response.body[:80]!r}. Hint: the router has the "
        "prefix '/admin' and is included once, under '/v1': its routes live under /v1/admin/ only."
    )

# Reading the Authorization header.
for _value, _user in (
    ("Bearer s3cret-alice", "alice"),
    ("Bearer t0ken-bob", "bob"),
    ("bearer t0ken-bob", "bob"),
    ("BEARER s3cret-alice", "alice"),
    ("BeArEr t0ken-bob", "bob"),
):
    _shown, _response = _request(app, "GET", "/v1/admin/whoami", {"authorization": _value})
    _got = json_of(_response) if _response.status == 200 else _response.body[:80]
    assert _response.status == 200 and _got == {"user": _user}, (
        f"{_shown} should get 200 and {{'user': {_user!r}}}, got {_response.status!r} {_got!r}. Hint: the "
        "authentication scheme is case-insensitive (RFC 9110, section 11.1): compare scheme.lower() with 'bearer'; "
        "the token itself is compared exactly."
    )
for _value in (
    "Bearer",
    "Bearer ",
    "Bearer S3CRET-ALICE",
    "Bearer s3cret-alice t0ken-bob",
    "Bearer xs3cret-alicex",
    "Bearer s3cret",
    "Basic s3cret-alice",
    "Token s3cret-alice",
    "s3cret-alice",
    "Bearers3cret-alice",
    "alice",
    "Bearer alice",
    "Bearer café",
    "",
):
    _refused(
        app,
        "GET",
        "/v1/admin/whoami",
        {"authorization": _value},
        advice="accept only 'Bearer', in any case, a space, then a token of TOKENS exactly; for anything else, "
        "including a header that cannot be split in two, raise the 401: never let an IndexError or a ValueError "
        "become a 500.",
    )

# Deleting a book: the token first, then the book.
_refused(app, "DELETE", "/v1/admin/books/2")
_refused(app, "DELETE", "/v1/admin/books/abc", advice="the router's dependency runs before the path is validated.")
_shown, _response = _request(app, "GET", "/v1/books")
assert _ids_listed(_response) == [1, 2, 3], (
    f"A refused DELETE changed the books: {_shown} now gives {_response.body[:80]!r}. "
    "Hint: the dependency raises before the path operation runs; do not delete anything before it has."
)
for _attempt in (1, 2):
    _shown, _response = _request(app, "DELETE", "/v1/admin/books/2", _BOB)
    if _attempt == 1:
        assert _response.status == 204 and _response.body == b"", (
            f"{_shown} should get 204 with an empty body, got {_response.status!r} {_response.body[:80]!r}. "
            "Hint: @admin.delete('/books/{book_id}', status_code=204), and return nothing."
        )
    else:
        _got = json_of(_response)
        assert _response.status == 404 and _got == {"detail": "Book not found"}, (
            f"{_shown}, the book being gone, should get 404 and {{'detail': 'Book not found'}}, got "
            f"{_response.status!r} {_got!r}. Hint: raise HTTPException(status_code=404, detail='Book not found') "
            "when book_id is not a key of BOOKS."
        )
_shown, _response = _request(app, "GET", "/v1/books")
assert _ids_listed(_response) == [1, 3], (
    f"After DELETE /v1/admin/books/2, {_shown} should list the books 1 and 3, got {_response.body[:80]!r}. "
    "Hint: del BOOKS[book_id]."
)
BOOKS[0] = "Ulysses"  # added last, listed first
_shown, _response = _request(app, "GET", "/v1/books")
assert _ids_listed(_response) == [0, 1, 3], (
    f"With a book 0 added to BOOKS last, {_shown} should list the ids [0, 1, 3], got {_response.body[:80]!r}. "
    "Hint: keep list_books as given: it sorts the ids, sorted(BOOKS)."
)
del BOOKS[0]
_shown, _response = _request(app, "DELETE", "/v1/admin/books/99", _ALICE)
assert _response.status == 404 and json_of(_response) == {"detail": "Book not found"}, (
    f"{_shown} (no such book) should get 404 and {{'detail': 'Book not found'}}, got {_response.status!r} "
    f"{_response.body[:80]!r}. Hint: check that book_id is a key of BOOKS before deleting it."
)

# Routes outside the router: no token needed, and a bad one changes nothing.
for _headers in (None, {"authorization": "Bearer wrong"}, {"authorization": "Basic x"}, _ALICE):
    _shown, _response = _request(app, "GET", "/v1/books", _headers)
    assert _response.status == 200, (
        f"{_shown} should get 200: /v1/books is outside the admin router, got {_response.status!r} "
        f"{_response.body[:80]!r}. Hint: depend on require_token in the admin router only."
    )

# Routing comes first: no route, or another method, is answered before any dependency runs.
for _method, _path, _status in (
    ("GET", "/v1/admin/nothing", 404),
    ("GET", "/v1/admin", 404),
    ("HEAD", "/v1/admin/whoami", 405),
    ("POST", "/v1/admin/whoami", 405),
    ("GET", "/v1/admin/books/1", 405),
):
    _shown, _response = _request(app, _method, _path)
    assert _response.status == _status, (
        f"{_shown} should get FastAPI's {_status}, got {_response.status!r} {_response.body[:80]!r}. Hint: declare "
        "each route with its own method (@admin.get, @admin.delete): FastAPI finds the route, or answers 404 or 405, "
        "before it runs any dependency."
    )

# Mounted under a prefix (ASGI root_path).
_shown, _response = _request(app, "GET", "/api/v1/admin/whoami", _ALICE, root_path="/api", where="; mounted at /api")
assert _response.status == 200 and json_of(_response) == {"user": "alice"}, (
    f"{_shown} should get 200 and {{'user': 'alice'}}, got {_response.status!r} {_response.body[:80]!r}. "
    "Hint: declare the paths without the mount point: FastAPI strips root_path before matching."
)

# The way tests swap the dependency: app.dependency_overrides.
try:
    app.dependency_overrides[require_token] = lambda: "tester"
    _shown, _response = _request(app, "GET", "/v1/admin/whoami", where="; require_token overridden")
    _got = json_of(_response) if _response.header("content-type") == b"application/json" else _response.body[:80]
    assert _response.status == 200 and _got == {"user": "tester"}, (
        f"{_shown} should get 200 and {{'user': 'tester'}}, got {_response.status!r} {_got!r}. Hint: whoami takes "
        "user: Annotated[str, Depends(require_token)]: FastAPI replaces what Depends names, but a direct call "
        "require_token(...) in the function body is not replaced by the override."
    )
    _shown, _response = _request(app, "DELETE", "/v1/admin/books/3", where="; require_token overridden")
    assert _response.status == 204, (
        f"{_shown} should get 204, got {_response.status!r} {_response.body[:80]!r}. Hint: protect the routes with "
        "Depends(require_token), the very function, so that app.dependency_overrides[require_token] replaces it."
    )
    _refused(_v2, "GET", "/v2/admin/whoami", where="; overridden in app, not in this other app")
finally:
    app.dependency_overrides.clear()
_refused(app, "GET", "/v1/admin/whoami", where="; override removed")
