"""Response renderers of the API."""

from __future__ import annotations

import orjson
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder

# What orjson is not given to write itself goes through DRF's encoder, so every value reads
# exactly as DRF's renderer writes it (times ending in "Z", lazy translations as text...).
_drf_encoder = JSONEncoder()
OPTIONS = (orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
           | orjson.OPT_NON_STR_KEYS)


class JSONRenderer(renderers.JSONRenderer):
    """Write the same compact UTF-8 JSON as DRF's renderer, with orjson: on a page of 50
    records encoding took most of a millisecond with the standard library."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type or "", renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        return orjson.dumps(data, default=_drf_encoder.default, option=OPTIONS)
