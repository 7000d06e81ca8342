"""`clientela bench_analytics` end to end on a small SQLite scratch database."""

import os
import re
import subprocess
import sys


def test_the_analytics_bench_generates_a_company_and_prints_every_measure(tmp_path):
    env = {**os.environ, "CLIENTELA_HOME": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    finished = subprocess.run(
        [sys.executable, "-m", "clientela", "bench_analytics", "--customers", "300",
         "--lines", "3000", "--fit-customers", "5000", "--requests", "3"],
        env=env, capture_output=True, text=True, timeout=280,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert re.search(r"Generated 300 customers, 600 orders and \d+ lines", finished.stdout)
    rows = {line.split("|")[1].strip(): line for line in finished.stdout.splitlines()
            if line.startswith("|") and "|" in line[1:]}
    assert re.search(r"\|\s*succeeded\s*\|\s*[\d.]+\s*\|", rows["all classifications"])
    assert re.search(r"\|\s*ok\s*\|\s*[\d.]+\s*\|", rows["BG/NBD fit, 5000 customers"])
