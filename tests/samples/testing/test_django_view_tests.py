"""samples/testing/django_view_tests.py: its TestCase passes in any order on the in-memory database, and
leaves no row behind; the Client goes through middleware, RequestFactory does not."""

import json

import pytest
from django.db import connection
from django.test import Client, RequestFactory, override_settings

from samples.orm.library.models import Author, Book
from samples.testing import django_view_tests


@pytest.fixture(scope="module", autouse=True)
def tables():
    """What Django's test runner does before any test: create the tables (here, in the in-memory database)."""
    existing = set(connection.introspection.table_names())
    created = [model for model in (Author, Book) if model._meta.db_table not in existing]
    with connection.schema_editor() as editor:
        for model in created:
            editor.create_model(model)
    yield
    with connection.schema_editor() as editor:
        for model in reversed(created):
            editor.delete_model(model)


class Outcomes:
    def __init__(self, reverse=False):
        self.reverse, self.outcomes = reverse, {}

    def pytest_collection_modifyitems(self, items):
        if self.reverse:
            items.reverse()

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.outcome != "passed":
            self.outcomes[report.nodeid.split("::")[-1]] = report.outcome


@pytest.mark.parametrize("reverse", [False, True], ids=["in file order", "reversed"])
def test_the_testcase_passes_in_either_order_and_leaves_the_table_empty(reverse):
    recorder = Outcomes(reverse)
    args = [django_view_tests.__file__, "-q", "-p", "no:cacheprovider", "-p", "no:playwright"]
    assert pytest.main(args, plugins=[recorder]) == pytest.ExitCode.OK
    assert len(recorder.outcomes) == 6
    assert set(recorder.outcomes.values()) == {"passed"}
    assert Author.objects.count() == 0  # setUpTestData's row too: the class's transaction was rolled back


def test_the_client_goes_through_middleware_and_request_factory_does_not():
    with override_settings(ROOT_URLCONF=django_view_tests.__name__):
        assert Client().get("/authors").status_code == 301  # CommonMiddleware's APPEND_SLASH
        response = django_view_tests.authors(RequestFactory().get("/authors"))
        assert (response.status_code, json.loads(response.content)) == (200, {"authors": []})  # the view ran
        assert not hasattr(response, "json")  # a plain HttpResponse: .json() is added by the test Client only
