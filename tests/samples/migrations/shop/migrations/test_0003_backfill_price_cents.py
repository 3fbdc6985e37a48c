"""samples/migrations/shop/migrations/0003_backfill_price_cents.py: the batched backfill and its reverse."""

import importlib

import pytest
from django.db import connection
from django.db.migrations import RunPython
from django.test.utils import CaptureQueriesContext

backfill = importlib.import_module("samples.migrations.shop.migrations.0003_backfill_price_cents")


def test_it_is_one_reversible_runpython_outside_a_migration_wide_transaction():
    (operation,) = backfill.Migration.operations
    assert isinstance(operation, RunPython) and operation.reversible
    assert backfill.Migration.atomic is False


def test_the_backfill_fills_every_row_from_the_exact_price(shop):
    shop.migrate("0001")
    shop.seed("0001_initial")
    shop.migrate("0003")
    assert [(row["name"], row["price_cents"]) for row in shop.rows()] == [
        ("Crème brûlée", 420),
        ("Teapot", 1999),  # 19.99 * 100 in floats is 1998.9999999999998
        ("Sample", 0),
        ("Safe", 1234567),
    ]
    assert shop.columns()["price_cents"] is True  # still nullable: 0004 adds the constraint


@pytest.mark.parametrize(("batch_size", "updates"), [(2, 3), (5, 1), (1, 5)])
def test_it_updates_in_batches_and_skips_rows_already_filled(shop, monkeypatch, batch_size, updates):
    monkeypatch.setattr(backfill, "BATCH_SIZE", batch_size)
    shop.migrate("0002")
    shop.seed("0002_product_price_cents")
    Product = shop.model_at("0002_product_price_cents")
    Product.objects.create(name="New code", price="2.50", price_cents=250)  # written by the new release
    Product.objects.create(name="Old code", price="3.00")  # written by the old one: NULL
    with CaptureQueriesContext(connection) as queries:
        shop.migrate("0003")
    assert sum(q["sql"].startswith("UPDATE") for q in queries) == updates
    assert [row["price_cents"] for row in shop.rows()] == [420, 1999, 0, 1234567, 250, 300]


def test_the_reverse_empties_the_column_again(shop):
    shop.migrate("0001")
    shop.seed("0001_initial")
    shop.migrate("0003")
    shop.migrate("0002")
    assert [row["price_cents"] for row in shop.rows()] == [None, None, None, None]
    shop.migrate("0003")  # and forwards again: the same result
    assert [row["price_cents"] for row in shop.rows()] == [420, 1999, 0, 1234567]
