"""Request body parsers of the API."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, parsers, status


class PayloadTooLarge(exceptions.APIException):
    """The body is larger than the server accepts (413).

    Defined here rather than beside the exception handler: DRF's views import the default
    parsers at import time, so the parsers must not import the handler's module.
    """

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "payload_too_large"


class JSONParser(parsers.JSONParser):
    """Parse JSON bodies, refusing with 413 those larger than DATA_UPLOAD_MAX_MEMORY_SIZE.

    DRF reads the request stream directly, which bypasses Django's own size check on
    `request.body`, so the limit is enforced here.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and stream is not None:
            request = (parser_context or {}).get("request")
            meta = getattr(request, "META", {}) if request is not None else {}
            try:
                length = int(meta.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                raise PayloadTooLarge()
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise PayloadTooLarge()
            stream = io.BytesIO(body)
        return super().parse(stream, media_type, parser_context)

