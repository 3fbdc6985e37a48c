# --- PYODIDE:env --- #
from html.parser import HTMLParser as _HTMLParser

from course_helpers.checks import call as _call
from course_helpers.django_setup import configure_django as _configure_django, serve
from course_helpers import packages as _packages

await _packages.require("django")
_configure_django()
Client = _packages.import_after_require("django.test", "Client")

TRANSFERS = []  # what the bank did: one (to, amount) pair per transfer, in order


class _Inputs(_HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.found.append(dict(attrs))


def hidden_token(html):
    """The value of the form's <input name="csrfmiddlewaretoken">, or None when it has none."""
    parser = _Inputs()
    parser.feed(html)
    return next((field.get("value") for field in parser.found if field.get("name") == "csrfmiddlewaretoken"), None)


def _browser(**headers):
    """A Django test client that enforces CSRF checks, as a real browser meets them."""
    return Client(enforce_csrf_checks=True, **headers)


def _send(client, method, path, data=None, secure=False, **extra):
    """One request through the client; what the views raise becomes a message."""
    try:
        return _call(
            getattr(client, method.lower()),
            path,
            data or {},
            secure=secure,
            described_as=f"{method} {'https' if secure else 'http'}://testserver{path}",
            advice="Every request must get a response: the form, a redirect, a 403 or a 405.",
            **extra,
        )
    except AssertionError as error:
        if "MultiValueDictKeyError" not in str(error):
            raise
        first, _, rest = str(error).partition("\n")
        raise AssertionError(
            f"{first}, with the body {data!r}: a form that leaves a field out makes the view crash. "
            'Hint: a field the form left out is recorded as "": read each one with request.POST.get(name, ""); '
            f"request.POST[name] raises MultiValueDictKeyError when it is missing. {rest.removeprefix('Hint: ')}"
        ) from None


# --- PYODIDE:code --- #
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]

FORM = """<form method="post" action="/transfer/send/">
  <input name="to"> <input name="amount">
  <button>Send</button>
</form>"""


def transfer_form(request):
    if "to" in request.GET:  # "convenience": one-click transfers from a link
        TRANSFERS.append((request.GET["to"], request.GET.get("amount", "")))
        return HttpResponseRedirect("/transfer/")
    return HttpResponse(FORM)


@csrf_exempt
def send_transfer(request):
    TRANSFERS.append((request.POST.get("to", ""), request.POST.get("amount", "")))
    return HttpResponseRedirect("/transfer/")


urlpatterns = [
    path("transfer/", transfer_form),
    path("transfer/send/", send_transfer),
]

# --- PYODIDE:corr --- #
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.http import require_POST

MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

FORM = """<form method="post" action="/transfer/send/">
  <input type="hidden" name="csrfmiddlewaretoken" value="{token}">
  <input name="to"> <input name="amount">
  <button>Send</button>
</form>"""


def transfer_form(request):
    return HttpResponse(FORM.format(token=get_token(request)))


@require_POST
def send_transfer(request):
    TRANSFERS.append((request.POST.get("to", ""), request.POST.get("amount", "")))
    return HttpResponseRedirect("/transfer/")


urlpatterns = [
    path("transfer/", transfer_form),
    path("transfer/send/", send_transfer),
]

# --- PYODIDE:tests --- #
_CSRF = "django.middleware.csrf.CsrfViewMiddleware"
assert isinstance(MIDDLEWARE, list) and _CSRF in MIDDLEWARE, (
    f"MIDDLEWARE is {MIDDLEWARE!r}: nothing checks the token of a POST. "
    f"Hint: add {_CSRF!r} to MIDDLEWARE; it refuses, with a 403, every POST that lacks a valid token."
)
TRANSFERS.clear()
_client = serve(urlpatterns, middleware=MIDDLEWARE)
_alice = _browser()

_page = _send(_alice, "GET", "/transfer/")
_token = hidden_token(_page.content.decode())
assert _page.status_code == 200 and _token, (
    f'GET /transfer/ should answer 200 with a form holding <input type="hidden" name="csrfmiddlewaretoken" '
    f'value="...">, got {_page.status_code} and the token {_token!r}. '
    "Hint: put get_token(request) in the value of that hidden input."
)
_response = _send(_alice, "POST", "/transfer/send/", {"to": "bob", "amount": "25", "csrfmiddlewaretoken": _token})
assert (_response.status_code, _response.headers.get("Location"), TRANSFERS) == (302, "/transfer/", [("bob", "25")]), (
    f"Alice's own form, posted back with its token, should record ('bob', '25') and redirect (302) to /transfer/; "
    f"got {_response.status_code}, Location {_response.headers.get('Location')!r}, TRANSFERS {TRANSFERS!r}. "
    "Hint: the token in the form and the csrftoken cookie come from the same get_token(request)."
)

