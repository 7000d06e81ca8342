"""`clientela bench` end to end on a small SQLite scratch database."""

import os
import re
import subprocess
import sys

import pytest
from django.core.management.base import CommandError

from clientela.demo.bench import run_child, scratch_environment

MEASURES = ("API list", "API filter city", "API filter account", "API search", "API detail",
            "API create", "page list", "page detail", "SQL list", "SQL detail", "page board",
            "page forecast", "page forecast team", "API forecast", "API forecast team",
            "SQL forecast")


def test_bench_serves_a_scratch_database_and_prints_every_measure(tmp_path):
    env = {**os.environ, "CLIENTELA_HOME": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    finished = subprocess.run(
        [sys.executable, "-m", "clientela", "bench", "--contacts", "60", "--accounts", "6",
         "--opportunities", "40", "--requests", "3", "--workers", "1"],
        env=env, capture_output=True, text=True, timeout=280,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    rows = {line.split("|")[1].strip(): line for line in finished.stdout.splitlines()
            if line.startswith("|") and "|" in line[1:]}
    for measure in MEASURES:
        assert measure in rows, finished.stdout
        # Every measure answered: status ok and a p50/p95 in milliseconds, no HTTP error.
        assert re.search(r"\|\s*ok\s*\|\s*[\d.]+\s*\|\s*[\d.]+\s*\|\s*3\s*\|", rows[measure]), (
            rows[measure]
        )


def test_a_failing_run_is_reported_with_its_error_and_leaves_no_scratch_home():
    refused = pytest.raises(CommandError, match="Unknown command: 'no-such-command'")
    with refused, scratch_environment("") as env:
        home = env["CLIENTELA_HOME"]
        run_child(["no-such-command"], env, "BENCH-DATA ")
    assert not os.path.exists(home)
