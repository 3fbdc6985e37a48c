"""samples/migrations/shop/models.py: the models match the last migration; the whole history runs both ways."""

from decimal import Decimal

from django.core.management import call_command

from samples.migrations.shop.models import Product


def test_makemigrations_finds_nothing_missing():
    # --check exits with a non-zero status (SystemExit) when a model change has no migration.
    call_command("makemigrations", "shop", "--check", "--dry-run", verbosity=0)


def test_the_model_works_on_the_migrated_table(shop):
    shop.migrate("0004")
    Product.objects.create(name="Kettle", price=Decimal("30.00"), price_cents=3000)
    assert list(Product.objects.values_list("name", "price", "price_cents")) == [("Kettle", Decimal("30.00"), 3000)]


def test_every_step_forwards_then_every_step_back(shop):
    steps = ["0001_initial", "0002_product_price_cents", "0003_backfill_price_cents", "0004_price_cents_not_null"]
    shop.migrate("0001")
    shop.seed("0001_initial")
    for done, step in enumerate(steps, start=1):
        shop.migrate(step)
        assert shop.applied() == steps[:done]
    for done in range(len(steps) - 1, 0, -1):
        shop.migrate(steps[done - 1])
        assert shop.applied() == steps[:done]
    assert shop.columns() == {"id": False, "name": False, "price": False}
    back_at_the_start = shop.model_at("0001_initial").objects.order_by("pk").values_list("name", "price")
    assert list(back_at_the_start) == [
        ("Crème brûlée", Decimal("4.20")),
        ("Teapot", Decimal("19.99")),
        ("Sample", Decimal("0.00")),
        ("Safe", Decimal("12345.67")),
    ]
    shop.migrate("zero")
    assert shop.applied() == [] and shop.columns() == {}
