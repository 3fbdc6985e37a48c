"""Every command the chapters give to run a sample on your own machine starts a real server that
answers. Each runs on 127.0.0.1 with a free port, is asked for its page, then stopped: a server
must also stop cleanly when told to (SIGTERM), as it is at every deploy."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

from courseware.project import PROJECT_ROOT
from tests.support.servers import free_port, raw_get, running

BIN = Path(sys.executable).parent
DJANGO = {"DJANGO_SETTINGS_MODULE": "samples.django_settings", "SAMPLE_URLCONF": "samples.wsgi_asgi.django_hello"}
# (what it is, the command as the chapter shows it with port 8000, environment, what "/" answers)
COMMANDS = [
    ("Django's development server", "python -m django runserver 127.0.0.1:8000 --noreload", DJANGO, b"Hello, Django!"),
    ("Flask's development server", "flask --app samples.wsgi_asgi.flask_hello run --port 8000", {}, b"Hello, Flask!"),
    ("FastAPI's development server", "fastapi dev samples/wsgi_asgi/fastapi_hello.py --port 8000", {}, b'{"message":"Hello, FastAPI!"}'),
    ("Pyramid's pserve (Waitress)", "pserve samples/wsgi_asgi/pyramid_hello.ini http_port=8000", {}, b"Hello, Pyramid!"),
    ("Gunicorn, Django", "gunicorn --bind 127.0.0.1:8000 samples.wsgi_asgi.django_hello", DJANGO, b"Hello, Django!"),
    ("Gunicorn, Flask", "gunicorn --bind 127.0.0.1:8000 samples.wsgi_asgi.flask_hello:app", {}, b"Hello, Flask!"),
    ("Gunicorn, Pyramid", "gunicorn --bind 127.0.0.1:8000 samples.wsgi_asgi.pyramid_hello:app", {}, b"Hello, Pyramid!"),
    ("Uvicorn, FastAPI", "uvicorn samples.wsgi_asgi.fastapi_hello:app --port 8000", {}, b'{"message":"Hello, FastAPI!"}'),
    ("Waitress, Flask", "waitress-serve --port 8000 samples.wsgi_asgi.flask_hello:app", {}, b"Hello, Flask!"),
    ("Gunicorn's ASGI worker, FastAPI", "gunicorn --worker-class asgi --bind 127.0.0.1:8000 samples.wsgi_asgi.fastapi_hello:app", {}, b'{"message":"Hello, FastAPI!"}'),
]  # fmt: skip
CHAPTER = PROJECT_ROOT / "docs" / "wsgi-asgi" / "index.md"


def on_port(command: str, port: int) -> list[str]:
    words = shlex.split(re.sub(r"\b8000\b", str(port), command))
    program = BIN / words[0]  # the site environment's own python, flask, gunicorn...
    return [str(program if program.exists() else words[0]), *words[1:]]


@pytest.mark.parametrize(("what", "command", "environment", "answer"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_the_command_serves_the_sample_and_stops_cleanly(what, command, environment, answer, tmp_path):
    port = free_port()
    with running(on_port(command, port), port, tmp_path / "server.log", environment):
        head, _, body = raw_get(port).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), f"{what}: GET / answered {head!r}"
    assert body == answer, f"{what}: GET / answered {body!r}"


@pytest.mark.parametrize("command", [c[1] for c in COMMANDS], ids=[c[0] for c in COMMANDS])
def test_the_chapter_shows_the_tested_command(command):
    assert command in CHAPTER.read_text(encoding="utf-8"), (
        f"{CHAPTER.name} does not show `{command}`, which is tested here"
    )
