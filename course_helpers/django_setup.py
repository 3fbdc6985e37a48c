"""Run the learner's Django URLconf, views and middleware in the page, with no project and no database.

An exercise's `env` section installs Django and prepares it; its checks then serve the learner's
`urlpatterns` and send requests with Django's own test client:

    from course_helpers.packages import require
    await require("django")
    from course_helpers.django_setup import configure_django, serve
    configure_django()

    client = serve(urlpatterns)           # in tests: the learner's urlpatterns are the site's URLs
    response = client.get("/books/1/")

Django reads its settings once per interpreter, and the page's interpreter lives as long as the
page: every Run and Validate calls `configure_django()` again, so it configures Django the first
time and, afterwards, puts back the settings it chose, forgets the URL caches and the converters a
previous run registered. Each run starts from the same clean state.
"""

from __future__ import annotations

import types

# What a run may change and configure_django() puts back. No database, no installed apps:
# the routing, views and middleware of django.urls and django.http need neither.
BASE_SETTINGS = {
    "DEBUG": False,
    "SECRET_KEY": "exercise-only-never-use-in-production",
    "ALLOWED_HOSTS": ["testserver"],
    "ROOT_URLCONF": None,
    "INSTALLED_APPS": [],
    "DATABASES": {},
    "MIDDLEWARE": ["django.middleware.common.CommonMiddleware"],
    "APPEND_SLASH": True,
    "USE_TZ": True,
}

_default_converters: dict | None = None


def configure_django(**settings) -> None:
    """Configure Django (the first time) and reset it to BASE_SETTINGS updated with `settings`."""
    import django
    from django.conf import settings as django_settings
    from django.urls import clear_url_caches, converters, set_urlconf

    global _default_converters
    chosen = {**BASE_SETTINGS, **settings}
    if not django_settings.configured:
        django_settings.configure(**chosen)
        django.setup()
        _default_converters = dict(converters.REGISTERED_CONVERTERS)
    else:
        for name, value in chosen.items():
            setattr(django_settings, name, value)
    # Converters a previous run registered would make register_converter() warn on the next one.
    converters.REGISTERED_CONVERTERS.clear()
    converters.REGISTERED_CONVERTERS.update(_default_converters or {})
    converters.get_converters.cache_clear()
    set_urlconf(None)
    clear_url_caches()


def serve(urlpatterns, **settings):
    """A django.test.Client for a site whose root URLconf is `urlpatterns` (a list of path()s).

    `settings` override the configured ones for this client (MIDDLEWARE=[...], for instance)."""
    from django.conf import settings as django_settings
    from django.test import Client
    from django.urls import clear_url_caches, set_urlconf

    if not isinstance(urlpatterns, list):
        raise AssertionError(
            f"urlpatterns should be a list of path() entries, got {type(urlpatterns).__name__}. "
            "Hint: urlpatterns = [path('books/', book_list), ...]"
        )
    urlconf = types.ModuleType("exercise_urls")  # Django caches resolvers by URLconf: a module is hashable
    urlconf.urlpatterns = urlpatterns
    django_settings.ROOT_URLCONF = urlconf
    for name, value in settings.items():
        setattr(django_settings, name, value)
    set_urlconf(None)
    clear_url_caches()
    return Client()


__all__ = ["BASE_SETTINGS", "configure_django", "serve"]
