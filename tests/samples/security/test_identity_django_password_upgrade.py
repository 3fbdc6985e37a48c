"""samples/security/identity_django_password_upgrade.py, driven by Django's test client."""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.contrib.auth.models import User
from django.test import Client, override_settings

from samples.security import identity_django_password_upgrade as sample

pytestmark = pytest.mark.usefixtures("auth_db", "sample_settings")


@pytest.fixture
def sample_settings():
    with override_settings(ROOT_URLCONF=sample.__name__, PASSWORD_HASHERS=sample.PASSWORD_HASHERS):
        yield


@pytest.fixture
def legacy_user():
    """A user imported from an old system: an MD5 hash, fast to crack, still in the table."""
    user = User.objects.create(username="ada")
    User.objects.filter(pk=user.pk).update(password=make_password("correct horse battery", hasher="md5"))
    return user


def test_new_passwords_get_the_first_hasher_with_a_random_salt():
    first, second = make_password("s3cret-passphrase"), make_password("s3cret-passphrase")
    assert first.startswith("scrypt$16384$")  # algorithm$N$salt$r$p$hash: the parameters travel with the hash
    assert first != second  # a new salt each time: equal passwords do not give equal hashes
    assert check_password("s3cret-passphrase", first) and not check_password("s3cret-passphrasE", first)


def test_a_successful_login_upgrades_the_legacy_hash(legacy_user):
    assert identify_hasher(User.objects.get(pk=legacy_user.pk).password).algorithm == "md5"
    response = Client().post("/login/", {"username": "ada", "password": "correct horse battery"})
    assert response.status_code == 200
    stored = User.objects.get(pk=legacy_user.pk).password
    assert identify_hasher(stored).algorithm == "scrypt"
    assert check_password("correct horse battery", stored)


def test_a_failed_login_leaves_the_hash_alone_and_says_the_same_for_unknown_users(legacy_user):
    wrong = Client().post("/login/", {"username": "ada", "password": "correct horse"})
    unknown = Client().post("/login/", {"username": "nobody", "password": "correct horse battery"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"error": "invalid username or password"}
    assert User.objects.get(pk=legacy_user.pk).password.startswith("md5$")


def test_check_password_calls_the_setter_only_when_the_hash_is_outdated():
    upgraded = []
    legacy = make_password("hunter2-but-longer", hasher="md5")
    assert check_password("hunter2-but-longer", legacy, setter=upgraded.append)
    assert upgraded == ["hunter2-but-longer"]  # the setter receives the raw password, to hash it anew
    current = make_password("hunter2-but-longer")
    assert check_password("hunter2-but-longer", current, setter=upgraded.append)
    assert len(upgraded) == 1


def test_login_starts_a_new_session_and_a_new_csrf_token(legacy_user):
    client = Client()
    session = client.session
    session["cart"] = [42]  # something stored before logging in
    session.save()
    client.cookies["sessionid"] = session.session_key
    before = client.cookies["sessionid"].value
    client.cookies["csrftoken"] = "x" * 32
    response = client.post("/login/", {"username": "ada", "password": "correct horse battery"})
    assert response.status_code == 200
    assert response.cookies["sessionid"].value != before
    assert response.cookies["csrftoken"].value != "x" * 32
    assert client.session["_auth_user_id"] == str(legacy_user.pk)
    assert client.session["cart"] == [42]  # Django keeps the anonymous session's data across login()


@override_settings(SESSION_COOKIE_SECURE=True)
def test_the_session_cookie_attributes(legacy_user):
    response = Client().post("/login/", {"username": "ada", "password": "correct horse battery"})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True  # SESSION_COOKIE_HTTPONLY defaults to True
    assert cookie["samesite"] == "Lax"  # SESSION_COOKIE_SAMESITE defaults to "Lax"
    assert cookie["secure"] is True  # SESSION_COOKIE_SECURE defaults to False: set it in production


def test_get_is_refused():
    assert Client().get("/login/").status_code == 405
