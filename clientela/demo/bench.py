"""The pieces of `clientela bench`: a scratch database, its data, timings and the report."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


@dataclass
class Timing:
    """The outcome of one measured endpoint or query."""

    name: str
    target: str
    status: str = ""
    samples: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def p95(self) -> float | None:
        if not self.samples:
            return None
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def percentiles(name: str, target: str, run: Callable[[], object], repeat: int) -> Timing:
    """Return the timing of `run()` called `repeat` times, in milliseconds."""
    timing = Timing(name, target, status="ok")
    for _attempt in range(repeat):
        started = time.perf_counter()
        run()
        timing.samples.append((time.perf_counter() - started) * 1000)
    return timing


class Client:
    """A keep-alive HTTP client for one server, authenticated by token or session cookie."""

    def __init__(self, host: str, port: int, headers: dict[str, str]):
        self.connection = http.client.HTTPConnection(host, port, timeout=60)
        self.headers = headers

    def request(self, method: str, path: str, body: dict | None = None) -> int:
        """Send one request, read the whole answer and return its status."""
        headers = dict(self.headers)
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            self.connection.request(method, path, body=payload, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection.request(method, path, body=payload, headers=headers)
            response = self.connection.getresponse()
        response.read()
        return response.status

    def measure(self, name: str, method: str, path: str, repeat: int,
                body: Callable[[int], dict] | None = None) -> Timing:
        """Return the timing of `repeat` requests; "n/a" when the endpoint answers 404."""
        timing = Timing(name, f"{method} {path}")
        status = self.request(method, path, body(0) if body else None)
        if status == 404:
            timing.status = "n/a"
            return timing
        if status >= 400:
            timing.status = f"HTTP {status}"
            return timing
        timing.status = "ok"
        for index in range(1, repeat + 1):
            started = time.perf_counter()
            status = self.request(method, path, body(index) if body else None)
            timing.samples.append((time.perf_counter() - started) * 1000)
            if status >= 400:
                timing.status = f"HTTP {status}"
                break
        return timing

    def close(self) -> None:
        self.connection.close()


def milliseconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def table(timings: list[Timing]) -> str:
    """Return the timings as a Markdown table: p50 and p95 in milliseconds."""
    rows = [("measure", "request or query", "status", "p50 ms", "p95 ms", "n")]
    rows += [
        (t.name, t.target, t.status, milliseconds(t.p50), milliseconds(t.p95),
         str(len(t.samples)))
        for t in timings
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(row) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in
                                 zip(row, widths, strict=True)) + " |"

    return "\n".join([line(rows[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *(line(row) for row in rows[1:])])


class PostgresScratch:
    """A database created on the server of `url` for one run, and dropped after it."""

    def __init__(self, url: str):
        self.url = url
        self.name = f"clientela_bench_{uuid.uuid4().hex[:12]}"
        parts = urlsplit(url)
        self.database_url = urlunsplit(parts._replace(path=f"/{self.name}"))

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url.replace("postgresql://", "postgres://", 1)
                             .replace("postgres://", "postgresql://", 1),
                             autocommit=True) as connection:
            connection.execute(sql)

    def create(self) -> str:
        """Create the database and return its URL."""
        self._execute(f'CREATE DATABASE "{self.name}"')
        return self.database_url

    def drop(self) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@contextmanager
def scratch_environment(database_url: str, *, cache_url: str = "") -> Iterator[dict[str, str]]:
    """Yield the environment of child processes working on a scratch installation: a new
    home and a new database (on the PostgreSQL server of `database_url`, else a SQLite file
    in the home); both are removed at the end."""
    home = tempfile.mkdtemp(prefix="clientela-bench-")
    # whitenoise warns about a missing STATIC_ROOT; the pages need no static files here.
    os.makedirs(os.path.join(home, "static"))
    scratch = PostgresScratch(database_url) if database_url else None
    try:
        target = scratch.create() if scratch else f"sqlite:///{home}/bench.sqlite3"
        env = {**os.environ, "CLIENTELA_HOME": home, "DATABASE_URL": target,
               "DJANGO_SETTINGS_MODULE": "clientela.config.settings.base",
               "DEBUG": "false", "LOG_LEVEL": "WARNING",
               # The scratch database is new: counts cached by an earlier run must not match.
               "CACHE_KEY_PREFIX": os.path.basename(home)}
        if cache_url:
            env["CACHE_URL"] = cache_url
        yield env
    finally:
        if scratch:
            scratch.drop()
        shutil.rmtree(home, ignore_errors=True)


def run_child(arguments: list[str], env: dict[str, str], marker: str) -> dict:
    """Run `clientela <arguments>` with `env` and return the JSON it printed after `marker`."""
    finished = subprocess.run([sys.executable, "-m", "clientela", *arguments],
                              env=env, capture_output=True, text=True)
    found = [line for line in finished.stdout.splitlines() if line.startswith(marker)]
    if finished.returncode or not found:
        raise CommandError(_("The run on the scratch database failed:\n%(error)s")
                           % {"error": finished.stderr[-3000:]})
    return json.loads(found[-1].removeprefix(marker))
