"""The WSGI application the web server runs."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clientela.config.settings.base")
application = get_wsgi_application()

# Import every view now instead of during the first request, then leave what is loaded out of
# the cyclic garbage collector's reach: modules, classes and settings live as long as the
# process, and a full collection would otherwise walk all of them (tens of milliseconds) in
# the middle of some request.
get_resolver().url_patterns  # noqa: B018
gc.collect()
gc.freeze()
