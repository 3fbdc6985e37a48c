# --- PYODIDE:env --- #
from html.parser import HTMLParser

from course_helpers.checks import call
from course_helpers.django_setup import configure_django, serve
from course_helpers.packages import import_after_require, require

await require("django")
configure_django()
Client = import_after_require("django.test", "Client")

TRANSFERS = []  # what the bank did: one (to, amount) pair per transfer, in order


class _Inputs(HTMLParser):
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


def browser(**headers):
    """A Django test client that enforces CSRF checks, as a real browser meets them."""
    return Client(enforce_csrf_checks=True, **headers)


def send(client, method, path, data=None, secure=False, **extra):
    """One request through the client; what the views raise becomes a message."""
    return call(
        getattr(client, method.lower()),
        path,
        data or {},
        secure=secure,
        described_as=f"{method} {'https' if secure else 'http'}://testserver{path}",
        advice="Every request must get a response: the form, a redirect, a 403 or a 405.",
        **extra,
    )


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
CSRF = "django.middleware.csrf.CsrfViewMiddleware"
assert isinstance(MIDDLEWARE, list) and CSRF in MIDDLEWARE, (
    f"MIDDLEWARE is {MIDDLEWARE!r}: nothing checks the token of a POST. "
    f"Hint: add {CSRF!r} to MIDDLEWARE; it refuses, with a 403, every POST that lacks a valid token."
)
TRANSFERS.clear()
client = serve(urlpatterns, middleware=MIDDLEWARE)
alice = browser()

page = send(alice, "GET", "/transfer/")
token = hidden_token(page.content.decode())
assert page.status_code == 200 and token, (
    f'GET /transfer/ should answer 200 with a form holding <input type="hidden" name="csrfmiddlewaretoken" '
    f'value="...">, got {page.status_code} and the token {token!r}. '
    "Hint: put get_token(request) in the value of that hidden input."
)
response = send(alice, "POST", "/transfer/send/", {"to": "bob", "amount": "25", "csrfmiddlewaretoken": token})
assert (response.status_code, response.headers.get("Location"), TRANSFERS) == (302, "/transfer/", [("bob", "25")]), (
    f"Alice's own form, posted back with its token, should record ('bob', '25') and redirect (302) to /transfer/; "
    f"got {response.status_code}, Location {response.headers.get('Location')!r}, TRANSFERS {TRANSFERS!r}. "
    "Hint: the token in the form and the csrftoken cookie come from the same get_token(request)."
)

