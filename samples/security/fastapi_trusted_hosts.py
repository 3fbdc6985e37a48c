"""FastAPI: Starlette's TrustedHostMiddleware answers 400 to any Host it does not list."""

from fastapi import FastAPI, Request
from starlette.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()
# "*.shop.example.com" accepts the subdomains; the default, ["*"], accepts any host.
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["shop.example.com", "*.shop.example.com"])


@app.get("/password-reset")
async def password_reset_link(request: Request):
    return {"link": str(request.url_for("reset", token="k7Hq2"))}  # built from the Host header


@app.get("/reset/{token}")
async def reset(token: str):
    return {"token": token}
