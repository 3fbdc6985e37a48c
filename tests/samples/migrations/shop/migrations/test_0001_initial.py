"""samples/migrations/shop/migrations/0001_initial.py: CreateModel, applied and unapplied.

The module's name starts with a digit, as every migration's does: Python's import statement
cannot name it, so the test loads it with importlib, as Django's migration loader does.
"""

import importlib

from django.db import migrations

initial = importlib.import_module("samples.migrations.shop.migrations.0001_initial")


def test_it_is_the_first_migration_of_the_app():
    assert initial.Migration.initial is True
    assert initial.Migration.dependencies == []
    assert [type(op) for op in initial.Migration.operations] == [migrations.CreateModel]


def test_migrate_creates_the_table_and_zero_drops_it(shop):
    shop.migrate("0001")
    assert shop.applied() == ["0001_initial"]
    assert shop.columns() == {"id": False, "name": False, "price": False}
    shop.seed("0001_initial")
    assert [row["name"] for row in shop.rows()] == ["Crème brûlée", "Teapot", "Sample", "Safe"]

    shop.migrate("zero")
    assert shop.applied() == []
    assert shop.columns() == {}
