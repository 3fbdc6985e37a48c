# --- PYODIDE:env --- #
from course_helpers import packages as _packages

await _packages.require("flask")
_g = _packages.import_after_require("flask", "g")  # the checks' own g: the learner may import flask otherwise

import copy as _copy

from course_helpers.checks import call as _call

# Who is who. A front end that has checked the session sets the header X-User to one of these
# names, exactly; any other value means nobody is logged in.
ROLES = {"alice": "member", "bob": "member", "carol": "member", "dave": "reader", "root": "admin"}
ROLE_PERMISSIONS = {
    "reader": {"notes:read"},
    "member": {"notes:read", "notes:write"},
    "admin": {"notes:read", "notes:write", "users:read"},
}
_FIRST_NOTES = {  # not in id order, as a dict filled by hand may be
    2: {"id": 2, "owner": "bob", "text": "bob: wifi password is hunter2"},
    4: {"id": 4, "owner": "dave", "text": "dave: read chapter 4"},
    1: {"id": 1, "owner": "alice", "text": "alice: dentist on Tuesday"},
    3: {"id": 3, "owner": "root", "text": "root: rotate the backup keys"},
}
NOTES = _copy.deepcopy(_FIRST_NOTES)


def _reset_notes():
    """Put the four first notes back, as they were."""
    NOTES.clear()
    NOTES.update(_copy.deepcopy(_FIRST_NOTES))


# --- PYODIDE:code --- #
from flask import Flask, abort, g, request

app = Flask(__name__)


def current_user():
    return request.headers.get("X-User")


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/notes")
def list_notes():
    user = current_user()
    if user is None:
        abort(401)
    return [NOTES[i] for i in sorted(NOTES) if NOTES[i]["owner"] == user]


@app.post("/notes")
def create_note():
    if current_user() is None:
        abort(401)
    note_id = max(NOTES, default=0) + 1
    NOTES[note_id] = {"id": note_id, "owner": current_user(), "text": request.get_data(as_text=True)}
    return NOTES[note_id], 201


@app.get("/notes/<int:note_id>")
def read_note(note_id):
    if current_user() is None:
        abort(401)
    if note_id not in NOTES:
        abort(404)
    if NOTES[note_id]["owner"] != current_user():
        abort(403)
    return NOTES[note_id]


@app.put("/notes/<int:note_id>")
def update_note(note_id):
    if note_id not in NOTES:
        abort(404)
    NOTES[note_id]["text"] = request.get_data(as_text=True)
    return NOTES[note_id]


@app.delete("/notes/<int:note_id>")
def delete_note(note_id):
    if note_id not in NOTES:
        abort(404)
    del NOTES[note_id]
    return "", 204


@app.get("/notes/<int:note_id>/export")
def export_note(note_id):
    if note_id not in NOTES:
        abort(404)
    return NOTES[note_id]["text"], 200, {"Content-Type": "text/plain; charset=utf-8"}


@app.get("/users")
def list_users():
    return {"users": sorted(ROLES)}


# --- PYODIDE:corr --- #
from flask import Flask, abort, g, request

app = Flask(__name__)

PUBLIC = {"health"}
PERMISSIONS = {
    "list_notes": "notes:read",
    "create_note": "notes:write",
    "read_note": "notes:read",
    "update_note": "notes:write",
    "delete_note": "notes:write",
    "export_note": "notes:read",
    "list_users": "users:read",
}


@app.before_request
def deny_by_default():
    if request.endpoint is None:  # no route for this URL or method: Flask answers 404 or 405
        return None
    name = request.headers.get("X-User")
    g.user = name if name in ROLES else None  # exactly a known name, or nobody
    if request.endpoint in PUBLIC:
        return None
    if g.user is None:
        abort(401)
    needed = PERMISSIONS.get(request.endpoint)  # None for an endpoint nobody listed: no role holds None
    if needed not in ROLE_PERMISSIONS[ROLES[g.user]]:
        abort(403)


def visible_note(note_id):
    """The note, if the current user may see it; otherwise 404, whether it exists or not."""
    note = NOTES.get(note_id)
    if note is None or (note["owner"] != g.user and ROLES[g.user] != "admin"):
        abort(404)
    return note


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/notes")
def list_notes():
    everyone = ROLES[g.user] == "admin"
    return [NOTES[i] for i in sorted(NOTES) if everyone or NOTES[i]["owner"] == g.user]


