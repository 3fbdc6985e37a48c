# expect: scope['query_string'] is bytes
import json
import re
from urllib.parse import parse_qs

ITEM_PATH = re.compile(r"/items/([0-9]+)")


def json_response(status, data, extra_headers=()):
    body = json.dumps(data).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode("ascii"))]
    return status, headers + list(extra_headers), body


def read_query(query_string):
    """(limit, tags) from the raw query string; a ValueError says what is wrong."""
    query = parse_qs(query_string)
    limit = query.get("limit", ["10"])[0]
    if not re.fullmatch(r"[0-9]+", limit) or not 1 <= int(limit) <= 100:
        raise ValueError(f"limit must be a whole number from 1 to 100, got {limit!r}")
    return int(limit), query.get("tags", [])


def handle(scope):
    """(status, headers, body) for one request: the path first, then the method, then the query."""
    found = ITEM_PATH.fullmatch(scope["path"])
    if not found:
        return json_response(404, {"detail": "Not Found"})
    if scope["method"] not in ("GET", "HEAD"):
        return json_response(405, {"detail": "Method Not Allowed"}, [(b"allow", b"GET, HEAD")])
    try:
        limit, tags = read_query(scope["query_string"])
    except ValueError as error:
        return json_response(422, {"detail": str(error)})
    return json_response(200, {"item_id": int(found[1]), "limit": limit, "tags": tags})


async def app(scope, receive, send):
    status, headers, body = handle(scope)
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
