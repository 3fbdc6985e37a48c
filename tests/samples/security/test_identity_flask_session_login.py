"""samples/security/identity_flask_session_login.py, driven by Flask's test client over HTTPS."""

import base64

import pytest
from werkzeug.security import DEFAULT_PBKDF2_ITERATIONS, check_password_hash, generate_password_hash

from samples.security.identity_flask_session_login import DUMMY_HASH, create_app

USERS = {"ada": generate_password_hash("correct horse battery")}


def make_client(**config):
    app = create_app(USERS, {"TESTING": True, "SECRET_KEY": "key-2026", **config})
    return app.test_client()  # the client keeps cookies between requests


@pytest.fixture
def client():
    return make_client()


def log_in(client, password="correct horse battery"):
    return client.post("/login", data={"username": "ada", "password": password}, base_url="https://localhost")


def test_werkzeug_hashes_with_scrypt_by_default_and_a_salt_each_time():
    first, second = generate_password_hash("s3cret"), generate_password_hash("s3cret")
    assert first.startswith("scrypt:32768:8:1$")  # method:N:r:p, then $salt$hash
    assert first != second
    assert check_password_hash(first, "s3cret") and not check_password_hash(first, "S3cret")
    assert DEFAULT_PBKDF2_ITERATIONS == 1_000_000  # method="pbkdf2" gives "pbkdf2:sha256:1000000$..."
    assert generate_password_hash("s3cret", method="pbkdf2:sha256:1000").startswith("pbkdf2:sha256:1000$")
    assert DUMMY_HASH.startswith("scrypt:")


def test_login_sets_a_hardened_cookie(client):
    response = log_in(client)
    assert response.status_code == 200
    header = response.headers["Set-Cookie"]
    assert header.startswith("__Host-session=")
    for attribute in ("Secure", "HttpOnly", "Path=/", "SameSite=Lax", "Expires="):
        assert attribute in header
    assert "Domain=" not in header  # a __Host- cookie may not name a domain
    assert client.get("/me", base_url="https://localhost").get_json() == {"user": "ada"}


def test_wrong_password_and_unknown_user_get_the_same_answer(client):
    wrong = log_in(client, password="correct horse")
    unknown = client.post("/login", data={"username": "bob", "password": "x"}, base_url="https://localhost")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json()
    assert "Set-Cookie" not in wrong.headers


def test_the_session_is_signed_not_encrypted(client):
    log_in(client)
    value = client.get_cookie("__Host-session", domain="localhost").value
    payload = value.split(".")[0]  # itsdangerous: payload.timestamp.signature, payload in base64
    assert b'"user":"ada"' in base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    client.set_cookie("__Host-session", value[:-2] + "xx", domain="localhost", secure=True)
    assert client.get("/me", base_url="https://localhost").status_code == 401  # a tampered cookie is ignored


def test_secret_key_fallbacks_keep_sessions_alive_during_a_rotation():
    old = make_client(SECRET_KEY="key-2025")
    log_in(old)
    cookie = old.get_cookie("__Host-session", domain="localhost").value

    rotated = make_client(SECRET_KEY="key-2026", SECRET_KEY_FALLBACKS=["key-2025"])
    rotated.set_cookie("__Host-session", cookie, domain="localhost", secure=True)
    assert rotated.get("/me", base_url="https://localhost").get_json() == {"user": "ada"}

    replaced = make_client(SECRET_KEY="key-2026")  # no fallback: everyone signed with the old key is logged out
    replaced.set_cookie("__Host-session", cookie, domain="localhost", secure=True)
    assert replaced.get("/me", base_url="https://localhost").status_code == 401


def test_logout_empties_the_session(client):
    log_in(client)
    assert client.post("/logout", base_url="https://localhost").status_code == 204
    assert client.get("/me", base_url="https://localhost").status_code == 401
