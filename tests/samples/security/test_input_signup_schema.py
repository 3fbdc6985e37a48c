"""samples/security/input_signup_schema.py: the pydantic model, called directly."""

import pytest

from samples.security.input_signup_schema import validate_signup

VALID = {"username": "ada_lovelace", "email": "ada@example.org", "age": 36}


def test_a_valid_signup_is_normalised_and_gets_the_default_plan():
    clean, errors = validate_signup({**VALID, "username": "ＡＤＡ_Lovelace", "email": "  ada@example.org "})
    assert errors is None
    assert clean == {"username": "ada_lovelace", "email": "ada@example.org", "age": 36, "plan": "free"}


def test_every_failing_field_is_reported_at_once():
    clean, errors = validate_signup({"username": "a d", "email": "nope", "age": "30", "plan": "gold", "is_admin": True})
    assert clean is None
    assert [(error["loc"], error["type"]) for error in errors] == [
        (("username",), "string_pattern_mismatch"),
        (("email",), "string_pattern_mismatch"),
        (("age",), "int_type"),  # strict: a JSON client that sends "30" has a bug worth seeing
        (("plan",), "literal_error"),
        (("is_admin",), "extra_forbidden"),  # mass assignment refused, and said so
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", "ab"),  # too short
        ("username", "a" * 31),  # too long
        ("username", "ada\n"),  # the pattern's $ does not accept a final newline here
        ("username", "ﬁ" * 16),  # one character, two after NFKC ("fi"): 32 is too long
        ("username", 42),
        ("email", "a@b@example.org"),
        ("email", "ada@localhost"),
        ("age", 12),
        ("age", 131),
        ("age", True),  # bool is an int subclass; strict mode refuses it
        ("age", 30.0),
    ],
)
def test_each_rule_refuses_its_field(field, value):
    clean, errors = validate_signup({**VALID, field: value})
    assert clean is None
    assert [error["loc"] for error in errors] == [(field,)]


def test_missing_fields_and_a_body_that_is_not_an_object_are_errors_not_exceptions():
    _, errors = validate_signup({})
    assert [(e["loc"], e["type"]) for e in errors] == [
        (("username",), "missing"),
        (("email",), "missing"),
        (("age",), "missing"),
    ]
    _, errors = validate_signup(["ada"])
    assert errors[0]["type"] == "model_type"
    assert validate_signup(None)[1][0]["type"] == "model_type"
