"""The contacts collection of the API: /api/v1/contacts/."""

from clientela.core.api.registry import register_viewset
from clientela.core.api.viewsets import RecordViewSet

from ..filtersets import ContactFilterSet
from ..models import Contact
from .serializers import ContactSerializer


class ContactViewSet(RecordViewSet):
    queryset = Contact.objects.prefetch_related(
        "tags", "emails", "phones", "account_links", "consents"
    ).order_by("last_name", "first_name", "id")
    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet
    ordering_fields = [
        "id", "last_name", "first_name", "email", "title", "department", "city", "country",
        "level", "birth_date", "created_at", "updated_at",
    ]


register_viewset("contacts", ContactViewSet)
