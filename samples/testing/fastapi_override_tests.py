"""A FastAPI endpoint that sends an e-mail through a dependency, and tests that swap the sender for a fake."""

from typing import Annotated

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field


class SmtpMailer:
    def send(self, to: str, subject: str, body: str) -> None:
        raise RuntimeError("would connect to the SMTP server")  # the real one talks to the network


def get_mailer() -> SmtpMailer:
    return SmtpMailer()


class Signup(BaseModel):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")


app = FastAPI()


@app.post("/signups", status_code=201)
def sign_up(signup: Signup, mailer: Annotated[SmtpMailer, Depends(get_mailer)]):
    mailer.send(signup.email, "Welcome!", f"Hello {signup.name}, your account is ready.")
    return {"email": signup.email}


# --- the tests ---


class FakeMailer:  # a fake: a working sender that keeps the messages in a list instead of sending them
    def __init__(self):
        self.sent = []

    def send(self, to, subject, body):
        self.sent.append((to, subject, body))


@pytest.fixture
def mailer():
    fake = FakeMailer()
    app.dependency_overrides[get_mailer] = lambda: fake  # FastAPI calls this instead of get_mailer
    yield fake
    app.dependency_overrides.clear()  # or the next test, in another file, still gets the fake


@pytest.fixture
def client(mailer):
    with TestClient(app) as client:  # `with`: the app's startup and shutdown run too
        yield client


def test_a_signup_sends_one_welcome_email(client, mailer):
    response = client.post("/signups", json={"name": "Ada", "email": "ada@example.org"})
    assert response.status_code == 201
    assert mailer.sent == [("ada@example.org", "Welcome!", "Hello Ada, your account is ready.")]


@pytest.mark.parametrize("body", [{"name": "Ada"}, {"name": "", "email": "a@b"}, {"name": "Ada", "email": "nope"}])
def test_an_invalid_signup_is_422_and_sends_nothing(client, mailer, body):
    response = client.post("/signups", json=body)
    assert response.status_code == 422
    assert mailer.sent == []
