"""The suggestions of record pickers: `GET /autocomplete/<source>/?q=text` (or `?pk=id`)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clientela.core import registry
from clientela.core.forms.pickers import USERS, may_pick, picker_results

MAX_QUERY_LENGTH = 100


@require_GET
def autocomplete(request: HttpRequest, source: str) -> JsonResponse:
    """Return `{"results": [{"id", "label"}]}`: at most 20 records of `source` the user may view.

    `q` matches the module's search fields, best first (see `picker_results`); `pk` resolves one
    chosen id to its label. 401 when signed out, 404 for an unknown source, 403 when the user's
    role has no access to it.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"detail": _("Sign in to look records up.")}, status=401)
    if source != USERS:
        try:
            registry.get_module(source)
        except KeyError:
            return JsonResponse({"detail": _("There is no such module.")}, status=404)
    if not may_pick(request.user, source):
        return JsonResponse({"detail": _("You may not look up these records.")}, status=403)
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].replace("\x00", "")
    pk = request.GET.get("pk")
    results = picker_results(user=request.user, source=source, query=query, pk=pk)
    return JsonResponse({"results": results})
