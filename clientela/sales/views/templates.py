"""The administrators' pages of document templates: list, edit with a preview, restore the
shipped default, delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clientela.core.exceptions import ApplicationError
from clientela.core.views import add_validation_error
from clientela.users.auth import admin_required

from ..choices import DocumentKind
from ..forms.templates import DocumentTemplateForm
from ..models import DocumentTemplate
from ..services.pdf import (
    default_template_text,
    document_template_delete,
    document_template_preview,
    document_template_restore,
    document_template_save,
)


@admin_required
def document_template_list(request: HttpRequest) -> HttpResponse:
    """List the templates of each kind of document, the default of each first."""
    return render(request, "sales/document_template_list.html",
                  {"templates": DocumentTemplate.objects.all(),
                   "kinds": DocumentKind.choices, "section": "document_templates"})


def _preview(request: HttpRequest, form: DocumentTemplateForm) -> HttpResponse | None:
    """Return the PDF of the form's template for the newest document of its kind, or None
    with the reason on the form."""
    try:
        pdf, filename = document_template_preview(template=form.instance, user=request.user)
    except ValidationError as error:
        add_validation_error(form, error)
        return None
    except ApplicationError as error:
        form.add_error(None, error.message)
        return None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="preview-{filename}"'
    return response


@admin_required
@require_http_methods(["GET", "POST"])
def document_template_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit a template; "Preview" draws it for the newest document of its kind
    without saving, "Save" refuses a template that does not compile or render."""
    template = get_object_or_404(DocumentTemplate, pk=pk) if pk else DocumentTemplate()
    initial = {}
    if not pk:
        kind = request.GET.get("kind")
        kind = kind if kind in DocumentKind.values else DocumentKind.QUOTE
        body, css = default_template_text(kind)
        initial = {"kind": kind, "body": body, "css": css}
    form = DocumentTemplateForm(request.POST or None, instance=template, initial=initial)
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            response = _preview(request, form)
            if response is not None:
                return response
        else:
            try:
                document_template_save(template=form.instance)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The template %(name)s was saved.") % {
                    "name": template.name})
                return redirect("sales:document_template_edit", pk=template.pk)
    return render(request, "sales/document_template_form.html",
                  {"form": form, "template": template, "section": "document_templates"},
                  status=400 if form.is_bound else 200)


@admin_required
@require_http_methods(["POST"])
def document_template_restore_default(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the shipped body and CSS of its kind back into a template."""
    template = get_object_or_404(DocumentTemplate, pk=pk)
    document_template_restore(template=template)
    messages.success(request, _("The template %(name)s was restored to the default.") % {
        "name": template.name})
    return redirect("sales:document_template_edit", pk=template.pk)


@admin_required
@require_http_methods(["GET", "POST"])
def document_template_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a template that is not the default of its kind."""
    template = get_object_or_404(DocumentTemplate, pk=pk)
    error = None
    if request.method == "POST":
        try:
            document_template_delete(template=template)
        except ApplicationError as refused:
            error = refused.message
        else:
            messages.success(request, _("The template %(name)s was deleted.") % {
                "name": template.name})
            return redirect("sales:document_template_list")
    return render(
        request, "users/confirm_delete.html",
        {"object": template, "cancel_url": "sales:document_template_list", "error": error,
         "consequence": _("Documents print with the default template of their kind.")},
        status=400 if error else 200,
    )
