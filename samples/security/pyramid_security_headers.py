"""Pyramid: security headers from a tween, which wraps every request the router handles."""

from pyramid.config import Configurator
from pyramid.response import Response

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
}
HSTS = "max-age=31536000; includeSubDomains"


def security_headers_tween_factory(handler, registry):
    def security_headers_tween(request):
        response = handler(request)  # error views' responses come through here too
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.scheme == "https":  # behind a proxy, a WSGI middleware such as ProxyFix sets the scheme
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response

    return security_headers_tween


def home(request):
    return Response("<h1>Shop</h1>")


def main(global_config=None, **settings):
    """The app factory a Pyramid project's entry point names (the tween's dotted name is resolved at commit)."""
    with Configurator(settings=settings) as config:
        config.add_tween(f"{__name__}.security_headers_tween_factory")
        config.add_route("home", "/")
        config.add_view(home, route_name="home")
    return config.make_wsgi_app()
