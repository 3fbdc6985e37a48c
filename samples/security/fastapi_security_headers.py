"""FastAPI: security headers from an HTTP middleware (Starlette's, which FastAPI re-exports)."""

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

app = FastAPI()

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    # The interactive docs at /docs load scripts from a CDN: give them a policy of their own or turn them off.
    "Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
}
HSTS = "max-age=31536000; includeSubDomains"


@app.middleware("http")
async def add_security_headers(request: Request, call_next):
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.url.scheme == "https":  # behind a proxy: run Uvicorn with --proxy-headers --forwarded-allow-ips
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


@app.get("/", response_class=HTMLResponse)
async def home():
    return "<h1>Shop</h1>"
