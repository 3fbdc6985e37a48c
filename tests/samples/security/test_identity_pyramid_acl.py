"""samples/security/identity_pyramid_acl.py, driven by WebTest."""

import pytest
import webtest

from samples.security.identity_pyramid_acl import app


@pytest.fixture
def client():
    return webtest.TestApp(app)


def as_user(token):
    return {"Authorization": f"Bearer {token}"}


def test_everyone_may_view(client):
    assert client.get("/documents/plan", status=200).json == {"name": "plan", "text": "Q3 plan"}
    client.get("/documents/nope", status=404)


def test_editing_needs_the_owner_or_an_editor(client):
    client.post("/documents/plan", status=403)  # anonymous
    assert client.post("/documents/plan", headers=as_user("tok-grace"), status=200).json["by"] == "grace"  # owner
    assert client.post("/documents/plan", headers=as_user("tok-ada"), status=200).json["by"] == "ada"  # editor
    client.post("/documents/plan", headers=as_user("tok-forged"), status=403)  # unknown token: anonymous


def test_a_view_without_a_permission_gets_the_default_one(client):
    client.get("/stats", status=403)
    client.get("/stats", headers=as_user("tok-ada"), status=403)
    assert client.get("/stats", headers=as_user("tok-root"), status=200).json == {"documents": 1}
    assert client.get("/health", status=200).json == {"ok": True}  # explicitly public


def test_the_admin_acl_on_the_root_is_inherited(client):
    assert client.post("/documents/plan", headers=as_user("tok-root"), status=200).json["by"] == "root"
