"""Start a real server on a free loopback port, ask it for something, stop it as a deploy would."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from courseware.project import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerFailed(AssertionError):
    pass


@contextlib.contextmanager
def running(
    command: list[str], port: int, log: Path, environment: dict | None = None, ready_seconds: float = 60
) -> Iterator[subprocess.Popen]:
    """Run `command` until it accepts connections on `port`; SIGTERM its process group at the end,
    and fail if it does not stop within 15 s."""
    env = {**os.environ, **(environment or {}), "PYTHONPATH": str(PROJECT_ROOT)}
    with open(log, "w") as out:
        server = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + ready_seconds
        while True:
            if server.poll() is not None:
                raise ServerFailed(f"{command[0]} exited with {server.returncode}:\n{log.read_text()[-3000:]}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline:
                raise ServerFailed(
                    f"nothing listened on port {port} within {ready_seconds} s:\n{log.read_text()[-3000:]}"
                )
            time.sleep(0.2)
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)  # what a deploy, or Ctrl+C, does
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            raise ServerFailed(
                f"{command[0]} did not stop within 15 s of SIGTERM:\n{log.read_text()[-2000:]}"
            ) from None


def raw_get(port: int, path: str = "/", timeout: float = 10) -> bytes:
    """Everything the server sends for one GET, until it closes the connection: the client's view."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received
