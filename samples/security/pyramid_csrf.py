"""Pyramid's built-in CSRF checks: a token per browser, required on every unsafe request."""

from html import escape

from pyramid.config import Configurator
from pyramid.csrf import CookieCSRFStoragePolicy, get_csrf_token
from pyramid.response import Response


def email_form(request):
    token = escape(get_csrf_token(request))  # stored by the policy below, in a cookie of its own
    return Response(
        f'<form method="post"><input type="hidden" name="csrf_token" value="{token}">'
        '<input type="email" name="email"><button>Change my e-mail</button></form>'
    )


def change_email(request):  # reached only once the token (and, over HTTPS, the origin) checked out
    return Response(f"E-mail changed to {request.POST['email']}.", content_type="text/plain")


with Configurator() as config:
    # The token lives in a cookie; SessionCSRFStoragePolicy keeps it in the session instead.
    config.set_csrf_storage_policy(CookieCSRFStoragePolicy(samesite="Lax"))
    # Off by default: require the token (form field csrf_token or header X-CSRF-Token) on every view
    # for methods other than GET, HEAD, OPTIONS and TRACE; a failure raises BadCSRFToken, a 400.
    config.set_default_csrf_options(require_csrf=True)
    config.add_route("email", "/account/email")
    config.add_view(email_form, route_name="email", request_method="GET")
    config.add_view(change_email, route_name="email", request_method="POST")
    app = config.make_wsgi_app()
