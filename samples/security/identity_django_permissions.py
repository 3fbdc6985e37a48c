"""Django: permissions on views (function and class-based) and an object-level check on what a user owns."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")

from django.contrib.auth.decorators import login_required, permission_required  # noqa: E402
from django.contrib.auth.mixins import PermissionRequiredMixin, UserPassesTestMixin  # noqa: E402
from django.http import Http404, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views import View  # noqa: E402

# Stands for a table with an owner column; real code filters the query: Invoice.objects.filter(owner=request.user).
INVOICES = {1: {"owner": "ada", "total": 120}, 2: {"owner": "grace", "total": 75}}


@login_required  # anonymous visitors are redirected to settings.LOGIN_URL?next=...
def invoice_detail(request, invoice_id):
    invoice = INVOICES.get(invoice_id)
    # Logged in is not enough: the invoice must be this user's. 404 rather than 403, so that nobody
    # learns which ids exist by trying them (an IDOR probe).
    if invoice is None or invoice["owner"] != request.user.get_username():
        raise Http404("no such invoice")
    return JsonResponse({"id": invoice_id, "total": invoice["total"]})


@permission_required("library.change_book", raise_exception=True)  # 403 instead of a redirect to the login page
def edit_book(request, book_id):
    return JsonResponse({"edited": book_id})


class DeleteBookView(PermissionRequiredMixin, View):
    permission_required = "library.delete_book"  # anonymous: redirected to log in; logged in without it: 403

    def post(self, request, book_id):
        return JsonResponse({"deleted": book_id})


class StaffReportView(UserPassesTestMixin, View):
    def test_func(self):  # any rule that needs no model permission
        return self.request.user.is_active and self.request.user.is_staff

    def get(self, request):
        return JsonResponse({"report": "ok"})


urlpatterns = [
    path("invoices/<int:invoice_id>/", invoice_detail),
    path("books/<int:book_id>/edit/", edit_book),
    path("books/<int:book_id>/delete/", DeleteBookView.as_view()),
    path("reports/", StaffReportView.as_view()),
]
