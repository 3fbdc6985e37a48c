# --- PYODIDE:env --- #
from course_helpers.pytest_runner import (
    Bug as _Bug,
    changed as _changed,
    check_tests_catch as _check_tests_catch,
    check_tests_pass as _check_tests_pass,
    provide_module as _provide_module,
    use_pytest as _use_pytest,
)

await _use_pytest()

_CORRECT = '''
from decimal import ROUND_HALF_UP, Decimal


def total_price(unit_cents, quantity, discount_percent=0):
    """What `quantity` items at `unit_cents` each cost, less `discount_percent` per cent, in whole cents."""
    if quantity < 0:
        raise ValueError(f"quantity must be 0 or more, not {quantity}")
    if not 0 <= discount_percent <= 100:
        raise ValueError(f"discount_percent must be between 0 and 100, not {discount_percent}")
    total = Decimal(unit_cents) * quantity * (100 - Decimal(discount_percent)) / 100
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))
'''


_BUGS = [
    _Bug(
        "total_price rounds half a cent to the even cent (a total of 122.5 cents gives 122)",
        _changed(_CORRECT, ("ROUND_HALF_UP", "ROUND_HALF_EVEN")),
        "test a total that ends in exactly half a cent, with an even number of cents below it: "
        "rounding half to even and rounding half up only differ there.",
    ),
    _Bug(
        "total_price computes with floats (a total of 122.5 cents comes out as 122.49999... and gives 122)",
        _changed(
            _CORRECT,
            (
                "total = Decimal(unit_cents) * quantity * (100 - Decimal(discount_percent)) / 100",
                "total = Decimal(unit_cents * quantity * (1 - discount_percent / 100))",
            ),
        ),
        "test more totals that end in half a cent, with discounts such as 30 %: a float such as 0.7 is not "
        "exactly 7/10, and the half cent can come out just under one half.",
    ),
    _Bug(
        "total_price rounds the discounted unit price before multiplying (3 items at 333 cents, 10 % off, give 900)",
        _changed(
            _CORRECT,
            (
                "total = Decimal(unit_cents) * quantity * (100 - Decimal(discount_percent)) / 100\n"
                "    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))",
                "unit = Decimal(unit_cents) * (100 - Decimal(discount_percent)) / 100\n"
                "    return int(unit.quantize(Decimal(1), rounding=ROUND_HALF_UP)) * quantity",
            ),
        ),
        "test several items whose discounted unit price is not a whole number of cents: the total is rounded "
        "once, not each item.",
    ),
    _Bug(
        "total_price applies the discount twice (4 items at 250 cents, 10 % off, give 810)",
        _changed(_CORRECT, ("/ 100\n", "* (100 - Decimal(discount_percent)) / 10000\n")),
        "assert the exact total of an ordinary order with a discount.",
    ),
    _Bug(
        "total_price refuses a discount of 100 % (it raises ValueError)",
        _changed(_CORRECT, ("0 <= discount_percent <= 100", "0 <= discount_percent < 100")),
        "test the highest discount the statement allows: 100 % makes the order free.",
    ),
    _Bug(
        "total_price refuses a discount of 0 % (it raises ValueError)",
        _changed(_CORRECT, ("0 <= discount_percent <= 100", "0 < discount_percent <= 100")),
        "test the lowest discount the statement allows, 0 %, with its exact total.",
    ),
    _Bug(
        "total_price accepts a discount over 100 % (101 % gives a negative price)",
        _changed(_CORRECT, ("not 0 <= discount_percent <= 100", "discount_percent < 0")),
        "check with pytest.raises that a discount just above 100 is refused.",
    ),
    _Bug(
        "total_price accepts a negative quantity (-1 item gives a negative price)",
        _changed(
            _CORRECT,
            ('    if quantity < 0:\n        raise ValueError(f"quantity must be 0 or more, not {quantity}")\n', ""),
        ),
        "check with pytest.raises that a quantity of -1 is refused.",
    ),
]

_provide_module("pricing", _CORRECT)  # what `from pricing import total_price` gives the ▶ button

# --- PYODIDE:code --- #
from pricing import total_price


def test_total_price_is_whole_cents():
    assert isinstance(total_price(250, 4, 10), int)


# --- PYODIDE:corr --- #
import pytest

from pricing import total_price

UNIT_CENTS = 250
QUANTITY = 4


@pytest.mark.parametrize(
    ("unit_cents", "quantity", "discount", "total"),
    [
        (333, 3, 10, 899),
        (175, 1, 30, 123),
        (UNIT_CENTS, QUANTITY, 0, 1000),
        (UNIT_CENTS, QUANTITY, 100, 0),
    ],
)
def test_total_price(unit_cents, quantity, discount, total):
    assert total_price(unit_cents=unit_cents, quantity=quantity, discount_percent=discount) == total


def test_a_negative_quantity_is_refused():
    with pytest.raises(ValueError):
        total_price(unit_cents=UNIT_CENTS, quantity=-1)


def test_a_discount_over_100_is_refused():
    with pytest.raises(ValueError):
        total_price(unit_cents=UNIT_CENTS, quantity=QUANTITY, discount_percent=101)


# --- PYODIDE:tests --- #
# Your tests must pass on the total_price of the statement.
_check_tests_pass("pricing", _CORRECT)

# --- PYODIDE:secrets --- #
# Each buggy total_price must make at least one of your tests fail.
_check_tests_catch("pricing", _CORRECT, _BUGS)
