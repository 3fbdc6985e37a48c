# expect: the path arrives percent-encoded
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
        endpoint, args = adapter.match(path, method=method)
    except RequestRedirect as redirect:
        return {"status": 308, "location": redirect.new_url}
    except MethodNotAllowed as error:
        return {"status": 405, "allow": sorted(error.valid_methods)}
    except NotFound:
        return {"status": 404}
    return {"status": 200, "endpoint": endpoint, "args": args}


def link(endpoint, **values):
    return url_map.bind("api.example.org").build(endpoint, values)
