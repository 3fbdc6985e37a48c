# expect: spell the ranges out
import re
from typing import NamedTuple
from urllib.parse import unquote

CONVERTERS = {  # name: (what the whole decoded segment must look like, conversion)
    "int": (re.compile(r"[0-9]+"), int),
    "str": (re.compile(r".+", re.DOTALL), str),
    "slug": (re.compile(r"[\w-]+"), str),
}
PARAMETER = re.compile(r"<(\w+):(\w+)>")


class Match(NamedTuple):
    status: int  # 200, 204, 404 or 405
    handler: object  # the route's handler for a 200, else None
    params: dict  # the converted parameters for a 200, else {}
    allow: str | None  # the Allow header for a 204 or a 405, else None


def fit(parts, segments):
    """The converted parameters if the decoded segments fit the pattern's parts, else None."""
    if len(parts) != len(segments):
        return None
    params = {}
    for part, segment in zip(parts, segments):
        if isinstance(part, str):  # a literal segment
            if part != segment:
                return None
        elif CONVERTERS[part[0]][0].fullmatch(segment):
            params[part[1]] = CONVERTERS[part[0]][1](segment)
        else:
            return None
    return params


class Router:
    def __init__(self):
        self.routes = []

    def add(self, method, pattern, handler):
        parts = []
        for segment in pattern.split("/")[1:]:
            parameter = PARAMETER.fullmatch(segment)
            if parameter and parameter[1] not in CONVERTERS:
                raise ValueError(f"unknown converter {parameter[1]!r} in {pattern!r}")
            parts.append((parameter[1], parameter[2]) if parameter else segment)
        self.routes.append((method, parts, handler))

    def match(self, method, path):
        segments = [unquote(segment) for segment in path.split("/")[1:]]  # split first, then decode
        fitting = [(m, handler, fit(parts, segments)) for m, parts, handler in self.routes]
        fitting = [route for route in fitting if route[2] is not None]
        if not fitting:
            return Match(404, None, {}, None)
        for wanted in (method, "GET" if method == "HEAD" else None):
            for route_method, handler, params in fitting:
                if route_method == wanted:
                    return Match(200, handler, params, None)
        methods = {route[0] for route in fitting} | {"OPTIONS"}
        if "GET" in methods:
            methods.add("HEAD")
        return Match(204 if method == "OPTIONS" else 405, None, {}, ", ".join(sorted(methods)))