TRANSFERS.clear()
mallory = browser()
response = send(mallory, "POST", "/transfer/send/", {"to": "mallory", "amount": "1000"})
exempt = getattr(send_transfer, "csrf_exempt", False)
advice = "remove @csrf_exempt: it switches the middleware off for this view." if exempt else "keep the middleware on."
assert response.status_code == 403 and TRANSFERS == [], (
    f"A POST from another site, with no token, should get 403 and change nothing; got {response.status_code} and "
    f"TRANSFERS {TRANSFERS!r}. Hint: {advice}"
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

client = serve(urlpatterns, middleware=MIDDLEWARE)


def form_token(client):
    """GET the form as the client's browser would; the token of its hidden input."""
    page = send(client, "GET", "/transfer/")
    token = hidden_token(page.content.decode())
    assert page.status_code == 200 and token and "csrftoken" in client.cookies, (
        f"GET /transfer/ should answer 200, a hidden csrfmiddlewaretoken and a csrftoken cookie; got "
        f"{page.status_code}, the token {token!r}, the cookies {sorted(client.cookies)}. "
        "Hint: get_token(request) gives the token and makes the middleware set the cookie."
    )
    return token


def refused(client, data, attack, secure=False, **extra):
    TRANSFERS.clear()
    response = send(client, "POST", "/transfer/send/", {"to": "mallory", "amount": "1000", **data}, secure, **extra)
    assert response.status_code == 403 and TRANSFERS == [], (
        f"{attack} got {response.status_code} and recorded {TRANSFERS!r}: an attacker's page can move the money. "
        "Hint: keep CsrfViewMiddleware in MIDDLEWARE and no @csrf_exempt on the view; let Django answer 403."
    )


def accepted(client, data, request, secure=False, **extra):
    TRANSFERS.clear()
    response = send(client, "POST", "/transfer/send/", data, secure, **extra)
    wanted = [(data.get("to", ""), data.get("amount", ""))]
    assert (response.status_code, response.headers.get("Location"), TRANSFERS) == (302, "/transfer/", wanted), (
        f"{request} should record {wanted!r} and redirect to /transfer/, got {response.status_code}, Location "
        f"{response.headers.get('Location')!r} and TRANSFERS {TRANSFERS!r}. "
        "Hint: a fix that refuses everything is no fix: the bank's own form, with its token, must still work."
    )


# GET and HEAD never move money: the action answers 405, the form page only shows the form.
for query in QUERY_PAYLOADS:
    for method in ("GET", "HEAD"):
        TRANSFERS.clear()
        response = send(browser(), method, f"/transfer/send/?{query}")
        assert response.status_code == 405 and TRANSFERS == [], (
            f"{method} /transfer/send/?{query} got {response.status_code} and recorded {TRANSFERS!r}: an <img src> "
            "or a link on any site sends that request. Hint: decorate send_transfer with @require_POST (405)."
        )
        response = send(browser(), method, f"/transfer/?{query}")
        assert response.status_code == 200 and TRANSFERS == [], (
            f"{method} /transfer/?{query} got {response.status_code} and recorded {TRANSFERS!r}: a link on any site "
            "moves the money, and the middleware never checks a GET. "
            "Hint: the form page only shows the form; drop the 'convenience' that acts on query parameters."
        )

alice, bob = browser(), browser()
alice_token, bob_token = form_token(alice), form_token(bob)
for payload in TOKEN_PAYLOADS:
    refused(alice, {"csrfmiddlewaretoken": payload}, f"A POST with the forged token {payload!r}")
refused(alice, {}, "A POST with Alice's cookie and no token at all")
refused(alice, {"csrfmiddlewaretoken": bob_token}, "A POST with Alice's cookie and the token of Bob's form")
flipped = alice_token[:-1] + ("a" if alice_token[-1] != "a" else "b")
refused(alice, {"csrfmiddlewaretoken": flipped}, "A POST with Alice's token, its last character changed")
refused(alice, {"csrfmiddlewaretoken": alice_token.upper()}, "A POST with Alice's token in capitals")
no_cookie = browser()
refused(no_cookie, {"csrfmiddlewaretoken": alice_token}, "A POST with Alice's token in the body and no cookie")
for header, value in ORIGIN_PAYLOADS:
    refused(
        alice,
        {"csrfmiddlewaretoken": alice_token},
        f"An HTTPS POST with a valid token and {header[5:].title()}: {value}",
        secure=True,
        **{header: value},
    )

# The bank's own form still works: twice in a row, over HTTP and over HTTPS with its own Origin or Referer.
for attempt in ("first", "second"):
    token = form_token(alice)
    data = {"to": "bob", "amount": "25", "csrfmiddlewaretoken": token}
    accepted(alice, data, f"Alice's own form, posted back ({attempt} time)")
accepted(alice, {"to": "Zoë", "amount": "0", "csrfmiddlewaretoken": alice_token}, "Alice's older token, still valid")
for data in ({"amount": "5"}, {"to": "bob"}):
    accepted(alice, {**data, "csrfmiddlewaretoken": alice_token}, f"A form with the fields {sorted(data)} only")
accepted(
    alice,
    {"to": "bob", "amount": "7", "csrfmiddlewaretoken": form_token(alice)},
    "An HTTPS POST with Origin: https://testserver",
    secure=True,
    HTTP_ORIGIN="https://testserver",
)
accepted(
    alice,
    {"to": "bob", "amount": "8", "csrfmiddlewaretoken": form_token(alice)},
    "An HTTPS POST with no Origin and Referer: https://testserver/transfer/",
    secure=True,
    HTTP_REFERER="https://testserver/transfer/",
)
TRANSFERS.clear()
