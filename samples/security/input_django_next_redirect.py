"""Django: follow a user-supplied ?next= only if it stays on this site (what LoginView does for you)."""

import os

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")


def next_url(request, default="/"):
    """The ?next= target if it is a path on this site, or on a host this site answers to; else default."""
    target = request.POST.get("next", request.GET.get("next", ""))
    if url_has_allowed_host_and_scheme(
        target,
        allowed_hosts={request.get_host()},  # the Host header, already checked against ALLOWED_HOSTS
        require_https=request.is_secure(),  # from an https page, never send the user back to http
    ):
        return target
    return default


def after_login(request):  # your login view calls next_url() once the password is checked
    return redirect(next_url(request))


def home(request):
    return HttpResponse("home")


urlpatterns = [path("after-login/", after_login), path("", home)]
