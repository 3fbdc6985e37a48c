"""The smallest FastAPI application. FastAPI is an ASGI application, built on Starlette."""

from fastapi import FastAPI

app = FastAPI()  # `app` itself is the ASGI callable: await app(scope, receive, send)


@app.get("/")  # GET only: FastAPI answers other methods with 405 and an Allow header
async def hello() -> dict[str, str]:
    # Runs on the server's event loop: never call anything blocking in here.
    return {"message": "Hello, FastAPI!"}  # serialised to JSON for us