TRANSFERS.clear()
_mallory = _browser()
_response = _send(_mallory, "POST", "/transfer/send/", {"to": "mallory", "amount": "1000"})
_exempt = getattr(send_transfer, "csrf_exempt", False)
_advice = "remove @csrf_exempt: it switches the middleware off for this view." if _exempt else "keep the middleware on."
assert _response.status_code == 403 and TRANSFERS == [], (
    f"A POST from another site, with no token, should get 403 and change nothing; got {_response.status_code} and "
    f"TRANSFERS {TRANSFERS!r}. Hint: {_advice}"
)

# --- PYODIDE:secrets --- #
# Tokens an attacker's page can put in its form, posted by a browser that holds a valid csrftoken cookie.
TOKEN_PAYLOADS = [
    "",
    " ",
    "null",
    "undefined",
    "None",
    "csrfmiddlewaretoken",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "' OR '1'='1",
    "%00",
]
# Over HTTPS, with a valid token and cookie: the header a cross-site request carries.
ORIGIN_PAYLOADS = [
    ("HTTP_ORIGIN", "https://evil.example"),
    ("HTTP_ORIGIN", "null"),
    ("HTTP_ORIGIN", "http://testserver"),
    ("HTTP_ORIGIN", "https://testserver.evil.example"),
    ("HTTP_ORIGIN", "https://testserver:8443"),
    ("HTTP_REFERER", "https://evil.example/transfer/"),
    ("HTTP_REFERER", "http://testserver/transfer/"),
    ("HTTP_REFERER", "https://testserver.evil.example/transfer/"),
]
# Query strings of a link or an <img src>, sent with GET and HEAD.
QUERY_PAYLOADS = [
    "to=mallory&amount=1000",
    "to=mallory&amount=1000&csrfmiddlewaretoken=x",
    "to=mallory",
    "amount=1000&to=mallory%0A",
]
# Other methods, sent to the action with a valid token in the X-CSRFToken header (as a script of the site would).
METHOD_PAYLOADS = ["PUT", "PATCH", "DELETE", "OPTIONS"]

_client = serve(urlpatterns, middleware=MIDDLEWARE)


def _form_token(client):
    """GET the form as the client's browser would; the token of its hidden input."""
    page = _send(client, "GET", "/transfer/")
    token = hidden_token(page.content.decode())
    assert page.status_code == 200 and token and "csrftoken" in client.cookies, (
        f"GET /transfer/ should answer 200, a hidden csrfmiddlewaretoken and a csrftoken cookie; got "
        f"{page.status_code}, the token {token!r}, the cookies {sorted(client.cookies)}. "
        "Hint: get_token(request) gives the token and makes the middleware set the cookie."
    )
    return token


def _refused(client, data, attack, secure=False, **extra):
    TRANSFERS.clear()
    response = _send(client, "POST", "/transfer/send/", {"to": "mallory", "amount": "1000", **data}, secure, **extra)
    assert response.status_code == 403 and TRANSFERS == [], (
        f"{attack} got {response.status_code} and recorded {TRANSFERS!r}: an attacker's page can move the money. "
        "Hint: keep CsrfViewMiddleware in MIDDLEWARE and no @csrf_exempt on the view; let Django answer 403."
    )


def _accepted(client, data, request, secure=False, **extra):
    TRANSFERS.clear()
    response = _send(client, "POST", "/transfer/send/", data, secure, **extra)
    wanted = [(data.get("to", ""), data.get("amount", ""))]
    assert (response.status_code, response.headers.get("Location"), TRANSFERS) == (302, "/transfer/", wanted), (
        f"{request} should record {wanted!r} and redirect to /transfer/, got {response.status_code}, Location "
        f"{response.headers.get('Location')!r} and TRANSFERS {TRANSFERS!r}. "
        "Hint: a fix that refuses everything is no fix: the bank's own form, with its token, must still work."
    )


# GET and HEAD never move money: the action answers 405, the form page only shows the form.
for _query in QUERY_PAYLOADS:
    for _method in ("GET", "HEAD"):
        TRANSFERS.clear()
        _response = _send(_browser(), _method, f"/transfer/send/?{_query}")
        assert _response.status_code == 405 and TRANSFERS == [], (
            f"{_method} /transfer/send/?{_query} got {_response.status_code} and recorded {TRANSFERS!r}: an <img src> "
            "or a link on any site sends that request. Hint: decorate send_transfer with @require_POST (405)."
        )
        _response = _send(_browser(), _method, f"/transfer/?{_query}")
        assert _response.status_code == 200 and TRANSFERS == [], (
            f"{_method} /transfer/?{_query} got {_response.status_code} and recorded {TRANSFERS!r}: a link on any site "
            "moves the money, and the middleware never checks a GET. "
            "Hint: the form page only shows the form; drop the 'convenience' that acts on query parameters."
        )
        _response = _send(_browser(), _method, f"/transfer/?{_query}", HTTP_REFERER="http://testserver/transfer/")
        assert _response.status_code == 200 and TRANSFERS == [], (
            f"{_method} /transfer/?{_query} with Referer: http://testserver/transfer/ got {_response.status_code} and "
            f"recorded {TRANSFERS!r}. A Referer is no proof of where a request comes from: a link posted on the bank's "
            "own pages (a message, a profile) carries the bank's Referer, and no token is checked on a GET. "
            "Hint: the form page only shows the form, whatever the query string and the headers; money moves only "
            "on a POST to /transfer/send/ with its token."
        )

