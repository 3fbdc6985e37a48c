"""A checkout that charges a card through a gateway, and its tests with a stub, a fake and an autospec mock."""

from unittest.mock import create_autospec

import pytest


class PaymentGateway:
    """The real client of the payment provider (its network calls are left out of this sample)."""

    def charge(self, customer_id: str, amount_cents: int, *, idempotency_key: str) -> str:
        raise NotImplementedError("calls the provider's API and returns a payment id")


def checkout(gateway, customer_id, cart_cents, order_id):
    """Charge the cart once per order: the gateway is passed in, so tests can pass something else."""
    if cart_cents <= 0:
        raise ValueError("nothing to pay")
    payment_id = gateway.charge(customer_id, cart_cents, idempotency_key=f"order-{order_id}")
    return {"order": order_id, "payment": payment_id}


# --- the tests ---


class StubGateway:  # a stub: a canned answer, nothing else
    def charge(self, customer_id, amount_cents, *, idempotency_key):
        return "pay_1"


class FakeGateway:  # a fake: a small working version, here with the provider's idempotency rule
    def __init__(self):
        self.payments = {}  # idempotency key -> (payment id, amount)

    def charge(self, customer_id, amount_cents, *, idempotency_key):
        if idempotency_key not in self.payments:
            self.payments[idempotency_key] = (f"pay_{len(self.payments) + 1}", amount_cents)
        return self.payments[idempotency_key][0]  # a retried charge answers with the first payment


def test_checkout_returns_the_payment():
    assert checkout(StubGateway(), "cus_1", 1500, 42) == {"order": 42, "payment": "pay_1"}


def test_a_retried_checkout_charges_once():
    gateway = FakeGateway()
    assert checkout(gateway, "cus_1", 1500, 42) == checkout(gateway, "cus_1", 1500, 42)
    assert list(gateway.payments.values()) == [("pay_1", 1500)]


def test_the_gateway_is_called_with_the_key():
    gateway = create_autospec(PaymentGateway, instance=True)  # a mock with PaymentGateway's signatures
    gateway.charge.return_value = "pay_9"
    assert checkout(gateway, "cus_1", 1500, 42)["payment"] == "pay_9"
    gateway.charge.assert_called_once_with("cus_1", 1500, idempotency_key="order-42")


def test_an_empty_cart_charges_nothing():
    gateway = create_autospec(PaymentGateway, instance=True)
    with pytest.raises(ValueError):
        checkout(gateway, "cus_1", 0, 42)
    gateway.charge.assert_not_called()
