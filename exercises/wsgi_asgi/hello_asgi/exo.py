# --- PYODIDE:env --- #
from course_helpers.asgi import call_asgi, run_lifespan


# --- PYODIDE:code --- #
async def app(scope, receive, send): ...


# --- PYODIDE:corr --- #
TEXT = [(b"content-type", b"text/plain; charset=utf-8")]


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    elif scope["type"] == "http":
        found = scope["path"] == "/"
        await send({"type": "http.response.start", "status": 200 if found else 404, "headers": TEXT})
        await send({"type": "http.response.body", "body": b"Hello, ASGI!" if found else b"Not found"})


# --- PYODIDE:tests --- #
response = call_asgi(app, path="/")
assert response.status == 200, (
    f"GET / should get status 200, got {response.status!r}. "
    "Hint: for an 'http' scope whose scope['path'] is '/', send 'http.response.start' with 'status': 200."
)
assert response.body == b"Hello, ASGI!", (
    f"GET / should get b'Hello, ASGI!', got {response.body!r}. "
    "Hint: put the greeting, as bytes, under 'body' in the 'http.response.body' message."
)
assert response.header("content-type") == b"text/plain; charset=utf-8", (
    f"Expected the content-type b'text/plain; charset=utf-8', got {response.header('content-type')!r}. "
    "Hint: add a (b'content-type', ...) pair, both items bytes, to the 'headers' of 'http.response.start'."
)

# --- PYODIDE:secrets --- #
for path in ("/missing", "/hello/", "//"):
    response = call_asgi(app, path=path)
    assert response.status == 404, (
        f"GET {path} should get 404, got {response.status!r}. Hint: only the path '/' exists."
    )
    assert response.body == b"Not found", (
        f"GET {path} should get b'Not found', got {response.body!r}. "
        "Hint: when scope['path'] is not exactly '/', send b'Not found' as the body along with the 404."
    )

response = call_asgi(app, method="POST", path="/", body=b"ignored")
assert response.status == 200 and response.body == b"Hello, ASGI!", (
    f"A POST to / should get the greeting too, got {response.status!r} {response.body!r}. "
    "Hint: choose the answer from scope['path'] alone; do not look at scope['method']."
)

sent = run_lifespan(app)
assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"], (
    f"For the lifespan scope your app sent {sent}; expected lifespan.startup.complete then lifespan.shutdown.complete. "
    "Hint: loop on receive() and answer each lifespan message."
)
