"""`clientela run`: first start prepares everything, SIGTERM stops the whole group, data stays."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

ADMIN_LINE = "Created the administrator admin with the password: "
START_TIMEOUT = 180
STOP_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status_of(url: str) -> int | None:
    request = urllib.request.Request(url, method="GET")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


class Server:
    """One `clientela run` in its own process group, with its output collected."""

    def __init__(self, home, port: int):
        env = {**os.environ, "CLIENTELA_HOME": str(home), "PYTHONUNBUFFERED": "1",
               "DJANGO_SETTINGS_MODULE": "clientela.config.settings.base"}
        for name in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
            env.pop(name, None)
        self.port = port
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "clientela", "run", "--port", str(port), "--no-demo"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
            start_new_session=True,
        )
        self.pgid = self.process.pid
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_ready(self) -> int:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "\n".join(self.lines[-40:])
            status = status_of(f"http://127.0.0.1:{self.port}/login/")
            if status in (200, 302):
                return status
            status = status_of(f"http://127.0.0.1:{self.port}/")
            if status in (200, 302):
                return status
            time.sleep(0.5)
        pytest.fail("clientela run did not answer:\n" + "\n".join(self.lines[-40:]))

    def terminate(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=STOP_TIMEOUT)
        deadline = time.monotonic() + 10
        while group_alive(self.pgid) and time.monotonic() < deadline:
            time.sleep(0.2)
        self.reader.join(timeout=5)
        return code

    def kill(self) -> None:
        if group_alive(self.pgid):
            os.killpg(self.pgid, signal.SIGKILL)


def test_run_serves_stops_on_sigterm_and_keeps_its_data(tmp_path):
    home = tmp_path / "home"
    first = Server(home, free_port())
    try:
        assert first.wait_ready() in (200, 302)
        code = first.terminate()
        assert not group_alive(first.pgid), "a child of clientela run outlived it"
    finally:
        first.kill()
    assert code == 0
    admin_lines = [line for line in first.lines if line.startswith(ADMIN_LINE)]
    assert len(admin_lines) == 1
    assert len(admin_lines[0].removeprefix(ADMIN_LINE)) >= 12
    assert any("Clientela is ready at http://127.0.0.1:" in line for line in first.lines)
    assert (home / "clientela.sqlite3").exists()
    assert (home / "static" / "vendor" / "htmx").is_dir()

    second = Server(home, free_port())
    try:
        assert second.wait_ready() in (200, 302)
        assert second.terminate() == 0
        assert not group_alive(second.pgid)
    finally:
        second.kill()
    assert not [line for line in second.lines if line.startswith(ADMIN_LINE)]


def test_run_stops_everything_and_fails_when_a_child_dies(tmp_path):
    server = Server(tmp_path / "home", free_port())
    try:
        server.wait_ready()
        children = subprocess.run(
            ["pgrep", "-g", str(server.pgid), "-f", "celery -A clientela.config beat"],
            capture_output=True, text=True,
        ).stdout.split()
        assert children, "\n".join(server.lines[-40:])
        os.kill(int(children[0]), signal.SIGKILL)
        code = server.process.wait(timeout=STOP_TIMEOUT)
        deadline = time.monotonic() + 10
        while group_alive(server.pgid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not group_alive(server.pgid)
    finally:
        server.kill()
    assert code == 1
