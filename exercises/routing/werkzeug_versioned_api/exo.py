# --- PYODIDE:env --- #
from course_helpers.packages import require

await require("werkzeug")

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
result = resolve("GET", "/v1/users/7")
assert result == {"status": 200, "endpoint": "v1.user", "args": {"user_id": 7}}, (
    f"GET /v1/users/7 should match endpoint 'v1.user' with user_id 7 (an int), got {result!r}. "
    "Hint: put the v1 rules in Submount('/v1', [EndpointPrefix('v1.', [...])]) and take the id with <int:user_id>."
)
result = resolve("GET", "/v2/users/7")
assert result == {"status": 200, "endpoint": "v2.user", "args": {"user_id": 7}}, (
    f"GET /v2/users/7 should match endpoint 'v2.user', got {result!r}. Hint: EndpointPrefix('v2.', [...]) names a version's endpoints."
)
result = resolve("GET", "/v3/users/7")
assert result == {"status": 404}, (
    f"GET /v3/users/7 (no such version) should give {{'status': 404}}, got {result!r}. "
    "Hint: catch NotFound from adapter.match and return a dict with the status 404 alone."
)
assert link("v2.user", user_id=7) == "/v2/users/7", (
    f"link('v2.user', user_id=7) should be '/v2/users/7', got {link('v2.user', user_id=7)!r}. "
    "Hint: bind url_map to 'api.example.org' and return what the adapter's build(endpoint, values) gives."
)

# --- PYODIDE:secrets --- #
result = resolve("GET", "/v2/users")
assert result == {"status": 308, "location": "http://api.example.org/v2/users/"}, (
    f"GET /v2/users (no trailing slash) should give {{'status': 308, 'location': 'http://api.example.org/v2/users/'}}, "
    f"got {result!r}. Hint: catch RequestRedirect on its own and return its new_url."
)
result = resolve("POST", "/v2/users")
assert result == {"status": 308, "location": "http://api.example.org/v2/users/"}, (
    f"POST /v2/users should be redirected (308) too, so the client repeats the POST at /v2/users/; got {result!r}. "
    "Hint: give the rule /v2/users/ the methods GET and POST; Werkzeug then redirects a POST like a GET."
)

result = resolve("PUT", "/v2/users/7")
assert result == {"status": 405, "allow": ["DELETE", "GET", "HEAD", "PATCH"]}, (
    f"PUT /v2/users/7 should give {{'status': 405, 'allow': ['DELETE', 'GET', 'HEAD', 'PATCH']}}, got {result!r}. "
    "Hint: catch MethodNotAllowed and sort its valid_methods."
)
result = resolve("DELETE", "/v1/users/7")
assert result == {"status": 405, "allow": ["GET", "HEAD"]}, (
    f"v1 is read-only: DELETE /v1/users/7 should give {{'status': 405, 'allow': ['GET', 'HEAD']}}, got {result!r}. "
    "Hint: a Rule without methods= accepts every method."
)
result = resolve("BREW", "/v2/users/")
assert result == {"status": 405, "allow": ["GET", "HEAD", "POST"]}, (
    f"An unknown method, BREW /v2/users/, should get a 405 with the allowed methods, got {result!r}. "
    "Hint: pass the method to match() as it is; an unknown one raises MethodNotAllowed like any other."
)
result = resolve("HEAD", "/v1/users/")
assert result == {"status": 200, "endpoint": "v1.users", "args": {}}, (
    f"HEAD /v1/users/ should match 'v1.users' (Werkzeug adds HEAD wherever GET is allowed), got {result!r}. "
    "Hint: list GET in the rule's methods and call adapter.match(path, method=method) with the request's method."
)

for path in ("/v1/users/abc", "/v1/users/-3", "/v2/users/7/", "/users/7", "/v2/teams/"):
    result = resolve("GET", path)
    assert result == {"status": 404}, (
        f"GET {path} should give {{'status': 404}}, got {result!r}. "
        "Hint: use <int:user_id>, end a rule with '/' only where the table does, and keep each version in its Submount."
    )

result = resolve("GET", "/v2/teams/caf%C3%A9%20cr%C3%A8me/")
assert result == {"status": 200, "endpoint": "v2.team", "args": {"slug": "café crème"}}, (
    f"GET /v2/teams/caf%C3%A9%20cr%C3%A8me/ should match 'v2.team' with slug 'café crème', got {result!r}. "
    "Hint: the path arrives percent-encoded; urllib.parse.unquote(path) before matching."
)
result = resolve("GET", "/v2/teams/caf%C3%A9")
assert result == {"status": 308, "location": "http://api.example.org/v2/teams/caf%C3%A9/"}, (
    f"GET /v2/teams/caf%C3%A9 should redirect to 'http://api.example.org/v2/teams/caf%C3%A9/', got {result!r}. "
    "Hint: a location with %25 in it was encoded twice."
)

assert link("v1.users") == "/v1/users/", (
    f"link('v1.users') should be '/v1/users/', got {link('v1.users')!r}. "
    "Hint: the rule is '/users/', with the slash, inside Submount('/v1', ...) and EndpointPrefix('v1.', ...)."
)
assert link("v2.users", page=2) == "/v2/users/?page=2", (
    f"link('v2.users', page=2) should put page in the query string, '/v2/users/?page=2'; "
    f"got {link('v2.users', page=2)!r}. "
    "Hint: pass every value to build(); Werkzeug puts the values no rule uses in the query string."
)
built = link("v2.team", slug="café crème")
assert built == "/v2/teams/caf%C3%A9%20cr%C3%A8me/", (
    f"link('v2.team', slug='café crème') should be percent-encoded, got {built!r}. "
    "Hint: return the path build() gives as it is: Werkzeug already percent-encodes it, so do not decode it."
)
for endpoint, values in [("v1.user", {"user_id": 42}), ("v2.team", {"slug": "café crème"}), ("v2.users", {})]:
    result = resolve("GET", link(endpoint, **values))
    assert result == {"status": 200, "endpoint": endpoint, "args": values}, (
        f"resolve('GET', link({endpoint!r}, ...)) should lead back to {endpoint!r} with {values!r}, got {result!r}. "
        "Hint: link returns an encoded path and resolve must unquote it before matching, so each undoes the other."
    )
