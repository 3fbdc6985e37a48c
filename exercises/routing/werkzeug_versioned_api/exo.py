# --- PYODIDE:env --- #
from course_helpers.checks import returning as _returning
from course_helpers.packages import require as _require

await _require("werkzeug")

# --- PYODIDE:code --- #
from urllib.parse import unquote

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import EndpointPrefix, Map, RequestRedirect, Rule, Submount

url_map = Map(
    [
        # Your rules here.
    ]
)


def resolve(method, path): ...


def link(endpoint, **values): ...


# --- PYODIDE:corr --- #
from urllib.parse import unquote

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import EndpointPrefix, Map, RequestRedirect, Rule, Submount

url_map = Map(
    [
        Submount(
            "/v1",
            [
                EndpointPrefix(
                    "v1.",
                    [
                        Rule("/users/", endpoint="users", methods=["GET"]),
                        Rule("/users/<int:user_id>", endpoint="user", methods=["GET"]),
                    ],
                )
            ],
        ),
        Submount(
            "/v2",
            [
                EndpointPrefix(
                    "v2.",
                    [
                        Rule("/users/", endpoint="users", methods=["GET", "POST"]),
                        Rule("/users/<int:user_id>", endpoint="user", methods=["GET", "PATCH", "DELETE"]),
                        Rule("/teams/<slug>/", endpoint="team", methods=["GET"]),
                    ],
                )
            ],
        ),
    ]
)


def resolve(method, path):
    adapter = url_map.bind("api.example.org")
    try:
        endpoint, args = adapter.match(unquote(path), method=method)
    except RequestRedirect as redirect:
        return {"status": 308, "location": redirect.new_url}
    except MethodNotAllowed as error:
        return {"status": 405, "allow": sorted(error.valid_methods)}
    except NotFound:
        return {"status": 404}
    return {"status": 200, "endpoint": endpoint, "args": args}


def link(endpoint, **values):
    return url_map.bind("api.example.org").build(endpoint, values)


# --- PYODIDE:tests --- #
_result = _returning(dict, resolve, "GET", "/v1/users/7")
assert _result == {"status": 200, "endpoint": "v1.user", "args": {"user_id": 7}}, (
    f"GET /v1/users/7 should match endpoint 'v1.user' with user_id 7 (an int), got {_result!r}. "
    "Hint: put the v1 rules in Submount('/v1', [EndpointPrefix('v1.', [...])]) and take the id with <int:user_id>."
)
_result = _returning(dict, resolve, "GET", "/v2/users/7")
assert _result == {"status": 200, "endpoint": "v2.user", "args": {"user_id": 7}}, (
    f"GET /v2/users/7 should match endpoint 'v2.user', got {_result!r}. Hint: EndpointPrefix('v2.', [...]) names a version's endpoints."
)
_result = _returning(dict, resolve, "GET", "/v3/users/7")
assert _result == {"status": 404}, (
    f"GET /v3/users/7 (no such version) should give {{'status': 404}}, got {_result!r}. "
    "Hint: catch NotFound from adapter.match and return a dict with the status 404 alone."
)
_built = _returning(str, link, "v2.user", user_id=7)
assert _built == "/v2/users/7", (
    f"link('v2.user', user_id=7) should be '/v2/users/7', got {_built!r}. "
    "Hint: bind url_map to 'api.example.org' and return what the adapter's build(endpoint, values) gives."
)


# --- PYODIDE:secrets --- #
def _resolve(method, path):
    return _returning(
        dict, resolve, method, path, advice="resolve returns a dict for every request: catch each exception of match()."
    )


def _link(endpoint, **values):
    return _returning(str, link, endpoint, **values, advice="link returns the str that build(endpoint, values) gives.")


_result = _resolve("GET", "/v2/users")
assert _result == {"status": 308, "location": "http://api.example.org/v2/users/"}, (
    f"GET /v2/users (no trailing slash) should give {{'status': 308, 'location': 'http://api.example.org/v2/users/'}}, "
    f"got {_result!r}. Hint: catch RequestRedirect on its own and return its new_url."
)
for _method in ("POST", "HEAD"):
    _result = _resolve(_method, "/v2/users")
    assert _result == {"status": 308, "location": "http://api.example.org/v2/users/"}, (
        f"{_method} /v2/users should be redirected (308) too, so the client repeats the {_method} at /v2/users/; "
        f"got {_result!r}. Hint: give the rule /v2/users/ the methods GET and POST (Werkzeug adds HEAD); "
        "it then redirects those methods like a GET."
    )

