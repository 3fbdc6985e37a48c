"""Django uploads: a form with a FileField, a size and type check in the view, and the default storage
(FileSystemStorage under MEDIA_ROOT) saving under a generated name."""

import os
import uuid

from django import forms
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samples.django_settings")

MAX_UPLOAD_BYTES = 1024 * 1024  # Django has no setting for this: check it, and limit the web server too
SIGNATURES = {b"\x89PNG\r\n\x1a\n": ".png", b"%PDF-": ".pdf"}


class UploadForm(forms.Form):
    title = forms.CharField(max_length=100)
    file = forms.FileField(max_length=100)  # max_length: of the file's name


@require_POST
def upload(request):
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    file = form.cleaned_data["file"]
    if file.size > MAX_UPLOAD_BYTES:
        return JsonResponse({"error": "file too large"}, status=413)
    head = file.read(8)
    file.seek(0)
    extension = next((ext for signature, ext in SIGNATURES.items() if head.startswith(signature)), None)
    if extension is None:
        return JsonResponse({"error": "PNG or PDF only"}, status=415)
    name = default_storage.save(f"uploads/{uuid.uuid4().hex}{extension}", file)  # relative to MEDIA_ROOT
    return JsonResponse({"id": name, "title": form.cleaned_data["title"]}, status=201)


urlpatterns = [path("uploads/", upload)]