_alice, _bob = _browser(), _browser()
_alice_token, _bob_token = _form_token(_alice), _form_token(_bob)

# Every other method to the action, with a valid token: 405 before the view runs, nothing recorded.
for _method in METHOD_PAYLOADS:
    TRANSFERS.clear()
    _response = _send(
        _alice,
        _method,
        "/transfer/send/",
        "to=mallory&amount=1000",
        content_type="application/x-www-form-urlencoded",
        HTTP_X_CSRFTOKEN=_alice_token,
    )
    assert _response.status_code == 405 and TRANSFERS == [], (
        f"{_method} /transfer/send/ with a valid X-CSRFToken header got {_response.status_code} and recorded "
        f"{TRANSFERS!r}: the action answers POST only, and every other method must get 405 before the view runs. "
        "Hint: @require_POST, not require_http_methods with a longer list, nor a view that accepts any method."
    )

# A POST to the form page itself, with a valid token: the page shows the form and changes nothing.
TRANSFERS.clear()
_response = _send(
    _alice, "POST", "/transfer/", {"to": "mallory", "amount": "1000", "csrfmiddlewaretoken": _alice_token}
)
assert TRANSFERS == [], (
    f"POST /transfer/ with a valid token got {_response.status_code} and recorded {TRANSFERS!r}: the form page must "
    "never change anything; only /transfer/send/ moves money. Hint: transfer_form only renders the form "
    "(@require_safe, or no branch on request.method); the form posts to /transfer/send/."
)

# The fields come from the form's body only: a query string on the action's URL is no form field.
for _body, _headers in (({}, {"HTTP_X_CSRFTOKEN": _alice_token}), ({"csrfmiddlewaretoken": _alice_token}, {})):
    TRANSFERS.clear()
    _response = _send(_alice, "POST", "/transfer/send/?to=mallory&amount=1000", _body, **_headers)
    assert (_response.status_code, TRANSFERS) == (302, [("", "")]), (
        f"POST /transfer/send/?to=mallory&amount=1000 with a valid token and the body {_body!r} got "
        f"{_response.status_code} and recorded {TRANSFERS!r}, where ('', '') was due: the form left both fields "
        "out, and a query string is part of a URL anyone can write into a link. "
        "Hint: read the fields from request.POST only, each with request.POST.get(name, '')."
    )
for _payload in TOKEN_PAYLOADS:
    _refused(_alice, {"csrfmiddlewaretoken": _payload}, f"A POST with the forged token {_payload!r}")
_refused(_alice, {}, "A POST with Alice's cookie and no token at all")
_refused(_alice, {"csrfmiddlewaretoken": _bob_token}, "A POST with Alice's cookie and the token of Bob's form")
_flipped = _alice_token[:-1] + ("a" if _alice_token[-1] != "a" else "b")
_refused(_alice, {"csrfmiddlewaretoken": _flipped}, "A POST with Alice's token, its last character changed")
_refused(_alice, {"csrfmiddlewaretoken": _alice_token.upper()}, "A POST with Alice's token in capitals")
_no_cookie = _browser()
_refused(_no_cookie, {"csrfmiddlewaretoken": _alice_token}, "A POST with Alice's token in the body and no cookie")
for _header, _value in ORIGIN_PAYLOADS:
    _refused(
        _alice,
        {"csrfmiddlewaretoken": _alice_token},
        f"An HTTPS POST with a valid token and {_header[5:].title()}: {_value}",
        secure=True,
        **{_header: _value},
    )

# The bank's own form still works: twice in a row, over HTTP and over HTTPS with its own Origin or Referer.
for _attempt in ("first", "second"):
    _token = _form_token(_alice)
    _data = {"to": "bob", "amount": "25", "csrfmiddlewaretoken": _token}
    _accepted(_alice, _data, f"Alice's own form, posted back ({_attempt} time)")
_accepted(_alice, {"to": "Zoë", "amount": "0", "csrfmiddlewaretoken": _alice_token}, "Alice's older token, still valid")
for _data in ({"amount": "5"}, {"to": "bob"}):
    _accepted(_alice, {**_data, "csrfmiddlewaretoken": _alice_token}, f"A form with the fields {sorted(_data)} only")
_accepted(
    _alice,
    {"to": "bob", "amount": "7", "csrfmiddlewaretoken": _form_token(_alice)},
    "An HTTPS POST with Origin: https://testserver",
    secure=True,
    HTTP_ORIGIN="https://testserver",
)
_accepted(
    _alice,
    {"to": "bob", "amount": "8", "csrfmiddlewaretoken": _form_token(_alice)},
    "An HTTPS POST with no Origin and Referer: https://testserver/transfer/",
    secure=True,
    HTTP_REFERER="https://testserver/transfer/",
)
TRANSFERS.clear()
