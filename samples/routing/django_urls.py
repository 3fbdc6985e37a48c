"""A Django project's root URLconf: a custom converter and an included app (settings: samples/django_settings.py)."""

import datetime
import os

from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import include, path, register_converter, reverse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")
os.environ.setdefault("SAMPLE_URLCONF", __name__)


class IsoDateConverter:  # <isodate:day> matches 2025-03-14 and hands the view a datetime.date
    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value):
        return datetime.date.fromisoformat(value)  # 2025-02-30 raises ValueError: no match, 404

    def to_url(self, value):  # used by reverse(): a ValueError there becomes NoReverseMatch
        if not isinstance(value, datetime.date):
            raise ValueError(f"not a date: {value!r}")
        return value.isoformat()


register_converter(IsoDateConverter, "isodate")


def day_detail(request, day):
    tomorrow = reverse("day", kwargs={"day": day + datetime.timedelta(days=1)})
    return JsonResponse({"day": day.isoformat(), "next": tomorrow})


urlpatterns = [
    path("books/", include("samples.routing.django_books_urls")),  # namespace "books", from app_name
    path("days/<isodate:day>/", day_detail, name="day"),
]

application = get_wsgi_application()
