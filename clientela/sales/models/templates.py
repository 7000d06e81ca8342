"""Templates of printed sales documents and the log of documents sent by email."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import DocumentKind


class DocumentTemplate(models.Model):
    """Return how one kind of document (quote, invoice) prints: an HTML body in the Django
    template language and its CSS, edited by the administrators.

    Each kind has at most one default template, which must be active; the PDF of a document
    is drawn with its kind's default.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    name = models.CharField(_("name"), max_length=100)
    body = models.TextField(_("body"), help_text=_(
        "HTML in the Django template language; see the variables in the sales guide."))
    css = models.TextField(_("CSS"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_default = models.BooleanField(_("default"), default=False, help_text=_(
        "The template the documents of this kind are printed with."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["kind", "-is_default", "name"]
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [
            models.UniqueConstraint(fields=["kind"], condition=Q(is_default=True),
                                    name="one_default_template_per_kind"),
            models.UniqueConstraint(fields=["kind", "name"], name="unique_template_name"),
        ]

    def __str__(self) -> str:
        return self.name


class DocumentEmail(models.Model):
    """One sending of a document's PDF by email: to whom, with what subject, when, by whom."""

    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    document_id = models.BigIntegerField(_("document"))
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=250)
    message = models.TextField(_("message"), blank=True)
    attachment_name = models.CharField(_("attachment"), max_length=200)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("sent by"))

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("document email")
        verbose_name_plural = _("document emails")
        indexes = [models.Index(fields=["kind", "document_id", "-sent_at"])]

    def __str__(self) -> str:
        return self.subject
