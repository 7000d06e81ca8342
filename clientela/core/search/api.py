"""The REST endpoint of the global search: `GET /api/v1/search/?q=`."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .selectors import DEFAULT_LIMIT, MAX_LIMIT, search_results
from .text import MAX_QUERY_LENGTH, query_error

QUERY_ERRORS = {
    "empty": gettext_lazy("Enter something to search for."),
    "too_short": gettext_lazy(
        "Enter at least 2 characters (one is enough for Chinese, Japanese or Korean)."
    ),
    "too_long": gettext_lazy("Enter at most %(max)d characters."),
    "no_words": gettext_lazy("Enter letters or digits to search for."),
}


def query_error_message(query: str) -> str | None:
    """Return the message that explains why `query` cannot be searched, or None."""
    code = query_error(query)
    if code is None:
        return None
    return str(QUERY_ERRORS[code]) % {"max": MAX_QUERY_LENGTH}


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        allow_blank=True, trim_whitespace=False,
        help_text=gettext_lazy(
            "Words to find; each matches the start of a word in a record's name, email, phone "
            "or other search fields (any part of CJK text or phone digits). At least 2 "
            "characters, or 1 CJK character."
        ),
        error_messages={"required": gettext_lazy("Enter something to search for.")},
    )
    limit = serializers.IntegerField(
        required=False, default=DEFAULT_LIMIT, min_value=1, max_value=MAX_LIMIT,
        help_text=gettext_lazy("How many results to return (default 20, at most 100)."),
    )

    def validate_q(self, value: str) -> str:
        message = query_error_message(value)
        if message:
            raise serializers.ValidationError(message)
        return value.strip()


class SearchResultSerializer(serializers.Serializer):
    module = serializers.CharField(help_text=gettext_lazy("The module slug, e.g. contacts."))
    id = serializers.IntegerField()
    label = serializers.CharField()
    url = serializers.CharField(help_text=gettext_lazy("The path of the record's page."))


class SearchResponseSerializer(serializers.Serializer):
    results = SearchResultSerializer(many=True)


ERROR_RESPONSE = inline_serializer(
    name="SearchError",
    fields={
        "detail": serializers.CharField(),
        "errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
    },
)


class SearchAPIView(APIView):
    """Search every module the user may view; the best matches first."""

    @extend_schema(
        operation_id="search",
        summary="Search all modules",
        parameters=[SearchQuerySerializer],
        responses={
            200: SearchResponseSerializer,
            400: OpenApiResponse(ERROR_RESPONSE, description="Missing or unusable `q`."),
            401: OpenApiResponse(description="Not authenticated."),
        },
        tags=["search"],
    )
    def get(self, request: Request) -> Response:
        params = SearchQuerySerializer(data=request.query_params)
        if not params.is_valid():
            return Response(
                {"detail": _("The search parameters are invalid."), "errors": params.errors},
                status=400,
            )
        results = search_results(user=request.user, query=params.validated_data["q"],
                                 limit=params.validated_data["limit"])
        return Response(SearchResponseSerializer({"results": results}).data)
