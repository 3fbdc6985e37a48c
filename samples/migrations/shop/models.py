"""The shop's models as they are after the last migration, 0004: what makemigrations compares."""

from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=200)
    # The old column. The code of this release writes both; a later release stops reading it,
    # and the one after drops it (the "contract" step).
    price = models.DecimalField(max_digits=10, decimal_places=2)
    # Added nullable (0002), filled in batches (0003), then made NOT NULL (0004).
    price_cents = models.IntegerField()
