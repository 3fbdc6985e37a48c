"""FastAPI with SQLAlchemy: a dependency with yield gives each request its own Session."""

from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from samples.orm.sqlalchemy_models import Author


def get_session(request: Request):
    with request.app.state.sessionmaker() as session:  # closed after the request, even on an error
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


class NewAuthor(BaseModel):
    name: str


def create_app(engine):
    app = FastAPI()
    app.state.sessionmaker = sessionmaker(bind=engine)

    @app.get("/authors/{author_id}/books")
    def author_books(author_id: int, session: SessionDep):  # a def, not async def: run in a thread pool
        author = session.get(Author, author_id)
        if author is None:
            raise HTTPException(status_code=404, detail="no such author")
        return {"author": author.name, "books": sorted(book.title for book in author.books)}

    @app.post("/authors", status_code=201)
    def add_author(new: NewAuthor, session: SessionDep):
        author = Author(name=new.name)
        session.add(author)
        try:
            # Commit here, not after the yield: by default that code runs once the response is sent.
            session.commit()
        except IntegrityError:
            session.rollback()
            raise HTTPException(status_code=409, detail=f"{new.name} exists already") from None
        return {"id": author.id, "name": author.name}

    @app.get("/authors")
    def list_authors(session: SessionDep):
        return {"authors": list(session.scalars(select(Author.name).order_by(Author.name)))}

    return app
