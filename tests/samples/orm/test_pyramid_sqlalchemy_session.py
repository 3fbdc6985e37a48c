"""samples/orm/pyramid_sqlalchemy_session.py, driven by WebTest."""

import pytest
import webtest
from sqlalchemy import event

from samples.orm.pyramid_sqlalchemy_session import create_app


@pytest.fixture
def client(engine):
    return webtest.TestApp(create_app(engine))


def test_create_then_read(client):
    created = client.post_json("/authors", {"name": "Toni Morrison"}, status=201)
    assert created.json == {"id": 1, "name": "Toni Morrison"}
    assert client.get("/authors/1/books", status=200).json == {"author": "Toni Morrison", "books": []}


def test_unknown_author_is_404(client):
    client.get("/authors/42/books", status=404)


def test_a_duplicate_is_409_and_the_next_request_gets_a_clean_session(client):
    client.post_json("/authors", {"name": "Zoë Heller"}, status=201)
    duplicate = client.post_json("/authors", {"name": "Zoë Heller"}, status=409)
    assert duplicate.json == {"error": "Zoë Heller exists already"}
    assert client.get("/authors").json == {"authors": ["Zoë Heller"]}


def test_the_session_is_closed_at_the_end_of_every_request(client, engine):
    activity = []
    event.listen(engine, "checkout", lambda *args: activity.append("out"))
    event.listen(engine, "checkin", lambda *args: activity.append("in"))
    client.get("/authors")
    client.get("/authors/42/books", status=404)  # the view raised: the callback still ran
    assert activity == ["out", "in", "out", "in"]
