"""The contacts collection of the API: /api/v1/contacts/, with merging."""

from rest_framework.decorators import action
from rest_framework.response import Response

from clientela.accounts.api.serializers import MergeRequestSerializer
from clientela.accounts.api.views import merge_schema
from clientela.core.api.registry import register_viewset
from clientela.core.api.viewsets import OBJECT_ACTIONS, RecordViewSet

from ..filtersets import ContactFilterSet
from ..models import Contact
from ..services import contact_merge
from .serializers import ContactSerializer


class ContactViewSet(RecordViewSet):
    queryset = Contact.objects.order_by("last_name", "first_name", "id")
    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet
    ordering_fields = [
        "id", "last_name", "first_name", "email", "title", "department", "city", "country",
        "level", "birth_date", "created_at", "updated_at",
    ]
    object_actions = {**OBJECT_ACTIONS, "merge": "edit"}

    @merge_schema(ContactSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge the duplicates into this contact; answer 200 with the contact."""
        survivor = self.get_object()
        payload = MergeRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        contact = contact_merge(
            survivor=survivor, duplicates=payload.validated_data["duplicates"],
            fields=payload.validated_data["fields"], user=request.user,
            expected_version=self.expected_version(),
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=contact.pk)).data)


register_viewset("contacts", ContactViewSet)
