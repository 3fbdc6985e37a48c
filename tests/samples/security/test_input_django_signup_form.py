"""samples/security/input_django_signup_form.py: the forms directly, the view through Django's Client."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from samples.orm.library.models import Author
from samples.security.input_django_signup_form import AuthorForm, SignupForm

VALID = {"username": "ada_lovelace", "email": "ada@example.org", "age": "36", "plan": "pro"}


def test_cleaned_data_holds_the_declared_fields_only_normalised():
    form = SignupForm({**VALID, "username": "ＡＤＡ_Lovelace", "is_staff": "1", "is_superuser": "on"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"username": "ada_lovelace", "email": "ada@example.org", "age": 36, "plan": "pro"}


def test_every_field_is_checked_and_every_error_reported():
    form = SignupForm({"username": "ab\n", "email": "nope", "age": "9", "plan": "gold"})
    assert not form.is_valid()
    assert form.errors.as_data().keys() == {"username", "email", "age", "plan"}
    assert [e.code for e in form.errors.as_data()["plan"]] == ["invalid_choice"]


@pytest.mark.parametrize("username", ["ada\n", " ada", "ada lovelace", "ada<script>", "ﬁ" * 16, "ab"])
def test_usernames_outside_the_allow_list_are_refused(username):
    assert "username" in SignupForm({**VALID, "username": username}).errors


def test_the_view_answers_400_with_all_the_errors_as_json():
    with override_settings(ROOT_URLCONF="samples.security.input_django_signup_form"):
        response = Client().post("/signup/", {"username": "x", "email": "y", "age": "z", "plan": "gold"})
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"username", "email", "age", "plan"}
        response = Client().post("/signup/", {**VALID, "is_staff": "1"})
        assert (response.status_code, response.json()["username"]) == (201, "ada_lovelace")
        assert "is_staff" not in response.json()


@pytest.mark.usefixtures("django_tables")
def test_a_model_form_copies_only_its_listed_fields():
    form = AuthorForm({"name": "Mary Shelley", "id": "999"})
    assert form.is_valid(), form.errors
    author = form.save()
    try:
        assert author.pk != 999  # the forged primary key was ignored
    finally:
        author.delete()


@pytest.mark.usefixtures("django_tables")
def test_full_clean_checks_the_model_but_save_does_not_call_it():
    too_long = Author(name="x" * 101)
    with pytest.raises(ValidationError) as excinfo:
        too_long.full_clean()
    assert list(excinfo.value.message_dict) == ["name"]
    too_long.save()  # no validation here, and SQLite does not enforce VARCHAR(100): 101 characters stored
    try:
        assert len(Author.objects.get(pk=too_long.pk).name) == 101
    finally:
        too_long.delete()
