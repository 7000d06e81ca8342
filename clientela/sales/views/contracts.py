"""The contract pages, declared on the generic record views, with their documents."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View

from clientela.core import views as generic
from clientela.core.exceptions import ApplicationError

from .. import filtersets, tables
from ..forms import contracts as forms
from ..models import Contract, ContractDocument
from ..services.contracts import contract_attach_document, contract_remove_document

FIELDSETS = (
    (_("Contract"), ("name", "account", "status", "owner", "team")),
    (_("Term"), ("start_date", "end_date", "renewal_date", "reminder_days",
                 "reminder_sent_for")),
    (_("Value"), ("value", "currency")),
    (_("Notes"), ("notes",)),
)


class ContractListView(generic.ObjectListView):
    queryset = Contract.objects.select_related("owner", "team", "account")
    filterset = filtersets.ContractFilterSet
    filter_fields = ("q", "status", "account", "owner", "team", "renewal_date__gte",
                     "renewal_date__lte")
    table = tables.ContractTable


class ContractView(generic.ObjectView):
    queryset = Contract.objects.select_related("owner", "team", "account", "created_by")
    template_name = "sales/contract.html"
    fieldsets = FIELDSETS

    def get_extra_context(self, obj):
        return {
            "documents": obj.documents.select_related("uploaded_by"),
            "may_edit": self.may(obj, "edit"),
            "document_form": forms.ContractDocumentForm(),
        }


class ContractHistoryView(ContractView):
    tab = "history"


class ContractEditView(generic.ObjectEditView):
    queryset = Contract.objects.all()
    form = forms.ContractForm


class ContractDeleteView(generic.ObjectDeleteView):
    queryset = Contract.objects.all()


class ContractBulkEditView(generic.BulkEditView):
    queryset = Contract.objects.all()
    form = forms.ContractBulkEditForm


class ContractBulkDeleteView(generic.BulkDeleteView):
    queryset = Contract.objects.all()


class ContractExportView(generic.ObjectExportView, ContractListView):
    pass


class ContractDocumentAddView(generic.RecordViewMixin, View):
    """Attach a file to a contract through `contract_attach_document`."""

    queryset = Contract.objects.select_related("account")
    permission_action = "edit"
    template_name = "sales/contract_document_form.html"

    def get(self, request, pk):
        return self.render_form(self.get_object(pk), forms.ContractDocumentForm())

    def post(self, request, pk):
        contract = self.get_object(pk)
        form = forms.ContractDocumentForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(contract, form, status=400)
        try:
            document = contract_attach_document(
                contract=contract, user=request.user, file=form.cleaned_data["file"],
                name=form.cleaned_data["name"])
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.render_form(contract, form, status=400)
        messages.success(request, _t("%(document)s attached.") % {"document": document})
        return HttpResponseRedirect(contract.get_absolute_url() + "#documents")

    def render_form(self, contract, form, status=200):
        return render(self.request, self.template_name,
                      {**self.base_context(), "object": contract, "form": form}, status=status)


class ContractDocumentView(generic.RecordViewMixin, View):
    """Serve a contract's document to those who may see the contract (GET), or remove it
    for those who may edit it (POST)."""

    queryset = Contract.objects.all()

    def document(self, contract, document_pk) -> ContractDocument:
        try:
            return contract.documents.get(pk=document_pk)
        except ContractDocument.DoesNotExist:
            raise Http404 from None

    def get(self, request, pk, document_pk):
        document = self.document(self.get_object(pk), document_pk)
        try:
            handle = document.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(handle, as_attachment=True,
                            filename=document.file.name.rsplit("/", 1)[-1])

    def post(self, request, pk, document_pk):
        self.permission_action = "edit"
        contract = self.get_object(pk)
        document = self.document(contract, document_pk)
        contract_remove_document(document=document, user=request.user)
        messages.success(request, _t("%(document)s removed.") % {"document": document})
        return HttpResponseRedirect(contract.get_absolute_url() + "#documents")
