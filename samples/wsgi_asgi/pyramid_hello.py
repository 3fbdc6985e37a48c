"""The smallest Pyramid application. Pyramid's Configurator builds a WSGI application."""

from pyramid.config import Configurator
from pyramid.response import Response


def hello(request):
    return Response("Hello, Pyramid!", content_type="text/plain", charset="utf-8")


with Configurator() as config:  # the `with` block commits the configuration when it ends
    config.add_route("hello", "/")
    # The request_method predicate: a POST to / matches no view, and Pyramid answers 404.
    config.add_view(hello, route_name="hello", request_method="GET")
    app = config.make_wsgi_app()  # app(environ, start_response), like any WSGI application


def main(global_config, **settings):
    """What `pserve pyramid_hello.ini` calls to get the application (PasteDeploy's app factory)."""
    return app
