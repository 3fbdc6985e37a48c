"""Django's CSRF protection: a form that carries the token, and an API authenticated by a header
instead of a cookie (settings: samples/django_settings.py, whose MIDDLEWARE has CsrfViewMiddleware)."""

import os

from django.http import HttpResponse, JsonResponse
from django.template import Engine, RequestContext
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")

# {% csrf_token %} becomes a hidden input named csrfmiddlewaretoken. It needs a RequestContext
# (render(request, ...) makes one), whose built-in csrf context processor provides the token.
EMAIL_FORM = Engine().from_string(
    """<form method="post" action="/account/email/">{% csrf_token %}
<input type="email" name="email"> <button>Change my e-mail</button></form>"""
)


@require_http_methods(["GET", "POST"])
def change_email(request):
    if request.method == "POST":  # reached only if CsrfViewMiddleware accepted the request
        return HttpResponse(f"E-mail changed to {request.POST['email']}.", content_type="text/plain")
    return HttpResponse(EMAIL_FORM.render(RequestContext(request)))


API_TOKENS = {"k7Hq2-sample-token": "ada"}  # in a real project, hashed in the database (see identity.md)


@csrf_exempt  # safe only because no cookie authenticates this view: a browser never adds the header by itself
@require_POST
def api_change_email(request):
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    user = API_TOKENS.get(token) if scheme == "Bearer" else None
    if user is None:
        return JsonResponse({"error": "authentication required"}, status=401, headers={"WWW-Authenticate": "Bearer"})
    return JsonResponse({"user": user, "email": request.POST["email"]})


urlpatterns = [path("account/email/", change_email), path("api/email/", api_change_email)]
