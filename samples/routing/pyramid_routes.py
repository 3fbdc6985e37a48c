"""Pyramid: named routes, views chosen by predicates, the json renderer and URL generation."""

from pyramid.config import Configurator, not_
from pyramid.httpexceptions import HTTPMethodNotAllowed, HTTPNotFound
from pyramid.response import Response

BOOKS = {1: "Dune", 2: "Beloved"}


def book_list(request):  # returns a dict: the json renderer turns it into the response
    return {"books": [request.route_path("book", book_id=book_id) for book_id in sorted(BOOKS)]}


def find_book(request):
    book_id = int(request.matchdict["book_id"])  # a str that the pattern let through: digits only
    if book_id not in BOOKS:
        raise HTTPNotFound()
    return book_id, BOOKS[book_id]


def book_json(request):
    book_id, title = find_book(request)
    return {"id": book_id, "title": title}


def book_text(request):  # the same resource, another representation
    return Response(find_book(request)[1], content_type="text/plain")


def method_not_allowed(request):  # without it, Pyramid answers 404 when no view's predicates match
    return HTTPMethodNotAllowed(headers={"Allow": "GET, HEAD"})


with Configurator() as config:
    config.add_route("books", "/books/")
    config.add_route("book", r"/books/{book_id:\d+}")  # /books/abc matches no route: 404
    config.add_view(book_list, route_name="books", request_method="GET", renderer="json")
    config.add_view(book_json, route_name="book", request_method="GET", renderer="json", accept="application/json")
    config.add_view(book_text, route_name="book", request_method="GET", accept="text/plain")
    config.add_view(method_not_allowed, route_name="book", request_method=not_("GET"))
    config.add_accept_view_order("application/json", weighs_more_than="text/plain")  # for Accept: */*
    config.add_notfound_view(append_slash=True)  # GET or POST /books: 307 redirect to /books/
    app = config.make_wsgi_app()
