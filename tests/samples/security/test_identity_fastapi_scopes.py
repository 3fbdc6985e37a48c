"""samples/security/identity_fastapi_scopes.py, driven by FastAPI's TestClient."""

import pytest
from fastapi.testclient import TestClient

from samples.security import identity_fastapi_scopes as sample


@pytest.fixture
def client(monkeypatch):
    monkeypatch.setattr(sample, "NOTES", {1: {"owner": "ada", "text": "buy milk"}, 2: {"owner": "grace", "text": "x"}})
    with TestClient(sample.app) as client:
        yield client


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_no_token_is_401_with_a_challenge(client):
    response = client.get("/notes/1")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_bad_token_is_401_and_names_the_scopes_needed(client):
    for headers in (bearer("tok-forged"), {"Authorization": "Basic YWRhOnB3"}):
        response = client.get("/notes/1", headers=headers)
        assert response.status_code == 401
    response = client.get("/notes/1", headers=bearer("tok-forged"))
    assert response.headers["www-authenticate"] == 'Bearer scope="notes:read"'


def test_a_missing_scope_is_403(client):
    response = client.put("/notes/2", params={"text": "hi"}, headers=bearer("tok-grace"))
    assert response.status_code == 403
    assert response.json() == {"detail": "not enough permissions"}
    assert sample.NOTES[2]["text"] == "x"


def test_the_owner_reads_and_writes(client):
    assert client.get("/notes/1", headers=bearer("tok-ada")).json() == {"id": 1, "text": "buy milk"}
    assert client.put("/notes/1", params={"text": "buy oat milk"}, headers=bearer("tok-ada")).status_code == 200
    assert sample.NOTES[1]["text"] == "buy oat milk"


def test_someone_elses_note_is_404_like_a_missing_one(client):
    stranger = client.get("/notes/2", headers=bearer("tok-ada"))
    missing = client.get("/notes/99", headers=bearer("tok-ada"))
    assert stranger.status_code == missing.status_code == 404
    assert stranger.json() == missing.json()


def test_the_scopes_appear_in_the_openapi_schema(client):
    scheme = client.get("/openapi.json").json()["components"]["securitySchemes"]["OAuth2PasswordBearer"]
    assert set(scheme["flows"]["password"]["scopes"]) == {"notes:read", "notes:write"}
