"""samples/security/input_flask_uploads.py, driven by Flask's test client, storing into tmp_path."""

import io

import pytest
from werkzeug.security import safe_join
from werkzeug.utils import secure_filename

from samples.security.input_flask_uploads import create_app

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
HTML_AS_PNG = b"<html><script>alert(document.cookie)</script></html>"


@pytest.fixture
def client(tmp_path):
    return create_app(tmp_path).test_client()


def post(client, content, filename, content_type="image/png"):
    return client.post("/uploads", data={"file": (io.BytesIO(content), filename, content_type)})


def test_a_png_is_stored_under_a_generated_name_and_nothing_else_is_written(client, tmp_path):
    response = post(client, PNG, "../../../home/ada/.bashrc")
    assert response.status_code == 201
    stored = response.get_json()["id"]
    assert [p.name for p in tmp_path.iterdir()] == [stored]  # only our name, inside the upload directory
    assert stored.endswith(".png") and len(stored) == 36
    assert response.get_json()["filename"] == "home_ada_.bashrc"  # secure_filename, for display only


def test_the_content_decides_the_type_not_the_name_or_the_content_type(client, tmp_path):
    assert post(client, HTML_AS_PNG, "cat.png", "image/png").status_code == 415
    assert post(client, b"<?php system($_GET['c']); ?>", "shell.php.png").status_code == 415
    assert list(tmp_path.iterdir()) == []


def test_a_body_over_max_content_length_gets_413_and_nothing_is_stored(client, tmp_path):
    response = post(client, PNG + b"\x00" * (1024 * 1024), "big.png")
    assert response.status_code == 413
    assert list(tmp_path.iterdir()) == []


def test_downloads_are_attachments_with_nosniff(client):
    stored = post(client, PNG, "cat.png").get_json()["id"]
    response = client.get(f"/uploads/{stored}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f"attachment; filename={stored}"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "image/png"
    assert response.data == PNG


@pytest.mark.parametrize("name", ["..", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "missing.png"])
def test_names_outside_the_directory_or_unknown_are_404(client, name):
    assert client.get(f"/uploads/{name}").status_code == 404


@pytest.mark.parametrize(
    "untrusted", ["../app.py", "a/../../app.py", "/etc/passwd", "..", "../", "./../x", "a/b/../../../x"]
)
def test_safe_join_returns_none_for_every_path_that_leaves_the_directory(tmp_path, untrusted):
    assert safe_join(str(tmp_path), untrusted) is None


def test_safe_join_keeps_paths_that_stay_inside(tmp_path):
    assert safe_join(str(tmp_path), "a/../b.png") == f"{tmp_path}/b.png"
    assert safe_join(str(tmp_path), "sub/b.png") == f"{tmp_path}/sub/b.png"


@pytest.mark.parametrize(
    ("name", "secured"),
    [
        ("../../../etc/passwd", "etc_passwd"),
        ("My CV (final).pdf", "My_CV_final.pdf"),
        ("résumé.pdf", "resume.pdf"),  # NFKD, then ASCII only
        ("..", ""),  # nothing left: generate a name yourself
        ("日本語.png", "png"),  # the name is gone, only the extension's letters remain
        ("shell.php.png", "shell.php.png"),  # secure_filename is about paths, not about types
    ],
)
def test_secure_filename_makes_a_name_safe_for_a_path_not_meaningful(name, secured):
    assert secure_filename(name) == secured
