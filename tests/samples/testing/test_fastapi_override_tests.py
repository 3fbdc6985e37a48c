"""samples/testing/fastapi_override_tests.py: its tests pass, clean their override up, and need it."""

import pytest
from fastapi.testclient import TestClient

from samples.testing import fastapi_override_tests
from samples.testing.fastapi_override_tests import FakeMailer, app, get_mailer
from tests.support.inner_pytest import run_sample_tests


def test_the_sample_tests_pass_and_leave_no_override_behind():
    code, outcomes = run_sample_tests(fastapi_override_tests.__file__)
    assert code == pytest.ExitCode.OK
    assert len(outcomes) == 4
    assert set(outcomes.values()) == {"passed"}
    assert app.dependency_overrides == {}


def test_without_the_override_the_real_sender_runs():
    with TestClient(app) as client, pytest.raises(RuntimeError, match="SMTP"):
        client.post("/signups", json={"name": "Ada", "email": "ada@example.org"})  # the error reaches the test


def test_the_override_replaces_the_dependency_for_every_request():
    fake = FakeMailer()
    app.dependency_overrides[get_mailer] = lambda: fake
    try:
        with TestClient(app) as client:
            for name in ("Ada", "Grace"):
                assert client.post("/signups", json={"name": name, "email": f"{name}@x.org"}).status_code == 201
    finally:
        app.dependency_overrides.clear()
    assert [to for to, _, _ in fake.sent] == ["Ada@x.org", "Grace@x.org"]
