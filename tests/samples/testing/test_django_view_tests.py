"""samples/testing/django_view_tests.py: its TestCase passes in any order on the in-memory database, and
leaves no row behind; the Client goes through middleware, RequestFactory does not."""

import json

import pytest
from django.test import Client, RequestFactory, override_settings

from samples.orm.library.models import Author
from samples.testing import django_view_tests
from tests.support.inner_pytest import run_sample_tests

# What Django's test runner does before any test: create the tables (here, in the in-memory database).
pytestmark = pytest.mark.usefixtures("django_tables")


@pytest.mark.parametrize("reverse", [False, True], ids=["in file order", "reversed"])
def test_the_testcase_passes_in_either_order_and_leaves_the_table_empty(reverse):
    code, outcomes = run_sample_tests(django_view_tests.__file__, reverse=reverse)
    assert code == pytest.ExitCode.OK
    assert len(outcomes) == 6
    assert set(outcomes.values()) == {"passed"}
    assert Author.objects.count() == 0  # setUpTestData's row too: the class's transaction was rolled back


def test_the_client_goes_through_middleware_and_request_factory_does_not():
    with override_settings(ROOT_URLCONF=django_view_tests.__name__):
        assert Client().get("/authors").status_code == 301  # CommonMiddleware's APPEND_SLASH
        response = django_view_tests.authors(RequestFactory().get("/authors"))
        assert (response.status_code, json.loads(response.content)) == (200, {"authors": []})  # the view ran
        assert not hasattr(response, "json")  # a plain HttpResponse: .json() is added by the test Client only
