"""Kinds of printed sales documents and the errors of printing and emailing them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """The sales documents that are printed from a template."""

    QUOTE = "quote", _("Quote")
    INVOICE = "invoice", _("Invoice")


class DocumentErrorCode(models.TextChoices):
    TEMPLATE_INVALID = "template_invalid", _("The template cannot be used.")
    DEFAULT_INACTIVE = "default_inactive", _("The default template of a kind must be active.")
    DEFAULT_DELETE = "default_delete", _("The default template of a kind cannot be deleted.")
    NO_DOCUMENT = "no_document", _("There is no document of this kind to preview yet.")
    NO_RECIPIENT = "no_recipient", _("Give at least one address to send to.")
    DO_NOT_CONTACT = "do_not_contact", _(
        "The contact does not want to be emailed; type another address.")
    SEND_FAILED = "send_failed", _("The email could not be sent.")
