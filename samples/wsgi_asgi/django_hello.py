"""A Django project in one file: settings, one URL, one view and the WSGI entry point."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

if not settings.configured:  # settings can be configured once per process only
    settings.configure(
        ROOT_URLCONF=__name__,  # this module's `urlpatterns` below
        ALLOWED_HOSTS=["localhost", "127.0.0.1"],
        SECRET_KEY="sample-only-never-use-in-production",
    )


@require_GET  # any other method gets 405 with an Allow header
def hello(request):
    return HttpResponse("Hello, Django!", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", hello)]

# What a project's wsgi.py exposes; its asgi.py exposes get_asgi_application() the same way.
application = get_wsgi_application()
