# --- PYODIDE:env --- #
from course_helpers.packages import import_after_require as _import_after_require, require as _require

await _require("django")
import datetime as _datetime

from course_helpers.checks import call as _call
from course_helpers.django_setup import configure_django as _configure_django, serve

_configure_django()
# configure_django() forgets the converters of a previous run, but not the routes Django compiled
# with them: forget those too, so that each run compiles its routes with its own converters.
_route_to_regex = _import_after_require("django.urls.resolvers", "_route_to_regex")

_route_to_regex.cache_clear()


def _fetch(client, path, method="GET"):
    """Send one request through Django's test client; what the converter or the view raises becomes a message."""
    return _call(
        client.generic,
        method,
        path,
        described_as=f"{method} {path}",
        advice="Only to_python() refuses a URL by raising ValueError (Django then answers 404); what the view "
        "raises is a 500: the view must answer every month that the converter lets through.",
    )


def _json_of(response):
    """The JSON object a response carries, or None when it declares another type or is no JSON object."""
    if response.headers.get("Content-Type") != "application/json":
        return None
    try:
        data = response.json()
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _month_url(value):
    """reverse("month", kwargs={"month": value}); None when reverse() raises NoReverseMatch."""
    NoReverseMatch, reverse = _import_after_require("django.urls", "NoReverseMatch", "reverse")

    try:
        return reverse("month", kwargs={"month": value})
    except NoReverseMatch:
        return None
    except Exception as error:  # noqa: BLE001 - the learner's to_url may raise anything
        raise AssertionError(
            f"reverse('month', kwargs={{'month': {value!r}}}) raised {type(error).__name__}: {error}. Hint: reverse() "
            "turns only a ValueError from to_url() into NoReverseMatch; any other exception escapes it. Check that "
            "the value is a datetime.date first, and raise ValueError when it is not."
        ) from None


# --- PYODIDE:code --- #
import datetime

from django.http import JsonResponse
from django.urls import path, register_converter, reverse


class MonthConverter:
    regex = r""

    def to_python(self, value): ...

    def to_url(self, value): ...


def month_archive(request, month): ...


urlpatterns = []

# --- PYODIDE:corr --- #
import datetime

from django.http import JsonResponse
from django.urls import path, register_converter, reverse


class MonthConverter:
    """<month:...> matches 2025-03 and hands the view datetime.date(2025, 3, 1)."""

    regex = r"[0-9]{4}-[0-9]{2}"  # [0-9], not \d, which also matches the digits of other scripts

    def to_python(self, value):
        # The regex vouches for the shape; date() refuses the year 0000 and the months 00 and 13
        # with a ValueError, which Django turns into "no match": a 404.
        return datetime.date(int(value[:4]), int(value[5:]), 1)

    def to_url(self, value):
        if not isinstance(value, datetime.date):  # a datetime.datetime is a date too
            raise ValueError(f"a month is a datetime.date, not {value!r}")  # reverse() raises NoReverseMatch
        return f"{value.year:04d}-{value.month:02d}"


register_converter(MonthConverter, "month")


def month_link(month, days):
    """The URL of the month of the day `days` after `month`; None past the ends of the calendar."""
    try:
        day = month + datetime.timedelta(days=days)
    except OverflowError:  # before 0001-01-01 or after 9999-12-31
        return None
    return reverse("month", kwargs={"month": day})


def month_archive(request, month):
    return JsonResponse(
        {
            "month": f"{month.year:04d}-{month.month:02d}",
            "previous": month_link(month, -1),  # the last day of the month before
            "next": month_link(month, 31),  # a day of the month after, whatever the month's length
        }
    )


urlpatterns = [path("archive/<month:month>/", month_archive, name="month")]

# --- PYODIDE:tests --- #
_client = serve(urlpatterns)

_url = _month_url(_datetime.date(2025, 3, 14))
assert _url == "/archive/2025-03/", (
    f"reverse('month', kwargs={{'month': datetime.date(2025, 3, 14)}}) should give '/archive/2025-03/', got "
    f"{'NoReverseMatch' if _url is None else repr(_url)}. Hint: register_converter(MonthConverter, 'month'), then route "
    "path('archive/<month:month>/', month_archive, name='month'); to_url() must return text that the regex "
    "matches, the year and the month only: for datetime.date(2025, 3, 14) it returned "
    f"{_call(MonthConverter().to_url, _datetime.date(2025, 3, 14))!r}."
)

