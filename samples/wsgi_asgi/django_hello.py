"""A Django site in one module: one URL, one view and the WSGI entry point (settings: samples/django_settings.py)."""

import os

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

# What a project's wsgi.py does first: name the settings module. Served on its own, this
# module is the root URLconf too.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")
os.environ.setdefault("SAMPLE_URLCONF", __name__)


@require_GET  # any other method gets 405 with an Allow header
def hello(request):
    return HttpResponse("Hello, Django!", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", hello)]

# What a project's wsgi.py exposes; its asgi.py exposes get_asgi_application() the same way.
application = get_wsgi_application()
