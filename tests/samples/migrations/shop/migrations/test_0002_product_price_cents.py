"""samples/migrations/shop/migrations/0002_product_price_cents.py: a nullable column, added and removed."""

import importlib
import io

from django.core.management import call_command

add_column = importlib.import_module("samples.migrations.shop.migrations.0002_product_price_cents")


def test_it_depends_on_the_initial_migration():
    assert add_column.Migration.dependencies == [("shop", "0001_initial")]


def test_the_new_column_allows_null_and_the_old_rows_get_null(shop):
    shop.migrate("0001")
    shop.seed("0001_initial")
    shop.migrate("0002")
    assert shop.columns() == {"id": False, "name": False, "price": False, "price_cents": True}
    assert [row["price_cents"] for row in shop.rows()] == [None, None, None, None]

    # Code that does not know the column yet (the model of 0001) can still insert rows.
    shop.model_at("0001_initial").objects.create(name="Old code", price="1.00")
    assert shop.rows()[-1]["price_cents"] is None


def test_unapplying_drops_the_column_and_keeps_the_rows(shop):
    shop.migrate("0002")
    shop.seed("0002_product_price_cents")
    shop.migrate("0001")
    assert shop.columns() == {"id": False, "name": False, "price": False}
    assert len(shop.rows()) == 4


def test_sqlmigrate_shows_the_sql_without_running_it(shop):
    out = io.StringIO()
    call_command("sqlmigrate", "shop", "0002", stdout=out)
    assert 'ALTER TABLE "shop_product" ADD COLUMN "price_cents" integer NULL;' in out.getvalue()
    assert shop.columns() == {}  # nothing was applied
