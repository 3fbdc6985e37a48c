"""samples/testing/pyramid_webtest_tests.py: its tests pass; WebTest refuses an unexpected status."""

import pytest
import webtest

from samples.testing import pyramid_webtest_tests
from samples.testing.pyramid_webtest_tests import main
from tests.support.inner_pytest import run_sample_tests


def test_the_sample_tests_pass():
    code, outcomes = run_sample_tests(pyramid_webtest_tests.__file__)
    assert code == pytest.ExitCode.OK
    assert outcomes == dict.fromkeys(
        ["test_the_view_alone", "test_a_book_as_json", "test_an_unknown_book_and_a_bad_id_are_404"], "passed"
    )


def test_webtest_raises_on_a_status_nobody_expected():
    app = webtest.TestApp(main(books={}))
    with pytest.raises(webtest.AppError, match="404 Not Found"):
        app.get("/books/1")
    with pytest.raises(webtest.AppError, match="Bad response: 404"):
        app.get("/books/1", status=200)
    assert app.get("/books/1", expect_errors=True).status_int == 404


def test_the_json_renderer_and_the_method_predicate():
    app = webtest.TestApp(main(books={7: "Emma"}))
    response = app.get("/books/7")
    assert (response.content_type, response.json) == ("application/json", {"id": 7, "title": "Emma"})
    app.post("/books/7", status=404)  # request_method="GET": a POST finds no view (see the routing chapter)
