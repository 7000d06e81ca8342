"""The accounts collection of the API: /api/v1/accounts/, with merging."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from clientela.core.api.registry import register_viewset
from clientela.core.api.viewsets import OBJECT_ACTIONS, RecordViewSet

from ..filtersets import AccountFilterSet
from ..models import Account
from ..services import account_merge
from .serializers import AccountSerializer, MergeRequestSerializer

ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {
            "type": "array", "items": {"type": "string"}}},
    },
}


def merge_schema(serializer):
    """Return the OpenAPI description of a module's merge action answering with `serializer`."""
    return extend_schema(
        request=MergeRequestSerializer,
        responses={
            200: serializer,
            400: OpenApiResponse(ERROR, description="Invalid input; `errors` names the field."),
            403: OpenApiResponse(ERROR, description="Your role does not allow this merge."),
            404: OpenApiResponse(ERROR, description="No such record."),
            409: OpenApiResponse(ERROR, description="The record changed since you loaded it."),
        },
        parameters=[OpenApiParameter(
            "If-Match", str, OpenApiParameter.HEADER,
            description='The version of this record you loaded, e.g. "3"; stale → 409.',
        )],
        filters=False,
        description="Merge the duplicates into this record: it keeps the chosen values and "
                    "every related record; the duplicates go to the recycle bin. Answer the "
                    "merged record.",
    )


class AccountViewSet(RecordViewSet):
    queryset = Account.objects.order_by("name", "id")
    serializer_class = AccountSerializer
    filterset_class = AccountFilterSet
    ordering_fields = [
        "id", "name", "account_type", "industry", "annual_revenue", "employees", "rating",
        "billing_city", "billing_country", "created_at", "updated_at",
    ]
    object_actions = {**OBJECT_ACTIONS, "merge": "edit"}

    @merge_schema(AccountSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge the duplicates into this account; answer 200 with the account."""
        survivor = self.get_object()
        payload = MergeRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        account = account_merge(
            survivor=survivor, duplicates=payload.validated_data["duplicates"],
            fields=payload.validated_data["fields"], user=request.user,
            expected_version=self.expected_version(),
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=account.pk)).data)


register_viewset("accounts", AccountViewSet)