_response = _fetch(_client, "/archive/2025-03/")
assert _response.status_code == 200, (
    f"GET /archive/2025-03/ should get 200, got {_response.status_code}. "
    "Hint: the regex must match 2025-03, and to_python() turn it into datetime.date(2025, 3, 1)."
)
assert _json_of(_response) == {"month": "2025-03", "previous": "/archive/2025-02/", "next": "/archive/2025-04/"}, (
    f"GET /archive/2025-03/ returned {_response.content[:200]!r}. Hint: expected {{'month': '2025-03', "
    "'previous': '/archive/2025-02/', 'next': '/archive/2025-04/'}, the links built with reverse('month', ...)."
)

_response = _fetch(_client, "/archive/2025-13/")
assert _response.status_code == 404, (
    f"GET /archive/2025-13/ (there is no month 13) should get 404, got {_response.status_code}. "
    "Hint: let to_python() raise ValueError for a month that does not exist: datetime.date(2025, 13, 1) does."
)

# --- PYODIDE:secrets --- #
import calendar as _calendar

from django.urls import resolve as _resolve
from django.urls.converters import get_converters as _get_converters

_client = serve(urlpatterns)
_registered = _get_converters().get("month")
assert type(_registered).__name__ == "MonthConverter", (
    f"The converter registered as 'month' should be a MonthConverter, got {_registered!r}. "
    "Hint: register_converter(MonthConverter, 'month'), with the class, not an instance."
)

# reverse() refuses what is no date, through a ValueError of to_url(), and writes four-digit years.
for _value in ("2025-03", "2025-13", None, 202503, (2025, 3), "", 0):
    _url = _month_url(_value)
    assert _url is None, (
        f"reverse('month', kwargs={{'month': {_value!r}}}) should raise NoReverseMatch, got {_url!r}. "
        "Hint: to_url() takes a datetime.date; for anything else, raise ValueError: a link to a month that may not "
        "exist is a link to a 404."
    )
for _value, _expected in (
    (_datetime.date(5, 1, 31), "/archive/0005-01/"),
    (_datetime.date(999, 12, 31), "/archive/0999-12/"),
    (_datetime.date.min, "/archive/0001-01/"),
    (_datetime.date.max, "/archive/9999-12/"),
    (_datetime.datetime(2025, 3, 31, 23, 59, 59), "/archive/2025-03/"),
):
    _url = _month_url(_value)
    assert _url == _expected, (
        f"reverse('month', kwargs={{'month': {_value!r}}}) should give {_expected!r}, got "
        f"{'NoReverseMatch' if _url is None else repr(_url)} (to_url() returned "
        f"{_call(MonthConverter().to_url, _value)!r}). Hint: write the year with "
        "four digits and the month with two, f'{value.year:04d}-{value.month:02d}'; a datetime.datetime is a "
        "datetime.date too."
    )

# What the regex and to_python refuse: 404, and the view never runs.
for _text, _advice in (
    ("2025-3", "the month takes two digits"),
    ("25-03", "the year takes four digits"),
    ("12025-03", "the year takes four digits, no more"),
    ("2025-003", "the month takes two digits, no more"),
    ("2025-03-01", "a month has no day"),
    ("2025_03", "the separator is '-'"),
    ("202503", "the separator is '-'"),
    ("+025-03", "a year is four digits, without a sign"),
    ("%202025-03", "no space"),
    ("2025-03%0A", "a regex $ also matches before a final newline; Django ends the route with \\Z"),
    ("%D9%A2%D9%A0%D9%A2%D9%A5-%D9%A0%D9%A3", "\\d also matches the digits of other scripts (here Arabic-Indic)"),
    ("%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95-%EF%BC%90%EF%BC%93", "\\d also matches fullwidth digits"),
    ("2025-00", "there is no month 00"),
    ("2025-13", "there is no month 13"),
    ("2025-99", "there is no month 99"),
    ("0000-01", "there is no year 0"),
    ("abcd-ef", "a month is digits"),
):
    _response = _fetch(_client, f"/archive/{_text}/")
    assert _response.status_code == 404, (
        f"GET /archive/{_text}/ should get 404 ({_advice}), got {_response.status_code}. Hint: make the regex exactly "
        "[0-9]{4}-[0-9]{2}, and raise ValueError in to_python() for a month that does not exist."
    )
