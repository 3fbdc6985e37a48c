"""samples/orm/flask_sqlalchemy_session.py, driven by Flask's test client."""

import pytest
from sqlalchemy import event

from samples.orm.flask_sqlalchemy_session import create_app


@pytest.fixture
def pool_activity(engine):
    """How many times a connection left the pool and came back."""
    activity = {"checkout": 0, "checkin": 0}
    for name in activity:
        event.listen(engine, name, lambda *args, name=name: activity.__setitem__(name, activity[name] + 1))
    return activity


@pytest.fixture
def client(engine):
    return create_app(engine).test_client()


def test_create_then_read(client):
    created = client.post("/authors", json={"name": "Toni Morrison"})
    assert (created.status_code, created.json) == (201, {"id": 1, "name": "Toni Morrison"})
    response = client.get("/authors/1/books")
    assert (response.status_code, response.json) == (200, {"author": "Toni Morrison", "books": []})


def test_unknown_author_is_404(client):
    assert client.get("/authors/42/books").status_code == 404


def test_a_duplicate_is_409_and_the_next_request_gets_a_clean_session(client):
    assert client.post("/authors", json={"name": "Zoë Heller"}).status_code == 201
    duplicate = client.post("/authors", json={"name": "Zoë Heller"})
    assert (duplicate.status_code, duplicate.json) == (409, {"error": "Zoë Heller exists already"})
    assert client.get("/authors").json == {"authors": ["Zoë Heller"]}


def test_every_request_gives_its_connection_back(client, pool_activity):
    client.post("/authors", json={"name": "Octavia E. Butler"})
    client.get("/authors/1/books")
    client.get("/authors/99/books")  # aborted with 404: the teardown still runs
    # 4, not 3: after the POST's commit the session expires the author, so reading author.id for
    # the response loads it again, with a second checkout. Every checkout has its checkin.
    assert pool_activity["checkout"] == pool_activity["checkin"] == 4
