"""The ORM samples' databases.

Django: the library app's tables, created in this process's in-memory database (each test worker
has its own) for one test module, and every test inside a transaction that is rolled back.
SQLAlchemy: a new, empty in-memory database for each test.
"""

import pytest
from django.db import connection, transaction

from samples.orm import sqlalchemy_models
from samples.orm.library.models import Author, Book


@pytest.fixture(scope="module")
def django_tables():
    """Create the library tables that do not exist yet; drop them again after the module."""
    existing = set(connection.introspection.table_names())
    created = [model for model in (Author, Book) if model._meta.db_table not in existing]
    with connection.schema_editor() as editor:
        for model in created:
            editor.create_model(model)
    yield
    with connection.schema_editor() as editor:
        for model in reversed(created):
            editor.delete_model(model)


@pytest.fixture
def django_db(django_tables):
    """Each test's rows vanish at its end: the whole test runs in a transaction rolled back."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def engine():
    engine = sqlalchemy_models.new_memory_engine()
    sqlalchemy_models.Base.metadata.create_all(engine)
    yield engine
    engine.dispose()