# The months next to the ends of the calendar, and next to a change of year.
for _text, _previous, _following in (
    ("0001-01", None, "/archive/0001-02/"),
    ("0001-02", "/archive/0001-01/", "/archive/0001-03/"),
    ("0999-12", "/archive/0999-11/", "/archive/1000-01/"),
    ("1000-01", "/archive/0999-12/", "/archive/1000-02/"),
    ("2024-12", "/archive/2024-11/", "/archive/2025-01/"),
    ("2025-01", "/archive/2024-12/", "/archive/2025-02/"),
    ("2024-02", "/archive/2024-01/", "/archive/2024-03/"),
    ("9999-11", "/archive/9999-10/", "/archive/9999-12/"),
    ("9999-12", "/archive/9999-11/", None),
):
    _response = _fetch(_client, f"/archive/{_text}/")
    _expected = {"month": _text, "previous": _previous, "next": _following}
    if _response.status_code == 404:
        _advice = (
            "to_python() refused a month that exists: the years go from 0001 to 9999, the months from 01 to 12, "
            "both included."
        )
    else:
        _advice = (
            "December is followed by January of the next year; the month before 0001-01 and the month after "
            "9999-12 are outside datetime.date's range: give None for them."
        )
    assert _response.status_code == 200 and _json_of(_response) == _expected, (
        f"GET /archive/{_text}/ should get 200 and {_expected!r}, got {_response.status_code} "
        f"{_response.content[:200]!r}. Hint: {_advice}"
    )
    _head = _fetch(_client, f"/archive/{_text}/", "HEAD")
    assert (_head.status_code, _head.content, _head.headers.get("Content-Type")) == (200, b"", "application/json"), (
        f"HEAD /archive/{_text}/ should get GET's 200 and Content-Type, and no body, got {_head.status_code} "
        f"{_head.headers.get('Content-Type')!r} {_head.content[:60]!r}. Hint: answer HEAD with the GET view."
    )

for _url, _month in (("/archive/%32%30%32%35-%30%33/", "2025-03"), ("/archive/2025%2D12/", "2025-12")):
    _data = _json_of(_fetch(_client, _url)) or {}
    assert _data.get("month") == _month, (
        f"GET {_url} should answer the month {_month} (Django decodes %XX before it matches), got {_data!r}. "
        "Hint: the converter sees the decoded segment: let the regex and to_python() work on that."
    )

# The round trip, for every month of years chosen near the edges: reverse() then resolve() gives the month back.
for _year in (1, 2, 99, 999, 1000, 1582, 1999, 2000, 2024, 2025, 9998, 9999):
    for _number in range(1, 13):
        _first = _datetime.date(_year, _number, 1)
        _last = _datetime.date(_year, _number, _calendar.monthrange(_year, _number)[1])
        _urls = {_month_url(day) for day in (_first, _datetime.date(_year, _number, 15), _last)}
        _expected = f"/archive/{_year:04d}-{_number:02d}/"
        assert _urls == {_expected}, (
            f"reverse('month', ...) of the 1st, the 15th and the last day of {_expected[9:16]} should all give "
            f"{_expected!r}, got {sorted(_urls, key=str)!r}. Hint: to_url() writes the year and the month of the date, "
            "whatever its day."
        )
        _found = _resolve(_expected).kwargs.get("month")
        assert type(_found) is _datetime.date and _found == _first, (
            f"resolve({_expected!r}) should hand the view datetime.date({_year}, {_number}, 1), got {_found!r}. "
            "Hint: to_python() returns the first day of the month, as a datetime.date."
        )

_first = _json_of(_fetch(_client, "/archive/2000-02/"))
assert (
    _first
    == _json_of(_fetch(_client, "/archive/2000-02/"))
    == _json_of(_fetch(serve(urlpatterns), "/archive/2000-02/"))
), (
    "The same request, sent twice, got two different answers. "
    "Hint: keep nothing in the converter or the view between requests: Django shares one converter for every request."
)
