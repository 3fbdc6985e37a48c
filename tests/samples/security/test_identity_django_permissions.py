"""samples/security/identity_django_permissions.py, driven by Django's test client with real users and permissions."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client, override_settings

from samples.security import identity_django_permissions as sample

pytestmark = pytest.mark.usefixtures("auth_db", "sample_settings")


@pytest.fixture
def sample_settings():
    # A cheap hasher: these tests are about permissions, not about password hashing.
    with override_settings(
        ROOT_URLCONF=sample.__name__, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    ):
        yield


def client_for(user):
    client = Client()
    client.force_login(user)  # a logged-in session without going through a login form
    return client


@pytest.fixture
def ada():
    return User.objects.create_user("ada", password="irrelevant")


@pytest.fixture
def editor():
    user = User.objects.create_user("grace", password="irrelevant")
    editors = Group.objects.create(name="editors")
    editors.permissions.add(*Permission.objects.filter(codename__in=["change_book", "delete_book"]))
    user.groups.add(editors)  # permissions usually come from a group
    return user


def test_an_object_is_shown_to_its_owner_only(ada):
    assert client_for(ada).get("/invoices/1/").json() == {"id": 1, "total": 120}
    assert client_for(ada).get("/invoices/2/").status_code == 404  # grace's invoice: same answer as no invoice
    assert client_for(ada).get("/invoices/99/").status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page():
    response = Client().get("/invoices/1/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login/?next=/invoices/1/"


def test_permission_required_with_raise_exception_answers_403(ada, editor):
    assert client_for(ada).get("/books/7/edit/").status_code == 403
    assert client_for(editor).get("/books/7/edit/").json() == {"edited": 7}
    assert Client().get("/books/7/edit/").status_code == 403  # raise_exception: anonymous gets 403 too


def test_the_mixin_redirects_anonymous_users_and_refuses_the_others(ada, editor):
    assert Client().post("/books/7/delete/").status_code == 302
    assert client_for(ada).post("/books/7/delete/").status_code == 403
    assert client_for(editor).post("/books/7/delete/").json() == {"deleted": 7}


def test_has_perm_reads_group_permissions_and_ignores_inactive_users(ada, editor):
    assert editor.has_perm("library.change_book") and not ada.has_perm("library.change_book")
    superuser = User.objects.create_superuser("root", password="irrelevant")
    assert superuser.has_perm("library.change_book")  # a superuser has every permission
    editor.is_active = False
    editor.save()
    assert not User.objects.get(pk=editor.pk).has_perm("library.change_book")  # inactive users have none


def test_user_passes_test_mixin(ada):
    assert client_for(ada).get("/reports/").status_code == 403
    ada.is_staff = True
    ada.save()
    assert client_for(ada).get("/reports/").json() == {"report": "ok"}