for _method in ("PUT", "DELETE"):
    _result = _resolve(_method, "/v2/users")
    assert _result == {"status": 404}, (
        f"{_method} /v2/users should give {{'status': 404}}: Werkzeug redirects a missing slash only for a method the "
        f"rule with the slash accepts, and /v2/users/ takes GET and POST; got {_result!r}. "
        "Hint: give the Rule '/users/' of v2 exactly methods=['GET', 'POST']."
    )

_result = _resolve("PUT", "/v2/users/7")
assert _result == {"status": 405, "allow": ["DELETE", "GET", "HEAD", "PATCH"]}, (
    f"PUT /v2/users/7 should give {{'status': 405, 'allow': ['DELETE', 'GET', 'HEAD', 'PATCH']}}, got {_result!r}. "
    "Hint: catch MethodNotAllowed and sort its valid_methods."
)
_result = _resolve("DELETE", "/v1/users/7")
assert _result == {"status": 405, "allow": ["GET", "HEAD"]}, (
    f"v1 is read-only: DELETE /v1/users/7 should give {{'status': 405, 'allow': ['GET', 'HEAD']}}, got {_result!r}. "
    "Hint: a Rule without methods= accepts every method."
)
_result = _resolve("BREW", "/v2/users/")
assert _result == {"status": 405, "allow": ["GET", "HEAD", "POST"]}, (
    f"An unknown method, BREW /v2/users/, should get a 405 with the allowed methods, got {_result!r}. "
    "Hint: pass the method to match() as it is; an unknown one raises MethodNotAllowed like any other."
)
_result = _resolve("HEAD", "/v1/users/")
assert _result == {"status": 200, "endpoint": "v1.users", "args": {}}, (
    f"HEAD /v1/users/ should match 'v1.users' (Werkzeug adds HEAD wherever GET is allowed), got {_result!r}. "
    "Hint: list GET in the rule's methods and call adapter.match(path, method=method) with the request's method."
)

# Every rule of the table, with every method: 200 where the table allows it (HEAD with GET), 405 elsewhere.
for _path, _endpoint, _args, _methods in (
    ("/v1/users/", "v1.users", {}, {"GET"}),
    ("/v1/users/0", "v1.user", {"user_id": 0}, {"GET"}),
    ("/v2/users/", "v2.users", {}, {"GET", "POST"}),
    ("/v2/users/123", "v2.user", {"user_id": 123}, {"GET", "PATCH", "DELETE"}),
    ("/v2/teams/dev/", "v2.team", {"slug": "dev"}, {"GET"}),
):
    _allowed = sorted(_methods | {"HEAD"})
    for _method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
        _expected = (
            {"status": 200, "endpoint": _endpoint, "args": _args}
            if _method in _allowed
            else {"status": 405, "allow": _allowed}
        )
        _result = _resolve(_method, _path)
        if _result.get("status") == 200 and _expected["status"] == 405:
            _advice = (
                f"the table gives {_endpoint} the methods {sorted(_methods)} only: list them in its Rule's methods=; "
                "a Rule without methods= accepts every method."
            )
        elif _result.get("status") == 405 and _expected["status"] == 200:
            _advice = f"add {'GET' if _method == 'HEAD' else _method} to the methods of the Rule for {_endpoint}."
        elif _result.get("status") == 405:
            _advice = f"give the Rule for {_endpoint} exactly the methods {sorted(_methods)}, and sort valid_methods."
        else:
            _advice = "check the rule's path, endpoint and converter against the table."
        assert _result == _expected, f"{_method} {_path} should give {_expected!r}, got {_result!r}. Hint: {_advice}"

# Paths that no rule matches, once decoded.
for _path in (
    "/v1/users/abc",
    "/v1/users/-3",
    "/v1/users/%C2%B2",
    "/v2/users/7/",
    "/v2/users/7%0A",
    "/users/7",
    "/v2/teams/",
    "/v2",
    "/",
):
    _result = _resolve("GET", _path)
    assert _result == {"status": 404}, (
        f"GET {_path} should give {{'status': 404}}, got {_result!r}. "
        "Hint: use <int:user_id>, end a rule with '/' only where the table does, and keep each version in its Submount."
    )

