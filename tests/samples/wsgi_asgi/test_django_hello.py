"""samples/wsgi_asgi/django_hello.py, driven by Django's test client, then under WSGI and ASGI."""

import httpx2 as httpx
import pytest
import webtest
from django.core.asgi import get_asgi_application
from django.test import Client, override_settings

from samples.wsgi_asgi.django_hello import application
from tests.support.asyncio_thread import run

pytestmark = pytest.mark.usefixtures("sample_settings")


@pytest.fixture
def sample_settings():
    with override_settings(ROOT_URLCONF="samples.wsgi_asgi.django_hello"):
        yield


def test_root_says_hello():
    response = Client().get("/")
    assert response.status_code == 200
    assert response.content == b"Hello, Django!"
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_unknown_path_is_404():
    assert Client().get("/nope").status_code == 404


def test_post_is_405_and_says_what_is_allowed():
    response = Client().post("/")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET"


def test_the_wsgi_entry_point_serves_the_same_urls():
    response = webtest.TestApp(application, extra_environ={"HTTP_HOST": "testserver"}).get("/")
    assert response.status == "200 OK"
    assert response.body == b"Hello, Django!"


def test_the_same_project_under_asgi():
    async def go():
        transport = httpx.ASGITransport(app=get_asgi_application())
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get("/"), await client.get("/nope")

    found, missing = run(go())
    assert (found.status_code, found.content) == (200, b"Hello, Django!")
    assert missing.status_code == 404
