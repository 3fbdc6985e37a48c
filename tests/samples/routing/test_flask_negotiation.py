"""samples/routing/flask_negotiation.py, driven by Flask's test client with various Accept headers."""

import pytest

from samples.routing.flask_negotiation import app


@pytest.fixture
def client():
    return app.test_client()


@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "application/*"])
def test_json_by_default_and_on_request(client, accept):
    response = client.get("/books", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == [{"id": 1, "title": "Dune"}, {"id": 2, "title": "Beloved"}]
    assert response.headers["Vary"] == "Accept"


@pytest.mark.parametrize("accept", ["text/csv", "text/*", "application/json;q=0.5, text/csv;q=0.9"])
def test_csv_when_the_client_prefers_it(client, accept):
    response = client.get("/books", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.data.decode().splitlines() == ["id,title", "1,Dune", "2,Beloved"]
    assert response.headers["Vary"] == "Accept"


@pytest.mark.parametrize("accept", ["image/png", "application/json;q=0, text/html"])
def test_406_when_nothing_offered_is_acceptable(client, accept):
    response = client.get("/books", headers={"Accept": accept})
    assert response.status_code == 406
    assert b"Available: application/json, text/csv" in response.data