# Percent-decoding, once, of a path: '+' stays a plus, '%25' is a '%'.
_result = _resolve("GET", "/v2/teams/caf%C3%A9%20cr%C3%A8me/")
assert _result == {"status": 200, "endpoint": "v2.team", "args": {"slug": "café crème"}}, (
    f"GET /v2/teams/caf%C3%A9%20cr%C3%A8me/ should match 'v2.team' with slug 'café crème', got {_result!r}. "
    "Hint: the path arrives percent-encoded; urllib.parse.unquote(path) before matching."
)
for _raw, _slug in (
    ("c++", "c++"),
    ("a%2Bb", "a+b"),
    ("r%26d", "r&d"),
    ("100%25", "100%"),
    ("%2541", "%41"),
    ("a%0Ab", "a\n" + "b"),
    ("%FF", "\N{REPLACEMENT CHARACTER}"),
):
    _result = _resolve("GET", f"/v2/teams/{_raw}/")
    _expected = {"status": 200, "endpoint": "v2.team", "args": {"slug": _slug}}
    _args = _result.get("args")
    if isinstance(_args, dict) and _args.get("slug") == _slug.replace("+", " ") != _slug:
        _advice = "in a path '+' is a plus; only a query string uses it for a space, so decode with unquote, not unquote_plus."
    else:
        _advice = (
            "decode the path once with urllib.parse.unquote before matching: %25 gives '%', %26 '&', %0A a newline."
        )
    assert _result == _expected, f"GET /v2/teams/{_raw}/ should give {_expected!r}, got {_result!r}. Hint: {_advice}"
_result = _resolve("GET", "/v2/teams/a%2Fb/")
assert _result == {"status": 404}, (
    f"GET /v2/teams/a%2Fb/ should give {{'status': 404}}: decoded, the path is /v2/teams/a/b/, which no rule matches; "
    f"got {_result!r}. Hint: decode the whole path with unquote before matching, as a WSGI server does for PATH_INFO."
)
_result = _resolve("GET", "/v2/teams/caf%C3%A9")
assert _result == {"status": 308, "location": "http://api.example.org/v2/teams/caf%C3%A9/"}, (
    f"GET /v2/teams/caf%C3%A9 should redirect to 'http://api.example.org/v2/teams/caf%C3%A9/', got {_result!r}. "
    "Hint: a location with %25 in it was encoded twice."
)

# link: the path build() gives, encoded, with the values no rule uses in the query string, in their order.
for _endpoint, _values, _expected in (
    ("v1.users", {}, "/v1/users/"),
    ("v2.users", {"page": 2}, "/v2/users/?page=2"),
    ("v2.users", {"page": 2, "sort": "name"}, "/v2/users/?page=2&sort=name"),
    ("v2.users", {"tag": ["a", "b"]}, "/v2/users/?tag=a&tag=b"),
    ("v2.user", {"user_id": 0}, "/v2/users/0"),
    ("v2.team", {"slug": "café crème"}, "/v2/teams/caf%C3%A9%20cr%C3%A8me/"),
    ("v2.team", {"slug": "100%"}, "/v2/teams/100%25/"),
):
    _built = _link(_endpoint, **_values)
    _shown = ", ".join([repr(_endpoint)] + [f"{k}={v!r}" for k, v in _values.items()])
    if _built.startswith("http"):
        _advice = "build a path, not a full URL: leave force_external out."
    elif "%" in _expected and "%" not in _built:
        _advice = "return the path build() gives as it is: Werkzeug already percent-encodes it, so do not decode it."
    elif "?" in _expected and "?" not in _built:
        _advice = "pass every value to build(); Werkzeug puts the values no rule uses in the query string."
    else:
        _advice = "bind url_map and return build(endpoint, values) as it is; check the rule's path against the table."
    assert _built == _expected, f"link({_shown}) should be {_expected!r}, got {_built!r}. Hint: {_advice}"
for _endpoint, _values in [
    ("v1.user", {"user_id": 42}),
    ("v2.team", {"slug": "café crème"}),
    ("v2.team", {"slug": "c++"}),
    ("v2.team", {"slug": "r&d"}),
    ("v2.team", {"slug": "x?y#z"}),
    ("v2.users", {}),
]:
    _result = _resolve("GET", _link(_endpoint, **_values))
    assert _result == {"status": 200, "endpoint": _endpoint, "args": _values}, (
        f"resolve('GET', link({_endpoint!r}, ...)) should lead back to {_endpoint!r} with {_values!r}, got {_result!r}. "
        "Hint: link returns an encoded path and resolve must unquote it before matching, so each undoes the other."
    )
