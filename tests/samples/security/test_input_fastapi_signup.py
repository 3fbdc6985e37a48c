"""samples/security/input_fastapi_signup.py, driven by FastAPI's TestClient."""

import pytest
from fastapi.testclient import TestClient

from samples.security.input_fastapi_signup import app


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client


def test_a_valid_body_reaches_the_endpoint(client):
    response = client.post("/signup", json={"username": "ＡＤＡ", "email": "ada@example.org", "age": 36, "plan": "pro"})
    assert response.status_code == 201
    assert response.json() == {"username": "ada", "email": "ada@example.org", "age": 36, "plan": "pro"}


def test_the_422_lists_every_error_with_its_location(client):
    body = {"username": "a d", "email": "x", "age": "30", "plan": "gold", "is_admin": True}
    response = client.post("/signup", json=body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [(error["loc"], error["type"]) for error in detail] == [
        (["body", "username"], "string_pattern_mismatch"),
        (["body", "email"], "string_pattern_mismatch"),
        (["body", "age"], "int_type"),
        (["body", "plan"], "literal_error"),
        (["body", "is_admin"], "extra_forbidden"),
    ]
    # The default 422 echoes each rejected value back to the client: never put a secret in such a model.
    assert [error["input"] for error in detail] == ["a d", "x", "30", "gold", True]


def test_a_body_that_is_not_json_is_a_422(client):
    response = client.post("/signup", content=b"not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"