@app.post("/notes")
def create_note():
    note_id = max(NOTES, default=0) + 1
    NOTES[note_id] = {"id": note_id, "owner": g.user, "text": request.get_data(as_text=True)}
    return NOTES[note_id], 201


@app.get("/notes/<int:note_id>")
def read_note(note_id):
    return visible_note(note_id)


@app.put("/notes/<int:note_id>")
def update_note(note_id):
    note = visible_note(note_id)
    note["text"] = request.get_data(as_text=True)
    return note


@app.delete("/notes/<int:note_id>")
def delete_note(note_id):
    visible_note(note_id)
    del NOTES[note_id]
    return "", 204


@app.get("/notes/<int:note_id>/export")
def export_note(note_id):
    note = visible_note(note_id)
    return note["text"], 200, {"Content-Type": "text/plain; charset=utf-8"}


@app.get("/users")
def list_users():
    return {"users": sorted(ROLES)}


# --- PYODIDE:tests --- #
_client = app.test_client()


def _ask(method, path, user=None, **options):
    """One request, as `user` (None: nobody logged in), on fresh notes."""
    _reset_notes()
    headers = {} if user is None else {"X-User": user}
    return _call(
        _client.open,
        path,
        method=method,
        headers=headers,
        **options,
        described_as=f"{method} {path} as {user or 'nobody'}",
        advice="A before_request hook answers with abort(401) or abort(403); a view with abort(404).",
    )


_response = _ask("GET", "/notes/1", "alice")
assert _response.status_code == 200 and _response.get_json() == _FIRST_NOTES[1], (
    f"alice reading her own note 1 got {_response.status_code} {_response.get_data(as_text=True)[:80]!r}. "
    "Hint: a member has 'notes:read'; let the owner through, and return the note."
)
_response = _ask("GET", "/notes", None)
assert _response.status_code == 401, (
    f"GET /notes without X-User got {_response.status_code}. Hint: nobody logged in on a protected endpoint is 401."
)
_response = _ask("GET", "/notes/1", "bob")
assert _response.status_code == 404, (
    f"bob asked for alice's note 1 and got {_response.status_code}. Hint: another user's note answers 404, exactly "
    "as a note that does not exist, so that bob cannot tell which ids exist."
)
_response = _ask("DELETE", "/notes/4", "dave")
assert _response.status_code == 403 and 4 in NOTES, (
    f"dave (a reader) deleting his own note got {_response.status_code}. Hint: a reader lacks 'notes:write': 403, "
    "and the note stays."
)

# --- PYODIDE:secrets --- #
_client = app.test_client()
_USERS = (None, "dave", "carol", "bob", "alice", "root")
_METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")
# (path, method) -> (the permission it needs, the owner of the note it touches); HEAD is GET.
_ROUTES = {
    ("/health", "GET"): (None, None),
    ("/notes", "GET"): ("notes:read", None),
    ("/notes", "POST"): ("notes:write", None),
    ("/notes/1", "GET"): ("notes:read", "alice"),
    ("/notes/1", "PUT"): ("notes:write", "alice"),
    ("/notes/1", "DELETE"): ("notes:write", "alice"),
    ("/notes/1/export", "GET"): ("notes:read", "alice"),
    ("/users", "GET"): ("users:read", None),
}
_SUCCESS = {"GET": 200, "HEAD": 200, "POST": 201, "PUT": 200, "DELETE": 204}


def _who(user):
    return "nobody (no X-User)" if user is None else f"X-User {user!r}"


def _send(method, path, user=None, headers=(), **options):
    """One request on fresh notes; a crash of the app becomes a message."""
    _reset_notes()
    sent = dict(headers)
    if user is not None:
        sent["X-User"] = user
    return _call(
        _client.open,
        path,
        method=method,
        headers=sent,
        **options,
        described_as=f"{method} {path} as {_who(user)}",
        advice="Let the hook decide who may call the endpoint, and let a view answer 404 for a note it may not see.",
    )


def _expected(method, path, user):
    key = (path, "GET" if method == "HEAD" else method)
    if key not in _ROUTES:
        return 405
    needed, owner = _ROUTES[key]
    if needed is None:
        return 200
    if user is None:
        return 401
    role = ROLES[user]
    if needed not in ROLE_PERMISSIONS[role]:
        return 403
    if owner is not None and owner != user and role != "admin":
        return 404
    return _SUCCESS[method]


