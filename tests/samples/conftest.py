"""Django for every sample test: one settings module, samples/django_settings.py, set up once per
process before any sample is imported. Each test module picks its sample's URLconf with
override_settings(ROOT_URLCONF=...)."""

import os

import django
import pytest

os.environ["DJANGO_SETTINGS_MODULE"] = "samples.django_settings"
django.setup()


@pytest.fixture(scope="module")
def django_tables():
    """The ORM chapter's library tables, in this process's in-memory database (each test worker has
    its own), for one test module: created when missing, dropped again after the module."""
    from django.db import connection

    from samples.orm.library.models import Author, Book

    existing = set(connection.introspection.table_names())
    created = [model for model in (Author, Book) if model._meta.db_table not in existing]
    with connection.schema_editor() as editor:
        for model in created:
            editor.create_model(model)
    yield
    with connection.schema_editor() as editor:
        for model in reversed(created):
            editor.delete_model(model)


@pytest.fixture(scope="module")
def auth_tables():
    """django.contrib.auth's tables (and, through post_migrate, every model's permissions) in this
    worker's in-memory database, for one test module: migrated when missing, unmigrated after it."""
    from django.core.management import call_command
    from django.db import connection

    already_there = "auth_user" in connection.introspection.table_names()
    call_command("migrate", "auth", verbosity=0)
    yield
    if not already_there:  # leave the database as this module found it
        call_command("migrate", "auth", "zero", verbosity=0)
        call_command("migrate", "contenttypes", "zero", verbosity=0)


@pytest.fixture
def auth_db(auth_tables):
    """The auth tables, with each test's rows rolled back after it."""
    from django.db import transaction

    with transaction.atomic():
        yield
        transaction.set_rollback(True)
