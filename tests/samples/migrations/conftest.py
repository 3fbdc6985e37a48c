"""The shop app's migrations, run for real on this process's in-memory SQLite database.

Each test starts with no shop table at all (`migrate shop zero`) and leaves none behind. Through
the `shop` fixture a test migrates to a step, reads the table's columns as the database reports
them, writes rows with the model of that step of the history, and reads the rows back in SQL.
"""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

TABLE = "shop_product"


class Shop:
    def migrate(self, target: str) -> None:
        """`manage.py migrate shop <target>`: forwards or backwards, whichever leads there."""
        call_command("migrate", "shop", target, verbosity=0)

    def applied(self) -> list[str]:
        loader = MigrationLoader(connection)
        return sorted(name for app, name in loader.applied_migrations if app == "shop")

    def columns(self) -> dict[str, bool]:
        """{column: may it be NULL?}, read from the database itself; {} when there is no table."""
        with connection.cursor() as cursor:
            if TABLE not in connection.introspection.table_names(cursor):
                return {}
            return {c.name: c.null_ok for c in connection.introspection.get_table_description(cursor, TABLE)}

    def model_at(self, migration: str):
        """The historical Product: the model as the history stands after `migration`."""
        state = MigrationLoader(connection).project_state(("shop", migration))
        return state.apps.get_model("shop", "Product")

    def rows(self) -> list[dict]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {TABLE} ORDER BY id")
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def seed(self, migration: str) -> None:
        """Four products, written with the model of `migration` (no price_cents before 0002)."""
        Product = self.model_at(migration)
        Product.objects.bulk_create(
            Product(name=name, price=Decimal(price))
            for name, price in [("Crème brûlée", "4.20"), ("Teapot", "19.99"), ("Sample", "0.00"), ("Safe", "12345.67")]
        )


@pytest.fixture
def shop():
    shop = Shop()
    shop.migrate("zero")
    yield shop
    shop.migrate("zero")
