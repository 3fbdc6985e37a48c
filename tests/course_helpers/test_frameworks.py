"""course_helpers.django_setup and fastapi_setup: real Django and FastAPI, served without a server.

These run in the site environment (Django 5.2, a newer FastAPI); the exercises run the same
helpers against the browser's versions, in their own checks."""

# No `from __future__ import annotations`: FastAPI reads the endpoints' annotations at run time.

import warnings

import pytest

from course_helpers.asgi import call_asgi
from course_helpers.django_setup import BASE_SETTINGS, configure_django, serve


@pytest.fixture
def django_site():
    """configure_django() for a test, then the settings as they were: the samples' tests share this
    process, and configured Django from samples/django_settings.py."""
    from django.conf import settings
    from django.urls import clear_url_caches, set_urlconf

    if not settings.configured:
        configure_django()
    before = {name: getattr(settings, name) for name in BASE_SETTINGS}
    configure_django()
    yield
    configure_django()
    for name, value in before.items():
        setattr(settings, name, value)
    set_urlconf(None)
    clear_url_caches()


def test_a_urlconf_of_the_learner_is_served_with_namespaces_and_reverse(django_site):
    from django.http import JsonResponse
    from django.urls import include, path, reverse

    def detail(request, pk):
        return JsonResponse({"pk": pk, "url": reverse("books:detail", kwargs={"pk": pk})})

    client = serve([path("books/", include(([path("<int:pk>/", detail, name="detail")], "books")))])
    assert client.get("/books/3/").json() == {"pk": 3, "url": "/books/3/"}
    assert client.get("/books/3").status_code == 301, "CommonMiddleware's APPEND_SLASH is on"
    assert client.get("/books/x/").status_code == 404


def test_each_run_starts_clean_no_converter_left_behind(django_site):
    from django.urls import path, register_converter

    class Year:
        regex = "[0-9]{4}"

        def to_python(self, value):
            return int(value)

        def to_url(self, value):
            return str(value)

    register_converter(Year, "year")
    configure_django()  # the next Run of the page
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # registering again must not warn
        register_converter(Year, "year")
    client = serve([path("y/<year:y>/", lambda request, y: __import__("django.http").http.HttpResponse(str(y + 1)))])
    assert client.get("/y/2025/").content == b"2026"


def test_settings_can_be_chosen_per_exercise_and_per_client(django_site):
    from django.conf import settings
    from django.http import HttpResponse
    from django.urls import path

    configure_django(APPEND_SLASH=False)
    assert settings.APPEND_SLASH is False
    client = serve([path("a/", lambda request: HttpResponse("a"))], MIDDLEWARE=[])
    assert client.get("/a").status_code == 404 and settings.MIDDLEWARE == []
    configure_django()
    assert settings.APPEND_SLASH is True and settings.MIDDLEWARE == ["django.middleware.common.CommonMiddleware"]


def test_urlpatterns_that_are_not_a_list_get_a_message(django_site):
    with pytest.raises(AssertionError, match="Hint: urlpatterns = \\[path"):
        serve(None)


def test_fastapi_runs_plain_def_endpoints_and_dependencies_inline():
    from typing import Annotated

    from fastapi import Depends, FastAPI, Query

    from course_helpers.fastapi_setup import prepare_fastapi

    prepare_fastapi()

    def limit(limit: Annotated[int, Query(ge=1)] = 10):
        return limit

    app = FastAPI()

    @app.get("/items/{item_id}")
    def read(item_id: int, chosen: Annotated[int, Depends(limit)]):
        return {"item_id": item_id, "limit": chosen}

    assert call_asgi(app, path="/items/7", query=b"limit=3").body == b'{"item_id":7,"limit":3}'
    assert call_asgi(app, path="/items/7", query=b"limit=0").status == 422


def test_the_learners_middleware_object_is_served_and_each_client_keeps_its_chain(django_site):
    from django.http import HttpResponse
    from django.urls import path

    def tagging(get_response):
        def middleware(request):
            response = get_response(request)
            response["X-Tag"] = "on"
            return response

        return middleware

    urls = [path("a/", lambda request: HttpResponse("a"))]
    tagged = serve(urls, middleware=[tagging])
    plain = serve(urls, middleware=[])
    assert tagged.get("/a/")["X-Tag"] == "on", "the chain is built when the client is made"
    assert "X-Tag" not in plain.get("/a/")


def test_a_run_leaves_no_script_prefix_or_compiled_route_behind(django_site):
    from django.urls import get_script_prefix, set_script_prefix

    set_script_prefix("/shop/")
    configure_django()
    assert get_script_prefix() == "/"


def test_a_middleware_that_fails_to_start_gets_a_message(django_site):
    from django.http import HttpResponse
    from django.urls import path

    class Broken:
        def __init__(self, get_response):
            raise RuntimeError("no get_response for you")

    with pytest.raises(AssertionError, match="Setting up the middleware raised RuntimeError: no get_response for you"):
        serve([path("a/", lambda request: HttpResponse("a"))], middleware=[Broken])
