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
