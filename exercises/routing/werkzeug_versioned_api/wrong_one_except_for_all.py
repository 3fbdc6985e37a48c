# expect: Hint: catch RequestRedirect on its own
from urllib.parse import unquote

from werkzeug.exceptions import HTTPException
from werkzeug.routing import EndpointPrefix, Map, Rule, Submount

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
    except HTTPException as error:
        return {"status": error.code}
    return {"status": 200, "endpoint": endpoint, "args": args}


def link(endpoint, **values):
    return url_map.bind("api.example.org").build(endpoint, values)
