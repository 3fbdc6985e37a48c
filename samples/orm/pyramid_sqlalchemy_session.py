"""Pyramid with SQLAlchemy: request.dbsession, created on first use, closed by a finished callback."""

from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPConflict, HTTPNotFound
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from samples.orm.sqlalchemy_models import Author


def dbsession(request):
    session = request.registry.settings["sessionmaker"]()
    # Runs at the very end of the request, whatever happened: give the connection back.
    request.add_finished_callback(lambda request: session.close())
    return session


def author_books(request):
    author = request.dbsession.get(Author, int(request.matchdict["author_id"]))
    if author is None:
        raise HTTPNotFound()
    return {"author": author.name, "books": sorted(book.title for book in author.books)}


def add_author(request):
    session = request.dbsession
    author = Author(name=request.json_body["name"])
    session.add(author)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return HTTPConflict(json_body={"error": f"{author.name} exists already"})
    request.response.status_code = 201
    return {"id": author.id, "name": author.name}


def list_authors(request):
    return {"authors": list(request.dbsession.scalars(select(Author.name).order_by(Author.name)))}


def create_app(engine):
    with Configurator(settings={"sessionmaker": sessionmaker(bind=engine)}) as config:
        # reify=True: computed once per request, on first access, then cached on the request.
        config.add_request_method(dbsession, "dbsession", reify=True)
        config.add_route("authors", "/authors")
        config.add_route("author_books", r"/authors/{author_id:\d+}/books")
        config.add_view(list_authors, route_name="authors", request_method="GET", renderer="json")
        config.add_view(add_author, route_name="authors", request_method="POST", renderer="json")
        config.add_view(author_books, route_name="author_books", request_method="GET", renderer="json")
        return config.make_wsgi_app()
