"""Django: a Form declares the fields it accepts; is_valid() checks them all and reports every error.
A ModelForm names its fields explicitly, so a forged "id" or "is_staff" in the POST is never copied."""

import os
import unicodedata

from django import forms
from django.core.validators import RegexValidator
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

from samples.orm.library.models import Author

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")


class SignupForm(forms.Form):
    username = forms.CharField(min_length=3, max_length=30, strip=False)  # " ada" is refused, not trimmed
    email = forms.EmailField(max_length=254)
    age = forms.IntegerField(min_value=13, max_value=130)
    plan = forms.ChoiceField(choices=[("free", "Free"), ("pro", "Pro")])  # only the values the page offered

    def clean_username(self):  # clean_<field>() runs after the field's own checks passed
        name = unicodedata.normalize("NFKC", self.cleaned_data["username"]).lower()
        RegexValidator(r"\A[a-z0-9_]{3,30}\Z", "Letters, digits and _ only.")(name)  # \Z: no trailing newline
        return name


class AuthorForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = ["name"]  # never "__all__", never exclude=[...]: a field added to the model later stays out


@require_POST
def signup(request):
    form = SignupForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return JsonResponse(form.cleaned_data, status=201)  # cleaned_data holds the declared fields only


urlpatterns = [path("signup/", signup)]
