"""FastAPI: an APIRouter included under a prefix, typed parameters and a dependency."""

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request

BOOKS = {1: "Dune", 2: "Beloved", 3: "Emma"}


def get_books() -> dict[int, str]:  # a dependency: a test can swap it through app.dependency_overrides
    return BOOKS


Books = Annotated[dict[int, str], Depends(get_books)]
router = APIRouter(prefix="/books", tags=["books"])


@router.get("/")  # /v1/books/ once included below; /v1/books gets a 307 redirect to it
def list_books(request: Request, books: Books, limit: Annotated[int, Query(ge=1, le=100)] = 10):
    # ?limit=0 or ?limit=many never reaches this line: FastAPI answers 422 with the reason.
    return [{"id": i, "url": str(request.url_for("get_book", book_id=i))} for i in sorted(books)[:limit]]


@router.get("/{book_id}")
def get_book(book_id: Annotated[int, Path(ge=1)], books: Books):  # /v1/books/abc: 422, not 404
    if book_id not in books:
        raise HTTPException(status_code=404, detail="no such book")
    return {"id": book_id, "title": books[book_id]}


app = FastAPI()
app.include_router(router, prefix="/v1")  # the version lives in the path: /v1/books/{book_id}
