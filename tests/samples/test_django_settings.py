"""samples/django_settings.py: the one settings module of the Django samples, as Django reads it."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command

import samples.django_settings
from courseware.project import PROJECT_ROOT


def test_django_runs_on_the_samples_settings_module():
    assert settings.SETTINGS_MODULE == "samples.django_settings"
    assert settings.SECRET_KEY == samples.django_settings.SECRET_KEY
    assert "django.middleware.common.CommonMiddleware" in settings.MIDDLEWARE


def test_the_system_checks_pass():
    call_command("check", fail_level="WARNING")


def test_a_sample_served_on_its_own_is_the_root_urlconf():
    """`gunicorn samples.routing.django_urls` in a fresh process: that sample's URLs are the site's."""
    probe = (
        "import samples.routing.django_urls as sample\n"
        "from django.conf import settings\n"
        "from django.test import Client\n"
        "print(settings.ROOT_URLCONF, Client().get('/books/1/').status_code)\n"
    )
    # A sample imported by this process sets SAMPLE_URLCONF (setdefault): the fresh one must not inherit it.
    env = {name: value for name, value in os.environ.items() if name != "SAMPLE_URLCONF"}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["samples.routing.django_urls", "200"]


def test_an_unknown_host_is_refused():
    from django.test import Client, override_settings

    with override_settings(ROOT_URLCONF="samples.wsgi_asgi.django_hello"):
        assert Client(HTTP_HOST="evil.example").get("/").status_code == 400
