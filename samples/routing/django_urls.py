"""A Django project's root URLconf in one file: settings, a custom converter, an included app."""

import datetime

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import include, path, register_converter, reverse

if not settings.configured:  # settings can be configured once per process only
    settings.configure(
        ROOT_URLCONF=__name__,
        ALLOWED_HOSTS=["localhost", "127.0.0.1"],
        SECRET_KEY="sample-only-never-use-in-production",
        MIDDLEWARE=["django.middleware.common.CommonMiddleware"],  # APPEND_SLASH needs it
    )


class IsoDateConverter:  # <isodate:day> matches 2025-03-14 and hands the view a datetime.date
    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value):
        return datetime.date.fromisoformat(value)  # 2025-02-30 raises ValueError: no match, 404

    def to_url(self, value):
        return value.isoformat()  # used by reverse()


register_converter(IsoDateConverter, "isodate")


def day_detail(request, day):
    tomorrow = reverse("day", kwargs={"day": day + datetime.timedelta(days=1)})
    return JsonResponse({"day": day.isoformat(), "next": tomorrow})


urlpatterns = [
    path("books/", include("samples.routing.django_books_urls")),  # namespace "books", from app_name
    path("days/<isodate:day>/", day_detail, name="day"),
]

application = get_wsgi_application()
