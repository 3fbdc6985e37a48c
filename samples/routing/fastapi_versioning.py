"""API versions in FastAPI: one router per version, chosen by the path or by a header."""

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse

v1, v2 = APIRouter(prefix="/v1"), APIRouter(prefix="/v2")


@v1.get("/books/{book_id}")
def book_v1(book_id: int):
    return {"id": book_id, "author": "Frank Herbert"}


@v2.get("/books/{book_id}")  # a breaking change (one author became a list): a new version
def book_v2(book_id: int):
    return {"id": book_id, "authors": ["Frank Herbert"]}


class ApiVersionHeader:  # pure ASGI middleware: /books/1 with "API-Version: 2" runs /v2/books/1
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        # ASGI's path includes root_path, the prefix the app is mounted under ("/api"): route below it.
        mount = scope.get("root_path", "")
        below = scope["path"][len(mount) :] if scope["path"].startswith(mount) else scope["path"]
        if below.startswith(("/v1/", "/v2/")):
            return await self.app(scope, receive, send)  # a version in the path wins
        asked = dict(scope["headers"]).get(b"api-version", b"1")  # no header: the oldest version
        prefix = {b"1": "/v1", b"2": "/v2"}.get(asked)
        if prefix is None:
            return await JSONResponse({"detail": "unknown API-Version"}, 400)(scope, receive, send)

        async def send_with_vary(message):  # the answer depends on a header: tell the caches
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message["headers"], (b"vary", b"API-Version")]}
            await send(message)

        raw = scope.get("raw_path") or scope["path"].encode()
        raw_below = raw[len(mount.encode()) :] if raw.startswith(mount.encode()) else raw
        inner = {**scope, "path": mount + prefix + below, "raw_path": mount.encode() + prefix.encode() + raw_below}
        await self.app(inner, receive, send_with_vary)  # a copy of the scope: never change the caller's


app = FastAPI()
app.include_router(v1)
app.include_router(v2)
app.add_middleware(ApiVersionHeader)  # middleware wraps the router: it runs before routing
