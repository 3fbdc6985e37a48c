"""The settings of the course's Django samples: what a project's settings.py holds.

Every Django sample names this module, as a project's wsgi.py and asgi.py do, with
DJANGO_SETTINGS_MODULE=samples.django_settings. Django reads it once per process, at
django.setup(); the apps, middleware and databases of every sample are declared here, before
that moment, never by the samples themselves.
"""

import os

# In a real project: read from the environment, never committed (see the chapter on configuration).
SECRET_KEY = "sample-only-never-use-in-production"
DEBUG = False
# The Host header values this site answers to; any other gets 400 (Host header validation).
# "testserver" is the host of Django's test client.
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]

# Users, groups, permissions and sessions (the security chapter), then the apps whose models the
# chapters on the ORM and on migrations use.
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "samples.orm.library",
    "samples.migrations.shop",
]
# Django's own order: security headers first, sessions before what reads them, CSRF before the views.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",  # APPEND_SLASH: /books -> /books/
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# Sessions kept in a signed cookie, so the samples need no session table: a real project usually
# keeps them in the database or a cache, where they can be revoked server-side.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"

# A SQLite database in memory: each process (each test worker) gets its own, empty until the
# tests create its tables. A real project names a file or, in production, a PostgreSQL server.
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The URLconf the site serves: each sample module names itself when it is the one served
# (`gunicorn samples.wsgi_asgi.django_hello`); tests choose theirs with override_settings.
ROOT_URLCONF = os.environ.get("SAMPLE_URLCONF", "samples.wsgi_asgi.django_hello")
