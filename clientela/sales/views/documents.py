"""What the pages of quotes, orders and invoices share: their lines as rows on the edit
page, and for printed documents the PDF, the email form and the list of emails sent."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View

from clientela.core import views as generic
from clientela.core.exceptions import ApplicationError
from clientela.core.forms.formsets import formset_rows
from clientela.core.views import add_validation_error

from ..forms.documents import DocumentEmailForm, DocumentLineFormSet
from ..selectors.documents import document_emails
from ..services.document_emails import document_email, document_email_defaults
from ..services.pdf import printed_document, render_document_pdf

LINE_FIELDS = ("product", "description", "quantity", "unit_price", "discount_percent",
               "discount_amount", "tax_rate")


class DocumentLinesMixin:
    """Edit a document's (or an opportunity's) lines as rows beside its form; the service's
    `lines[i].field` errors land on their rows."""

    def get_formsets(self, obj, data=None):
        return {
            **super().get_formsets(obj, data),
            _("Lines"): DocumentLineFormSet(
                data, prefix="lines", form_kwargs={"user": self.request.user},
                initial=[{name: getattr(line, "product_id" if name == "product" else name)
                          for name in LINE_FIELDS} for line in obj.lines.all()]
                if obj.pk else None,
            ),
        }

    def lines_from_formset(self) -> list[dict]:
        """Return the kept rows as the items the sales services take."""
        rows = formset_rows(next(formset for formset in self.formsets.values()
                                 if formset.prefix == "lines"))
        return [{name: row.get(name) for name in LINE_FIELDS} for row in rows]


class PrintedDocumentMixin:
    """Give a document's detail page its PDF and email links and the emails sent of it."""

    def printed_context(self, obj) -> dict:
        return {
            "pdf_url": generic.record_url(obj, "pdf"),
            "email_url": generic.record_url(obj, "email"),
            "may_email": self.may(obj, "edit"),
            "emails": document_emails(kind=printed_document(obj).kind, document_id=obj.pk),
        }


class DocumentPdfView(generic.RecordViewMixin, View):
    """Answer a document's PDF, opened in the browser, to whoever may see the document."""

    queryset: QuerySet | None = None

    def get(self, request, pk):
        obj = self.get_object(pk)
        try:
            pdf = render_document_pdf(obj, user=request.user)
        except ValidationError as error:
            # The default template fails on this document: say so where it was asked from.
            messages.error(request, _t("The PDF could not be drawn: %(reason)s") % {
                "reason": " ".join(error.messages)})
            return HttpResponseRedirect(obj.get_absolute_url())
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="{printed_document(obj).filename(obj)}"')
        return response


class DocumentEmailView(generic.RecordViewMixin, View):
    """Email a document's PDF: the form starts with the contact's address and the kind's
    subject and message; sending goes through `document_email`."""

    queryset: QuerySet | None = None
    permission_action = "edit"
    template_name = "sales/document_email.html"

    def render_form(self, obj, form, status=200):
        return render(self.request, self.template_name, {
            **self.base_context(), "object": obj, "form": form,
            "attachment": printed_document(obj).filename(obj),
        }, status=status)

    def get(self, request, pk):
        obj = self.get_object(pk)
        defaults = document_email_defaults(obj, request.user)
        form = DocumentEmailForm(initial={**defaults, "to": ", ".join(defaults["to"]),
                                          "cc": ""})
        return self.render_form(obj, form)

    def post(self, request, pk):
        obj = self.get_object(pk)
        form = DocumentEmailForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = document_email(user=request.user, document=obj, to=data["to"],
                                       cc=data["cc"], subject=data["subject"],
                                       message=data["message"])
            except ValidationError as error:
                add_validation_error(form, error)
            except ApplicationError as error:
                form.add_error(error.field if error.field in form.fields else None,
                               error.message)
            else:
                messages.success(request, _t("%(record)s was sent to %(to)s.") % {
                    "record": obj, "to": ", ".join(entry.to)})
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(obj, form, status=400)


def printed_document_urls(queryset: QuerySet, name: str) -> list:
    """Return the URL patterns of a document's PDF (`<name>_pdf`) and email form
    (`<name>_email`), for its module's URLs."""
    return [
        path("<int:pk>/pdf/", DocumentPdfView.as_view(queryset=queryset), name=f"{name}_pdf"),
        path("<int:pk>/email/", DocumentEmailView.as_view(queryset=queryset),
             name=f"{name}_email"),
    ]
