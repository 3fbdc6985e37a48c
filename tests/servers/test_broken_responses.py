"""What a client receives from real servers when an app breaks the contract: the trial behind the
WSGI/ASGI chapter's pitfalls (rerun it with `.venv/bin/python -m pytest tests/servers -v`).
Each app sends 200 and its headers, then a body that breaks a rule; the client sees the raw bytes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.servers import free_port, raw_get, running

SERVERS = {"gunicorn": ["gunicorn", "--bind", "127.0.0.1:{port}", "tests.servers.broken_apps:{app}"],
           "uvicorn": ["uvicorn", "tests.servers.broken_apps:{app}", "--port", "{port}"]}  # fmt: skip


def client_view(server: str, app: str, tmp_path) -> tuple[bytes, bytes]:
    """(status line and headers, body) as the client got them, until the server closed the connection."""
    port = free_port()
    command = [part.format(port=port, app=app) for part in SERVERS[server]]
    command[0] = str(Path(sys.executable).with_name(command[0]))
    with running(command, port, tmp_path / "server.log"):
        head, _, body = raw_get(port).partition(b"\r\n\r\n")
    return head, body


@pytest.mark.parametrize(("server", "app"), [("gunicorn", "wsgi_str_body"), ("uvicorn", "asgi_str_body")])
def test_a_str_body_breaks_the_response_after_its_200(server, app, tmp_path):
    head, body = client_view(server, app, tmp_path)
    assert head.startswith(b"HTTP/1.1 200 OK") and b"chunked" in head.lower(), head
    assert not body.endswith(b"0\r\n\r\n"), "the chunked body never ends: the client gets a broken response"
    assert b"Hello" not in body


@pytest.mark.parametrize(("server", "app"), [("gunicorn", "wsgi_length_too_big"), ("uvicorn", "asgi_length_too_big")])
def test_a_content_length_too_big_leaves_the_client_short(server, app, tmp_path):
    head, body = client_view(server, app, tmp_path)
    assert b"content-length: 20" in head.lower() and body == b"Hello", (head, body)  # 5 of the 20 bytes announced


def test_a_content_length_too_small_gunicorn_cuts_the_body(tmp_path):
    head, body = client_view("gunicorn", "wsgi_length_too_small", tmp_path)
    assert b"content-length: 3" in head.lower() and body == b"Hel", (head, body)  # the rest silently dropped


def test_a_content_length_too_small_uvicorn_sends_no_body_at_all(tmp_path):
    head, body = client_view("uvicorn", "asgi_length_too_small", tmp_path)
    assert b"content-length: 3" in head.lower() and body == b"", (head, body)  # it refused the body, then closed
