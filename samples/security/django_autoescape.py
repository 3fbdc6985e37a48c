"""Django templates escape every variable for HTML; what that does and does not cover, in one profile
page (settings: samples/django_settings.py)."""

import os

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import HttpResponse
from django.template import Context, Engine
from django.urls import path
from django.utils.html import format_html
from django.utils.safestring import mark_safe

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")

# A project declares its engine in the TEMPLATES setting; a standalone Engine escapes the same way.
engine = Engine()

PROFILE = engine.from_string(
    """<h1>{{ name }}</h1>
<input name="name" value="{{ name }}">
<a href="{{ website }}">Website</a>
{{ preferences|json_script:"preferences" }}"""
)
# Never: an unquoted attribute ends at the first space, and escaping leaves spaces and = alone.
UNQUOTED_ATTRIBUTE = engine.from_string("<input name=name value={{ name }}>")

is_web_url = URLValidator(schemes=["http", "https"])


def checked_website(url):
    """Escaping keeps a URL inside its attribute; only a check of its scheme stops javascript: and data:."""
    try:
        is_web_url(url)
    except ValidationError:
        return ""
    return url


def profile(request):
    name = request.GET.get("name", "")
    context = {
        "name": name,
        "website": checked_website(request.GET.get("website", "")),
        "preferences": {"greeting": f"Hello, {name}"},  # for the page's JavaScript: JSON in a <script> element
    }
    return HttpResponse(PROFILE.render(Context(context)))


def badge_unsafe(name):
    return mark_safe(f"<b>{name}</b>")  # VULNERABLE: marks the user's text safe along with the markup


def badge(name):
    return format_html("<b>{}</b>", name)  # escapes each argument, then marks the result safe


urlpatterns = [path("profile/", profile)]
