"""The ORM samples' databases.

Django: every test inside a transaction that is rolled back, on the library app's tables
(django_tables, tests/samples/conftest.py).
SQLAlchemy: a new, empty in-memory database for each test.
"""

import pytest
from django.db import transaction

from samples.orm import sqlalchemy_models


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
