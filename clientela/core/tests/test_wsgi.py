"""The WSGI module: views loaded and long-lived objects frozen before the first request."""

import os
import subprocess
import sys

PROBE = """
import gc, sys
from clientela.config.wsgi import application
print(gc.get_freeze_count() > 10000, "clientela.contacts.api.views" in sys.modules)
"""


def test_loading_the_application_imports_the_views_and_freezes_what_it_loaded(tmp_path):
    env = {**os.environ, "CLIENTELA_HOME": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "clientela.config.settings.base"}
    env.pop("DATABASE_URL", None)
    probe = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                           text=True, timeout=120)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split() == ["True", "True"]
