"""A shipping rule, two tests that cover every line and branch of it, and the one test they still miss."""

FREE_SHIPPING_FROM = 5000  # cents: free from 50.00 included


def shipping_cents(total_cents):
    if total_cents >= FREE_SHIPPING_FROM:
        return 0
    return 499


def test_a_small_order_pays_shipping():
    assert shipping_cents(1000) == 499


def test_a_big_order_ships_free():
    assert shipping_cents(10000) == 0


# The two tests above reach 100% line and branch coverage, yet `>` in place of `>=` passes them both.


def test_the_threshold_itself():
    assert shipping_cents(FREE_SHIPPING_FROM) == 0
    assert shipping_cents(FREE_SHIPPING_FROM - 1) == 499
