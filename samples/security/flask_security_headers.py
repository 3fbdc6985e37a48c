"""Flask: security headers from an after_request function, and the scheme a proxy reports, via ProxyFix."""

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
# Flask's defaults: SESSION_COOKIE_SECURE False and SESSION_COOKIE_SAMESITE None.
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")
# Behind exactly one proxy that sets X-Forwarded-Proto: request.scheme becomes what the client used.
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
}
HSTS = "max-age=31536000; includeSubDomains"


@app.after_request
def add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)  # a view that set its own value keeps it
    if request.is_secure:  # browsers ignore HSTS received over http
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


@app.get("/")
def home():
    return "<h1>Shop</h1>"
