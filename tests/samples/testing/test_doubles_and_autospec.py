"""samples/testing/doubles_and_autospec.py: its tests pass; autospec refuses a call that a bare Mock accepts."""

from unittest.mock import Mock, create_autospec

import pytest

from samples.testing import doubles_and_autospec
from samples.testing.doubles_and_autospec import PaymentGateway, checkout


def checkout_with_a_wrong_call(gateway, customer_id, cart_cents, order_id):
    """The mistake: the key passed by position, where the real charge() only takes it by keyword."""
    return {"order": order_id, "payment": gateway.charge(customer_id, cart_cents, f"order-{order_id}")}


def test_the_sample_tests_pass():
    tests = [name for name in dir(doubles_and_autospec) if name.startswith("test_")]
    assert len(tests) == 4
    for name in tests:
        getattr(doubles_and_autospec, name)()


def test_a_bare_mock_accepts_the_wrong_call_and_the_real_class_would_not():
    gateway = Mock()
    assert checkout_with_a_wrong_call(gateway, "cus_1", 1500, 42)["payment"] is gateway.charge.return_value
    with pytest.raises(TypeError):  # what production would do, with the real gateway
        PaymentGateway.charge(PaymentGateway(), "cus_1", 1500, "order-42")


def test_autospec_refuses_the_wrong_call():
    gateway = create_autospec(PaymentGateway, instance=True)
    with pytest.raises(TypeError, match="positional argument"):
        checkout_with_a_wrong_call(gateway, "cus_1", 1500, 42)


def test_a_bare_mock_invents_misspelt_methods_and_autospec_does_not():
    Mock().chrage("cus_1", 1500)  # no error: a Mock has every attribute
    with pytest.raises(AttributeError):
        create_autospec(PaymentGateway, instance=True).chrage("cus_1", 1500)


def test_the_fake_and_the_checkout_directly():
    fake = doubles_and_autospec.FakeGateway()
    assert checkout(fake, "c", 1, 1)["payment"] == "pay_1"
    assert checkout(fake, "c", 1, 2)["payment"] == "pay_2"
    with pytest.raises(ValueError):
        checkout(fake, "c", -5, 3)
