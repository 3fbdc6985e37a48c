"""samples/orm/fastapi_sqlalchemy_session.py, driven by FastAPI's TestClient."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from samples.orm.fastapi_sqlalchemy_session import create_app, get_session


@pytest.fixture
def app(engine):
    return create_app(engine)


def test_create_then_read(app):
    client = TestClient(app)
    created = client.post("/authors", json={"name": "Toni Morrison"})
    assert (created.status_code, created.json()) == (201, {"id": 1, "name": "Toni Morrison"})
    response = client.get("/authors/1/books")
    assert (response.status_code, response.json()) == (200, {"author": "Toni Morrison", "books": []})


def test_unknown_author_is_404_and_a_bad_body_422(app):
    client = TestClient(app)
    assert client.get("/authors/42/books").status_code == 404
    assert client.post("/authors", json={"nom": "x"}).status_code == 422


def test_a_duplicate_is_409_and_the_next_request_gets_a_clean_session(app):
    client = TestClient(app)
    assert client.post("/authors", json={"name": "Zoë Heller"}).status_code == 201
    duplicate = client.post("/authors", json={"name": "Zoë Heller"})
    assert (duplicate.status_code, duplicate.json()) == (409, {"detail": "Zoë Heller exists already"})
    assert client.get("/authors").json() == {"authors": ["Zoë Heller"]}


def test_each_request_gets_a_new_session_that_is_closed_after_it(app, engine):
    sessions = []

    def recording_session():
        with Session(engine) as session:
            sessions.append(session)
            yield session
        sessions.append("closed")

    app.dependency_overrides[get_session] = recording_session  # how tests swap the database
    client = TestClient(app)
    client.get("/authors")
    client.get("/authors")
    assert sessions[1] == sessions[3] == "closed"
    assert sessions[0] is not sessions[2]
