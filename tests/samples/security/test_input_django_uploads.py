"""samples/security/input_django_uploads.py through Django's Client, MEDIA_ROOT in tmp_path; then what
each of Django's upload settings limits, and what its storage refuses."""

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile, TemporaryUploadedFile
from django.test import Client, RequestFactory, override_settings
from django.utils.text import get_valid_filename

from samples.security import input_django_uploads

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 4992  # 5000 bytes


@pytest.fixture(autouse=True)
def media_root(tmp_path):
    with override_settings(ROOT_URLCONF=input_django_uploads.__name__, MEDIA_ROOT=tmp_path):
        yield tmp_path


def post(content, filename="cat.png", title="Cat"):
    return Client().post("/uploads/", {"title": title, "file": SimpleUploadedFile(filename, content)})


def test_a_png_is_saved_under_a_generated_name_below_media_root(media_root):
    response = post(PNG, filename="../../cat.png")
    assert response.status_code == 201
    stored = response.json()["id"]
    assert stored.startswith("uploads/") and stored.endswith(".png")
    assert [p.relative_to(media_root).as_posix() for p in media_root.rglob("*.png")] == [stored]


def test_html_named_png_is_refused_and_form_errors_come_together(media_root):
    assert post(b"<html><script>alert(1)</script>", filename="cat.png").status_code == 415
    response = Client().post("/uploads/", {"title": "x" * 101})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"title", "file"}
    assert list(media_root.rglob("*.*")) == []


def test_the_view_enforces_its_own_size_limit(monkeypatch):
    monkeypatch.setattr(input_django_uploads, "MAX_UPLOAD_BYTES", 4999)
    assert post(PNG).status_code == 413


def test_data_upload_max_memory_size_counts_the_fields_but_not_the_files():
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
        assert post(PNG).status_code == 201  # a 5000-byte file passes a 1000-byte limit
        assert post(PNG, title="x" * 1000).status_code == 400  # RequestDataTooBig, a SuspiciousOperation


def test_file_upload_max_memory_size_only_moves_big_files_to_a_temporary_file():
    def uploaded(size):
        request = RequestFactory().post("/", {"file": SimpleUploadedFile("a.bin", b"x" * size)})
        return request.FILES["file"]

    with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1000):
        assert isinstance(uploaded(500), InMemoryUploadedFile)  # the whole body is compared, not the file
        big = uploaded(5000)
        assert isinstance(big, TemporaryUploadedFile)  # on disk, and accepted: not a limit at all
        assert big.size == 5000


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "sub/../../x.png"])
def test_the_storage_refuses_names_that_leave_its_directory(media_root, name):
    with pytest.raises(SuspiciousFileOperation):
        FileSystemStorage(location=media_root).save(name, ContentFile(b"x"))


def test_the_storage_never_overwrites_it_adds_a_random_suffix(media_root):
    storage = FileSystemStorage(location=media_root)
    first, second = storage.save("a.txt", ContentFile(b"1")), storage.save("a.txt", ContentFile(b"2"))
    assert first == "a.txt" and second != first and second.startswith("a_") and second.endswith(".txt")


def test_get_valid_filename_keeps_letters_digits_dash_underscore_and_dot():
    assert get_valid_filename(" My CV (final).pdf ") == "My_CV_final.pdf"
    assert get_valid_filename("../../etc/passwd") == "....etcpasswd"  # no slash left, but still odd
    assert get_valid_filename("résumé.pdf") == "résumé.pdf"  # \w: Unicode letters are kept
    with pytest.raises(SuspiciousFileOperation):
        get_valid_filename("..")


def test_an_uploaded_file_keeps_only_the_last_part_of_the_client_name():
    assert SimpleUploadedFile("../../evil.txt", b"x").name == "evil.txt"
