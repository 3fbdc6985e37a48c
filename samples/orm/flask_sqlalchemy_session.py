"""Flask with plain SQLAlchemy: one Session per request, closed when the request ends."""

from flask import Flask, abort, g, request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from samples.orm.sqlalchemy_models import Author


def create_app(engine):
    app = Flask(__name__)
    app.extensions["sessionmaker"] = sessionmaker(bind=engine)

    def db_session():
        """This request's Session, opened on first use."""
        if "db_session" not in g:
            g.db_session = app.extensions["sessionmaker"]()
        return g.db_session

    @app.teardown_appcontext
    def close_session(exception):  # runs after every request, even one that raised
        session = g.pop("db_session", None)
        if session is not None:
            session.close()  # rolls back whatever was not committed, returns the connection to the pool

    @app.get("/authors/<int:author_id>/books")
    def author_books(author_id):
        author = db_session().get(Author, author_id) or abort(404)
        return {"author": author.name, "books": sorted(book.title for book in author.books)}

    @app.post("/authors")
    def add_author():
        session = db_session()
        author = Author(name=request.get_json()["name"])
        session.add(author)
        try:
            session.commit()  # commit in the view: a failure here can still change the response
        except IntegrityError:
            session.rollback()
            return {"error": f"{author.name} exists already"}, 409
        return {"id": author.id, "name": author.name}, 201

    @app.get("/authors")
    def list_authors():
        return {"authors": list(db_session().scalars(select(Author.name).order_by(Author.name)))}

    return app
