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
time and, afterwards, puts back the settings it chose, forgets the URL caches, the converters, the
models and the tables a previous run made. Each run starts from the same clean state.

An exercise on the ORM adds, in its `env`, `await use_database()`; its checks create the tables
of the learner's models (`create_tables(Author, Book)`), fill them, and count the queries a
function runs (`with counting_queries() as queries: ...`). The learner's models name their app:
`class Meta: app_label = "library"` (course_helpers.django_app). Touch the database in the checks,
not in `env`: a section with top-level await runs as a task of the page's event loop, and Django
gives each task a connection of its own, which in memory means a database of its own.
"""

from __future__ import annotations

import contextlib
import os
import sys
import types

from course_helpers.feedback import learner_line, message_of
from course_helpers.packages import load_from_pyodide

# What a run may change and configure_django() puts back. One installed app, which holds the
# learner's models (course_helpers.django_app); the routing exercises never use it.
BASE_SETTINGS = {
    "DEBUG": False,
    "SECRET_KEY": "exercise-only-never-use-in-production",
    "ALLOWED_HOSTS": ["testserver", "127.0.0.1"],  # Django's test client, course_helpers.wsgi
    "ROOT_URLCONF": None,
    "INSTALLED_APPS": ["course_helpers.django_app.LearnerModels"],
    # An empty SQLite database in memory. Nothing connects to it unless a run queries it, so the
    # routing exercises never need sqlite3; use_database() makes it ready for the ORM's.
    "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    "MIDDLEWARE": ["django.middleware.common.CommonMiddleware"],
    "APPEND_SLASH": True,
    "USE_TZ": True,
}

_default_converters: dict | None = None
_configured_here = False  # whether this module configured Django (always, in the page)


def configure_django(**settings) -> None:
    """Configure Django (the first time) and reset it to BASE_SETTINGS updated with `settings`."""
    import django
    from django.conf import settings as django_settings
    from django.urls import clear_url_caches, converters, resolvers, set_script_prefix, set_urlconf

    global _default_converters, _configured_here
    chosen = {**BASE_SETTINGS, **settings}
    if not django_settings.configured:
        django_settings.configure(**chosen)
        django.setup()
        _default_converters = dict(converters.REGISTERED_CONVERTERS)
        _configured_here = True
    else:
        for name, value in chosen.items():
            setattr(django_settings, name, value)
    # Converters a previous run registered would make register_converter() warn on the next one.
    converters.REGISTERED_CONVERTERS.clear()
    converters.REGISTERED_CONVERTERS.update(_default_converters or {})
    converters.get_converters.cache_clear()
    resolvers._route_to_regex.cache_clear()  # it remembers the converters a route was compiled with
    set_script_prefix("/")  # a run served under a SCRIPT_NAME must not leak it into the next one
    set_urlconf(None)
    clear_url_caches()
    if _configured_here:  # never the models, tables or guards of a project that configured Django itself
        # Pyodide's event loop is marked running at all times, so Django takes every query in the page
        # for one made from async code and refuses it (SynchronousOnlyOperation). That guard keeps a
        # connection from being shared between threads; the page has one thread, and the checks never
        # await between queries. The course's checker runs sections the same way (courseware.run_check).
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        _forget_models_and_tables()


def _forget_models_and_tables() -> None:
    """The learner's models and tables of a previous run: gone (redefining a model warns)."""
    from django.apps import apps
    from django.db import connections

    installed = {config.label for config in apps.get_app_configs()}
    for label in [label for label in apps.all_models if label not in installed]:
        del apps.all_models[label]
    apps.all_models["library"].clear()  # the learner's app (django_app): its models are the run's
    apps._pending_operations.clear()  # relations to models a previous run named but never defined
    apps.clear_cache()
    # Only a connection a run opened: asking for another would import sqlite3, which the page
    # loads only for the exercises that use a database. In memory, a table lives as long as its
    # connection: drop them.
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _drop_tables(connection, connection.introspection.table_names())


async def use_database() -> None:
    """Make Django's database ready: in the page, load Python's sqlite3 module, which Pyodide
    ships apart (the first run only). The database is SQLite, in memory, empty at each run."""
    await load_from_pyodide("sqlite3", "sqlite3", "Python's sqlite3 module")


def create_tables(*models) -> None:
    """Create the table of each model, new and empty, in this order (a model before those that
    refer to it); the tables of these models that exist already are dropped first, so that a check
    can start each scenario again from empty tables."""
    from django.db import connection

    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables += [  # the join tables Django makes for a ManyToManyField
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        ]
    _drop_tables(connection, tables)
    with connection.schema_editor() as editor:
        for model in models:
            editor.create_model(model)


def _drop_tables(connection, tables) -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys = OFF")  # in any order
        for table in tables:
            cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
        cursor.execute("PRAGMA foreign_keys = ON")


@contextlib.contextmanager
def counting_queries():
    """`with counting_queries() as queries:` ... then `len(queries)` is the number of SQL queries
    run inside the block, and `[q["sql"] for q in queries]` their text."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        yield captured


def serve(urlpatterns, middleware=None, **settings):
    """A django.test.Client for a site whose root URLconf is `urlpatterns` (a list of path()s).

    `middleware` replaces MIDDLEWARE for it: import paths, or the learner's middleware classes and
    factories themselves. Other `settings` override the configured ones (APPEND_SLASH=False...).
    The client's middleware chain is built at once, from the settings of this call."""
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
    if middleware is not None:
        django_settings.MIDDLEWARE = [_importable(item, index) for index, item in enumerate(middleware)]
    for name, value in settings.items():
        setattr(django_settings, name, value)
    set_urlconf(None)
    clear_url_caches()
    client = Client()
    try:
        client.handler.load_middleware()  # Django calls each middleware factory here
    except Exception as error:  # noqa: BLE001 - a learner's middleware may raise anything
        raise AssertionError(
            f"Setting up the middleware raised {type(error).__name__}: {message_of(error)}\n"
            f"Hint: Django calls each middleware once, with get_response, when the site starts; "
            f"the line that raised it is {learner_line(error)}. Keep __init__ (or the factory) to storing get_response."
        ) from None
    return client


def _importable(middleware, index: int) -> str:
    """The import path Django's MIDDLEWARE setting needs, for a path or a class/factory object."""
    if isinstance(middleware, str):
        return middleware
    module = sys.modules.setdefault("exercise_middleware", types.ModuleType("exercise_middleware"))
    setattr(module, f"middleware_{index}", middleware)
    return f"exercise_middleware.middleware_{index}"


__all__ = ["BASE_SETTINGS", "configure_django", "counting_queries", "create_tables", "serve", "use_database"]
