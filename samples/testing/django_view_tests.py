"""Two Django views and their tests: django.test.TestCase, its Client, and RequestFactory."""

import os

from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.test import RequestFactory, TestCase, override_settings
from django.urls import path
from django.views.decorators.http import require_http_methods

from samples.orm.library.models import Author

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")


@require_http_methods(["GET", "POST"])
def authors(request):
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if not name:
            return JsonResponse({"error": "name is required"}, status=400)
        try:
            with transaction.atomic():  # a savepoint: a refused INSERT leaves the transaction usable
                author = Author.objects.create(name=name)
        except IntegrityError:
            return JsonResponse({"error": "this author exists"}, status=409)
        return JsonResponse({"id": author.pk, "name": author.name}, status=201)
    return JsonResponse({"authors": list(Author.objects.order_by("name").values_list("name", flat=True))})


urlpatterns = [path("authors/", authors)]


# --- the tests: in a project, library/tests.py, run by `python manage.py test` ---


@override_settings(ROOT_URLCONF=__name__)
class AuthorViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):  # once for the class; each test sees these rows, and its own changes are undone
        Author.objects.create(name="Ursula K. Le Guin")

    def test_the_list(self):
        response = self.client.get("/authors/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"authors": ["Ursula K. Le Guin"]})

    def test_an_author_is_added(self):
        response = self.client.post("/authors/", {"name": "Octavia E. Butler"})
        self.assertEqual(response.status_code, 201)
        self.assertEqual(Author.objects.count(), 2)

    def test_a_duplicate_is_a_conflict_and_the_test_can_go_on(self):
        response = self.client.post("/authors/", {"name": "Ursula K. Le Guin"})
        self.assertEqual(response.status_code, 409)
        self.assertEqual(Author.objects.count(), 1)  # still usable thanks to the view's savepoint

    def test_every_test_starts_from_the_same_rows(self):
        self.assertEqual(list(Author.objects.values_list("name", flat=True)), ["Ursula K. Le Guin"])

    def test_other_methods_get_405(self):
        self.assertEqual(self.client.delete("/authors/").status_code, 405)

    def test_the_view_alone_with_request_factory(self):
        request = RequestFactory().post("/anywhere", {"name": ""})  # no URLconf, no middleware: just the view
        response = authors(request)
        self.assertEqual((response.status_code, response.content), (400, b'{"error": "name is required"}'))
