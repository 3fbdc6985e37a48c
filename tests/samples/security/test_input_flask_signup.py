"""samples/security/input_flask_signup.py, driven by Flask's test client."""

import pytest

from samples.security.input_flask_signup import create_app


@pytest.fixture
def client():
    return create_app().test_client()


def test_a_valid_signup_stores_only_the_declared_fields(client):
    response = client.post("/signup", json={"username": "Grace_H", "email": "grace@example.org", "age": 85})
    assert response.status_code == 201
    assert response.get_json() == {"username": "grace_h", "email": "grace@example.org", "age": 85, "plan": "free"}


def test_422_lists_every_error_including_the_forged_field(client):
    response = client.post("/signup", json={"username": "x", "email": "x", "age": 5, "role": "admin"})
    assert response.status_code == 422
    assert [error["loc"] for error in response.get_json()["errors"]] == [["username"], ["email"], ["age"], ["role"]]


def test_a_body_that_is_not_a_json_object_is_a_422_not_a_500(client):
    for body, content_type in [("not json", "application/json"), ("[1, 2]", "application/json"), ("a=b", "text/plain")]:
        response = client.post("/signup", data=body, content_type=content_type)
        assert response.status_code == 422


def test_a_body_over_max_content_length_is_refused_with_413(client):
    response = client.post("/signup", data="x" * (16 * 1024 + 1), content_type="application/json")
    assert response.status_code == 413
