# expect: in a path, '+' is a plus sign
import re
from urllib.parse import quote_plus, urlencode

ROUTES = {
    "users": "/users",
    "user": "/users/<int:user_id>",
    "user_post": "/users/<int:user_id>/posts/<str:title>",
    "file": "/files/<str:filename>",
}
PARAMETER = re.compile(r"<(int|str):(\w+)>")


def path_segment(route_name, kind, name, value):
    """One path parameter, checked against its converter and percent-encoded."""
    if value is None:
        raise ValueError(f"route {route_name!r} needs the parameter {name!r}")
    if kind == "int":
        if type(value) is not int or value < 0:
            raise ValueError(f"parameter {name!r} of route {route_name!r} must be an int >= 0, got {value!r}")
        return str(value)
    if str(value) == "":
        raise ValueError(f"parameter {name!r} of route {route_name!r} must not be empty")
    return quote_plus(str(value), safe="")


def url_for(route_name, **params):
    if route_name not in ROUTES:
        raise KeyError(f"no route named {route_name!r}; the routes are {', '.join(sorted(ROUTES))}")
    extra = dict(params)
    segments = []
    for segment in ROUTES[route_name].split("/"):
        parameter = PARAMETER.fullmatch(segment)
        if parameter:
            kind, name = parameter.groups()
            segment = path_segment(route_name, kind, name, extra.pop(name, None))
        segments.append(segment)
    path = "/".join(segments)
    query = urlencode(sorted((key, value) for key, value in extra.items() if value is not None), doseq=True)
    return f"{path}?{query}" if query else path