_WHY = {
    401: (
        "nobody is logged in",
        "refuse with 401 in a before_request hook, for every method of every endpoint that is not public "
        "(HEAD runs the GET view, so it needs the same check).",
    ),
    403: (
        "the role lacks the permission the endpoint needs",
        "look the endpoint up in PERMISSIONS, the permission up in ROLE_PERMISSIONS[ROLES[user]], and answer 403.",
    ),
    404: (
        "the note belongs to someone else",
        "answer 404, as for a note that does not exist (admins excepted). Every view that takes a note_id needs "
        "the owner check: DELETE, PUT and export included.",
    ),
    405: (
        "no route serves this method",
        "leave it to Flask's 405: the hook does nothing when request.endpoint is None.",
    ),
}

for _path in sorted({path for path, _ in _ROUTES}):
    for _method in _METHODS:
        for _user in _USERS:
            _status = _expected(_method, _path, _user)
            _response = _send(_method, _path, _user, data="changed")
            _got = _response.status_code
            if _status >= 400 and _got < 300:
                raise AssertionError(
                    f"{_method} {_path} as {_who(_user)} answered {_got}: the request went through. "
                    f"It needed {_status}: {_WHY[_status][0]}. Hint: {_WHY[_status][1]}"
                )
            assert _got == _status, (
                f"{_method} {_path} as {_who(_user)} answered {_got}, expected {_status}. "
                f"Hint: {_WHY[_status][1] if _status in _WHY else 'let a user who may call the endpoint and see the note through.'}"
            )
            if _status >= 400:
                assert NOTES == _FIRST_NOTES, (
                    f"{_method} {_path} as {_who(_user)} answered {_got}, yet the notes changed: {NOTES!r}. "
                    "Hint: refuse before changing anything (check first, then act)."
                )
                _leaked = [n["id"] for n in _FIRST_NOTES.values() if n["text"] in _response.get_data(as_text=True)]
                assert not _leaked, (
                    f"{_method} {_path} as {_who(_user)} answered {_got} with the text of note(s) {_leaked}. "
                    "Hint: an error response carries no note."
                )

for _path in sorted({path for path, _ in _ROUTES}):
    _response = _send("OPTIONS", _path)
    _status = 200 if _path == "/health" else 401
    assert _response.status_code == _status, (
        f"OPTIONS {_path} as nobody answered {_response.status_code}, expected {_status}. Hint: OPTIONS reaches the "
        "hook with the endpoint of the URL's first route: the same table decides, public endpoints stay open."
    )
for _user in _USERS:
    _response = _send("OPTIONS", "/notes/1", _user)
    assert _response.status_code in ((401,) if _user is None else (200,)), (
        f"OPTIONS /notes/1 as {_who(_user)} answered {_response.status_code}. Hint: OPTIONS goes through the same "
        "hook (401 for nobody); Flask then answers it itself with the Allow header, without calling the view."
    )

for _user, _seen in (("alice", [1]), ("dave", [4]), ("carol", []), ("root", [1, 2, 3, 4])):
    _response = _send("GET", "/notes", _user)
    _ids = [n.get("id") for n in _response.get_json() or [] if isinstance(n, dict)]
    assert _ids == _seen, (
        f"GET /notes as {_user} listed the notes {_ids}, expected {_seen}. Hint: a list endpoint filters too: "
        "the user's own notes, all of them for an admin."
    )

for _user in ("carol", "root"):
    _reset_notes()
    _response = _call(
        _client.post, "/notes", headers={"X-User": _user}, data="new note", described_as=f"POST /notes as {_user}"
    )
    _created = _response.get_json() or {}
    assert _response.status_code == 201 and _created.get("owner") == _user and NOTES.get(5, {}).get("owner") == _user, (
        f"POST /notes as {_user} got {_response.status_code} {_created!r}. Hint: the new note belongs to g.user."
    )
    _response = _call(_client.get, "/notes/5", headers={"X-User": "bob"}, described_as="GET /notes/5 as bob")
    assert _response.status_code == 404, (
        f"bob read the note {_user} just created ({_response.status_code}). Hint: the owner check applies to every note."
    )

