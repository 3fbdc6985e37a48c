# Written by hand from makemigrations shop --empty --name backfill_price_cents
# The data migration: fill price_cents for the rows that existed before 0002, in batches.

from django.db import migrations, transaction

BATCH_SIZE = 1000


def fill_price_cents(apps, schema_editor):
    # The model as it is at this point of the history, not the one of models.py: that one may
    # have fields that do not exist yet when this migration runs on a fresh database.
    Product = apps.get_model("shop", "Product")
    database = schema_editor.connection.alias
    todo = Product.objects.using(database).filter(price_cents__isnull=True).order_by("pk")
    last_pk = 0
    while batch := list(todo.filter(pk__gt=last_pk)[:BATCH_SIZE]):
        for product in batch:
            product.price_cents = int(product.price * 100)  # a Decimal: exact, no float rounding
        with transaction.atomic(using=database):  # one short transaction per batch
            Product.objects.using(database).bulk_update(batch, ["price_cents"])
        last_pk = batch[-1].pk


def empty_price_cents(apps, schema_editor):
    # The reverse: back to the state 0002 left, so that migrating back and forth is exact.
    Product = apps.get_model("shop", "Product")
    Product.objects.using(schema_editor.connection.alias).update(price_cents=None)


class Migration(migrations.Migration):
    # Not one transaction for the whole migration: each batch commits on its own, so a large
    # table is never locked from the first batch to the last.
    atomic = False

    dependencies = [
        ("shop", "0002_product_price_cents"),
    ]

    operations = [
        migrations.RunPython(fill_price_cents, reverse_code=empty_price_cents),
    ]
