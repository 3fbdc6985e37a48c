"""samples/migrations/shop/migrations/0004_price_cents_not_null.py: the constraint, once every row has a value."""

import importlib
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection

not_null = importlib.import_module("samples.migrations.shop.migrations.0004_price_cents_not_null")


def test_it_comes_after_the_backfill():
    assert not_null.Migration.dependencies == [("shop", "0003_backfill_price_cents")]


def test_the_column_refuses_null_after_it_and_allows_it_again_when_unapplied(shop):
    shop.migrate("0001")
    shop.seed("0001_initial")
    shop.migrate("0004")
    assert shop.columns() == {"id": False, "name": False, "price": False, "price_cents": False}
    with pytest.raises(IntegrityError), connection.cursor() as cursor:
        cursor.execute("INSERT INTO shop_product (name, price) VALUES ('Old code', '1.00')")

    shop.migrate("0003")
    assert shop.columns()["price_cents"] is True
    assert [row["price_cents"] for row in shop.rows()] == [420, 1999, 0, 1234567]


def test_a_null_written_after_the_backfill_makes_it_fail_and_roll_back(shop):
    """Old code still running after 0003 inserts NULLs: 0004 fails, and SQLite undoes all of it."""
    shop.migrate("0003")
    shop.model_at("0001_initial").objects.create(name="Old code", price="1.00")
    with pytest.raises(IntegrityError):
        shop.migrate("0004")
    assert shop.applied() == ["0001_initial", "0002_product_price_cents", "0003_backfill_price_cents"]
    assert shop.columns()["price_cents"] is True


def test_on_sqlite_the_alter_rebuilds_the_table(shop):
    out = io.StringIO()
    call_command("sqlmigrate", "shop", "0004", stdout=out)
    sql = out.getvalue()
    assert 'CREATE TABLE "new__shop_product"' in sql and '"price_cents" integer NOT NULL' in sql
    assert 'DROP TABLE "shop_product"' in sql
    assert 'ALTER TABLE "new__shop_product" RENAME TO "shop_product"' in sql