for _method, _path in (("GET", "/notes/2"), ("DELETE", "/notes/2"), ("PUT", "/notes/2"), ("GET", "/notes/2/export")):
    _response = _send(_method, _path, "root", data="by root")
    assert _response.status_code == _SUCCESS[_method], (
        f"{_method} {_path} as root (admin) got {_response.status_code}. Hint: an admin sees every user's notes."
    )

# Legitimate use: each view still does its job.
_response = _send("GET", "/health")
assert _response.get_json() == {"status": "ok"}, (
    f"GET /health gave {_response.get_data(as_text=True)[:80]!r}. Hint: keep the view as it was: {{'status': 'ok'}}."
)
_response = _send("GET", "/users", "root")
assert _response.get_json() == {"users": sorted(ROLES)}, (
    f"GET /users as root gave {_response.get_data(as_text=True)[:80]!r}. Hint: keep the view: {{'users': sorted(ROLES)}}."
)
_reset_notes()
NOTES.clear()
_response = _call(
    _client.post, "/notes", headers={"X-User": "carol"}, data="first", described_as="POST /notes, no notes"
)
_note = {"id": 1, "owner": "carol", "text": "first"}
assert _response.status_code == 201 and _response.get_json() == _note and {1: _note} == NOTES, (
    f"POST /notes with no notes at all gave {_response.status_code} {_response.get_json()!r}, notes {NOTES!r}. "
    f"Hint: keep the view: the new note is {_note!r} (max(NOTES, default=0) + 1), answered with 201."
)
_response = _send("PUT", "/notes/1", "alice", data="changed")
_note = {"id": 1, "owner": "alice", "text": "changed"}
assert _response.status_code == 200 and _response.get_json() == _note and NOTES[1] == _note, (
    f"PUT /notes/1 as alice gave {_response.status_code} {_response.get_json()!r}, stored {NOTES[1]!r}. "
    "Hint: the owner may change her note: store the body as its text and answer the note."
)
_response = _send("DELETE", "/notes/1", "alice")
assert (_response.status_code, _response.data) == (204, b"") and 1 not in NOTES and 2 in NOTES, (
    f"DELETE /notes/1 as alice gave {_response.status_code} {_response.data!r}, notes left {sorted(NOTES)}. "
    "Hint: the owner may delete her note: remove it and answer 204 with an empty body."
)
_response = _send("GET", "/notes/1/export", "alice")
assert (_response.status_code, _response.content_type, _response.get_data(as_text=True)) == (
    200,
    "text/plain; charset=utf-8",
    _FIRST_NOTES[1]["text"],
), (
    f"GET /notes/1/export as alice gave {_response.status_code} {_response.content_type!r}. Hint: keep the view: "
    "the note's text as text/plain; charset=utf-8."
)

# --- payloads ---
USER_PAYLOADS = [
    "Alice",
    " alice",
    "alice ",
    "ROOT",
    "root\t",
    "ｒｏｏｔ",
    "",
    "admin",
    "member",
    "alice, root",
    "*",
    "null",
    "None",
    "0",
]
for _value in USER_PAYLOADS:
    for _method, _path in (("GET", "/notes"), ("GET", "/users"), ("DELETE", "/notes/1"), ("GET", "/notes/1/export")):
        _response = _send(_method, _path, _value)
        if _response.status_code != 401:
            _body = _response.get_data(as_text=True)
            if _FIRST_NOTES[1]["text"] in _body or (_path == "/users" and _response.status_code == 200):
                _what = "it was taken for a real user"
                _advice = "compare the header with ROLES' keys exactly: no strip(), no lower(); 'Alice' is not alice."
            else:
                _what = "an unknown user must be nobody"
                _advice = (
                    "never give a default role (ROLES.get(name, 'reader')); g.user = name if name in ROLES else None."
                )
            raise AssertionError(
                f"{_method} {_path} with X-User {_value!r} answered {_response.status_code}: {_what}. Hint: {_advice}"
            )

ID_PAYLOADS = ["1", "3", "0", "-1", "01", "%31", "99999999999999999999", "abc", "1.0", "1%00", "1 ", "0x1", "1;"]
_missing = _send("GET", "/notes/424242", "carol")
for _value in ID_PAYLOADS:
    for _suffix in ("", "/export"):
        _response = _send("GET", f"/notes/{_value}{_suffix}", "carol")
        assert (
            (_response.status_code, _response.data) == (_missing.status_code, _missing.data) == (404, _missing.data)
        ), (
            f"carol (a member with no notes) asked for /notes/{_value}{_suffix} and got {_response.status_code} "
            f"{_response.get_data(as_text=True)[:60]!r}, while a note that does not exist gives {_missing.status_code}. "
            "Hint: another user's note must look exactly like a missing one (same 404, same body): an id that answers "
            "differently tells an attacker it exists."
        )

