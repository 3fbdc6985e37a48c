"""Django: a login view whose password check also re-hashes an outdated hash, then rotates the session."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")

from django.contrib.auth import authenticate, login  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

# What settings.py would say. The first hasher hashes every new password; the others only check the
# hashes already stored, and a successful check re-hashes the password with the first one.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",  # needs no extra package, unlike Argon2
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # Django 5.2's default: 1,000,000 iterations
    "django.contrib.auth.hashers.MD5PasswordHasher",  # a legacy import, to be upgraded at each login
]


@require_POST
def login_view(request):
    # ModelBackend: check_password() re-hashes and saves the user when the stored hash is outdated;
    # for an unknown username it still runs the hasher once, so the timing does not give it away.
    user = authenticate(request, username=request.POST.get("username"), password=request.POST.get("password"))
    if user is None:
        # One answer for "no such user" and "wrong password": nothing to enumerate accounts with.
        return JsonResponse({"error": "invalid username or password"}, status=401)
    login(request, user)  # a new session key (against session fixation) and a new CSRF token
    return JsonResponse({"user": user.get_username()})


urlpatterns = [path("login/", login_view)]
