"""Django and the Host header: a link built from it, safe because ALLOWED_HOSTS refuses other hosts
(settings: samples/django_settings.py, ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"])."""

import os

from django.http import JsonResponse
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")


def password_reset_link(request):
    # build_absolute_uri() takes the host from the request: the link an e-mail would carry.
    # request.get_host() raises DisallowedHost for a host not in ALLOWED_HOSTS, and Django answers 400.
    return JsonResponse({"link": request.build_absolute_uri("/reset/k7Hq2/")})


urlpatterns = [path("password-reset/", password_reset_link)]
