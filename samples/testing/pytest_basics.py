"""A function that reads a cart quantity from a form field, and the pytest tests written for it."""

import pytest

MAX_QUANTITY = 99


def parse_quantity(text: str) -> int:
    """'3' -> 3. Refuse what is not a whole number from 1 to MAX_QUANTITY with a ValueError."""
    cleaned = text.strip()
    if not cleaned.isdecimal():  # "-1", "2.5", "" and "three" all fail here
        raise ValueError(f"not a whole number: {text!r}")
    quantity = int(cleaned)
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValueError(f"quantity must be between 1 and {MAX_QUANTITY}, got {quantity}")
    return quantity


# --- the tests: in a project, tests/test_quantities.py ---


def test_a_plain_number():
    assert parse_quantity("3") == 3  # a plain assert: pytest shows both sides when it fails


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),  # the lowest allowed value
        ("99", 99),  # the highest: boundaries are where off-by-one bugs live
        (" 7\n", 7),  # what a browser may send around the digits
    ],
)
def test_valid_quantities(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["0", "100", "-1", "2.5", "", "three"], ids=repr)
def test_invalid_quantities_are_refused(text):
    with pytest.raises(ValueError):
        parse_quantity(text)


def test_the_message_says_what_is_allowed():
    with pytest.raises(ValueError, match=r"between 1 and 99, got 100") as excinfo:
        parse_quantity("100")
    assert excinfo.type is ValueError  # excinfo keeps the exception for more checks


@pytest.mark.slow  # a custom marker: registered in the configuration, selected with -m
def test_every_allowed_value_round_trips():
    assert [parse_quantity(str(n)) for n in range(1, MAX_QUANTITY + 1)] == list(range(1, MAX_QUANTITY + 1))