OVERRIDE_PAYLOADS = [
    ("X-HTTP-Method-Override", "DELETE"),
    ("X-HTTP-Method", "DELETE"),
    ("X-Method-Override", "DELETE"),
]
for _header, _value in OVERRIDE_PAYLOADS:
    for _user in ("bob", "dave"):
        _response = _send("POST", "/notes/1", _user, headers={_header: _value})
        assert _response.status_code == 405 and NOTES == _FIRST_NOTES, (
            f"POST /notes/1 with {_header}: {_value} as {_user} answered {_response.status_code}, notes now {sorted(NOTES)}. "
            "Hint: do not honour method-override headers: the checks ran on POST, the request would run as DELETE."
        )

PATH_PAYLOADS = ["/nope", "/notes/", "/NOTES", "/users/", "/notes/1/edit", "/admin", "/notes/1/export/", "//users"]
for _path in PATH_PAYLOADS:
    for _user in (None, "root"):
        _response = _send("GET", _path, _user)
        assert _response.status_code == 404, (
            f"GET {_path} (no such route) as {_who(_user)} answered {_response.status_code}. Hint: when no route "
            "matches, request.endpoint is None: let it through the hook so that Flask answers 404 as before."
        )


# A route a colleague adds later, without touching PERMISSIONS: deny by default must cover it.
def _share_note(note_id):
    return {"shared": note_id}


app._got_first_request = False  # Flask refuses new routes once it has served a request; the checks add one anyway
app.add_url_rule("/notes/<int:note_id>/share", "share_note", _share_note, methods=["POST"])
for _user, _status in ((None, 401), ("alice", 403), ("root", 403)):
    _response = _send("POST", "/notes/1/share", _user)
    if _response.status_code != _status:
        _hint = (
            "an admin gets what the table grants, no more: no 'if admin: return' before the lookup."
            if _user == "root"
            else "an endpoint missing from PERMISSIONS is refused: PERMISSIONS.get(endpoint) is None means 403."
        )
        raise AssertionError(
            f"POST /notes/1/share, a route added after your code and not in PERMISSIONS, answered "
            f"{_response.status_code} to {_who(_user)}, expected {_status}. Hint: {_hint}"
        )
PERMISSIONS["share_note"] = "notes:write"
_response = _send("POST", "/notes/1/share", "alice")
assert _response.status_code == 200, (
    f"Once PERMISSIONS lists 'share_note', alice got {_response.status_code}. Hint: read PERMISSIONS on each request, "
    "keyed by request.endpoint."
)


# A public page added later whose view reads g.user, as a page showing "logged in as ..." would.
def _whoami():
    return {"user": _g.user}


app._got_first_request = False
app.add_url_rule("/whoami", "whoami", _whoami)
assert isinstance(PUBLIC, set), (
    f"PUBLIC is {PUBLIC!r}, not a set: the checks could not add a public endpoint to it. "
    'Hint: declare PUBLIC = {"health"}, a set of endpoint names, and let the hook look the endpoint up in it.'
)
PUBLIC.add("whoami")
for _user, _seen in (("alice", "alice"), (None, None), ("Alice", None)):
    _response = _send("GET", "/whoami", _user)
    if _response.status_code == 500:
        raise AssertionError(
            f"GET /whoami, a public endpoint whose view reads g.user, answered 500 to {_who(_user)}: g.user was not "
            "set (AttributeError): the hook let this public endpoint through without setting it. Hint: set "
            "g.user (the name, or None) first, on every request that matched a route, and only then let a public "
            "endpoint through."
        )
    _got = (_response.get_json(silent=True) or {}).get("user", "<no 'user' in the answer>")
    assert _response.status_code == 200 and _got == _seen, (
        f"GET /whoami, a public endpoint whose view returns g.user, answered {_response.status_code} with user "
        f"{_got!r} to {_who(_user)}, expected 200 and {_seen!r}. Hint: a public endpoint needs no login, but the hook "
        "still sets g.user (the name if it is exactly a key of ROLES, else None) before letting it through."
    )
