"""What the API of quotes, orders and invoices shares: the nested lines, saving a document
with them, and for printed documents the `pdf/` and `email/` actions."""

from __future__ import annotations

import json

from django.db import transaction
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from clientela.core.api.serializers import RecordSerializer, VisibleRelatedField

from ..models import DocumentEmail, Product
from ..services.document_emails import document_email, document_email_defaults
from ..services.pdf import printed_document, render_document_pdf

LINE_INPUT_FIELDS = ("product", "description", "quantity", "unit_price", "discount_percent",
                     "discount_amount", "tax_rate")


class DocumentLineSerializer(serializers.Serializer):
    """A line; left out, the unit price and tax rate are the product's. The amounts are
    computed, rounded half up to the currency's decimals."""

    product = VisibleRelatedField(queryset=Product.objects.all(), required=False,
                                  allow_null=True)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    quantity = serializers.DecimalField(max_digits=14, decimal_places=4)
    unit_price = serializers.DecimalField(max_digits=18, decimal_places=4, required=False,
                                          allow_null=True)
    discount_percent = serializers.DecimalField(max_digits=5, decimal_places=2, required=False,
                                                allow_null=True)
    discount_amount = serializers.DecimalField(max_digits=18, decimal_places=4,
                                               required=False, allow_null=True)
    tax_rate = serializers.DecimalField(max_digits=5, decimal_places=2, required=False,
                                        allow_null=True)
    line_subtotal = serializers.DecimalField(max_digits=18, decimal_places=4, read_only=True)
    line_discount = serializers.DecimalField(max_digits=18, decimal_places=4, read_only=True)
    line_tax = serializers.DecimalField(max_digits=18, decimal_places=4, read_only=True)
    line_total = serializers.DecimalField(max_digits=18, decimal_places=4, read_only=True)


def line_items(lines: list[dict]) -> list[dict]:
    """Return validated line data as the items the document services take."""
    return [{name: line.get(name) for name in LINE_INPUT_FIELDS} for line in lines]


class DocumentSerializer(RecordSerializer):
    """A sales document with its `lines` (replaced as a whole when sent; left out, they stay),
    written through its service (`save_document`)."""

    lines = DocumentLineSerializer(many=True, required=False)

    def save_document(self, instance, *, lines: list[dict] | None, expected_version):
        """Write `instance` with `lines` through the document's service."""
        raise NotImplementedError

    def create(self, validated_data):
        return self._save(self.Meta.model(), validated_data, expected_version=None)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data,
                          expected_version=self.context.get("expected_version"))

    def _save(self, instance, validated_data: dict, *, expected_version):
        lines = validated_data.pop("lines", None)
        tags = validated_data.pop("tags", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        creating = instance.pk is None
        with transaction.atomic():
            self.save_document(instance, expected_version=expected_version,
                               lines=line_items(lines) if lines is not None else None)
            if tags is not None:
                self._set_tags(instance, tags, creating=creating)
        instance.__dict__.pop("_nested_values", None)
        return instance


class PDFRenderer(renderers.BaseRenderer):
    """Let a client ask for `Accept: application/pdf`; errors still read as JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return json.dumps(data).encode()


class DocumentEmailInputSerializer(serializers.Serializer):
    """What to send; left out, `to` is the contact's primary address and the subject and
    message are the kind's."""

    to = serializers.ListField(child=serializers.CharField(max_length=254), required=False,
                               max_length=50)
    cc = serializers.ListField(child=serializers.CharField(max_length=254), required=False,
                               max_length=50)
    subject = serializers.CharField(max_length=250, required=False)
    message = serializers.CharField(max_length=20000, required=False, allow_blank=True)


class DocumentEmailSerializer(serializers.ModelSerializer):
    """One email sent of a document, as logged on it."""

    document = serializers.IntegerField(source="document_id", read_only=True)

    class Meta:
        model = DocumentEmail
        fields = ["id", "kind", "document", "to", "cc", "subject", "message",
                  "attachment_name", "sent_at", "sent_by"]
        read_only_fields = fields


PRINTED_DOCUMENT_ACTIONS = {"pdf": "view", "email": "edit"}


class PrintedDocumentActions:
    """The `pdf/` and `email/` actions of a printed document's viewset; add
    `PRINTED_DOCUMENT_ACTIONS` to its `object_actions`."""

    @extend_schema(request=None, responses={
        (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY,
                                                  description="The document as PDF.")})
    @action(detail=True, methods=["get"],
            renderer_classes=[renderers.JSONRenderer, PDFRenderer])
    def pdf(self, request, pk=None):
        """Answer the document as PDF, drawn with its kind's default template."""
        document = self.get_object()
        response = HttpResponse(render_document_pdf(document, user=request.user),
                                content_type="application/pdf")
        filename = printed_document(document).filename(document)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @extend_schema(request=DocumentEmailInputSerializer,
                   responses={201: DocumentEmailSerializer})
    @action(detail=True, methods=["post"])
    def email(self, request, pk=None):
        """Email the document's PDF; a draft quote becomes sent. Answer 201 with the entry
        logged on the document (502 when the mail server fails; nothing is logged then)."""
        document = self.get_object()
        given = DocumentEmailInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        values = {**document_email_defaults(document, request.user),
                  **given.validated_data}
        entry = document_email(user=request.user, document=document, to=values["to"],
                               cc=values["cc"], subject=values["subject"],
                               message=values["message"])
        return Response(DocumentEmailSerializer(entry).data, status=201)
