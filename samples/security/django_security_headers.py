"""Django's security headers: what SecurityMiddleware and XFrameOptionsMiddleware send by default, the
settings a production deployment adds, and a Content-Security-Policy, which Django 5.2 does not send."""

import os

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.clickjacking import xframe_options_sameorigin

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")

# For settings.py in production, behind a proxy that terminates TLS (the tests apply them with override_settings).
PRODUCTION_SETTINGS = {
    "SECURE_SSL_REDIRECT": True,  # a request over http gets a 301 to the same URL over https
    "SECURE_HSTS_SECONDS": 31_536_000,  # one year; start with 3600 and raise it once every page works over https
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,  # only if every subdomain serves https
    # Trust X-Forwarded-Proto ONLY if the proxy sets it on every request, replacing what the client sent.
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SESSION_COOKIE_SECURE": True,  # cookies sent over https only
    "CSRF_COOKIE_SECURE": True,
}

CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"


def content_security_policy(get_response):
    """Middleware: a policy on every response that has none (Django 6.0 adds ContentSecurityPolicyMiddleware)."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    return middleware


def home(request):
    return HttpResponse("<h1>Shop</h1>")


@xframe_options_sameorigin  # this page may be framed by the site itself, by no one else
def embeddable_widget(request):
    return HttpResponse("<p>Basket: 2 items</p>", headers={"Content-Security-Policy": "frame-ancestors 'self'"})


urlpatterns = [path("", home), path("widget/", embeddable_widget)]
