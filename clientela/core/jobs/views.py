"""Pages to import a file into a module and to follow jobs with a progress bar."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from clientela.core import registry
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.customization.validation import definitions

from . import importing, services
from .forms import ImportMappingForm, ImportUploadForm
from .selectors import job_list


def _module_or_404(slug: str) -> registry.Module:
    try:
        return registry.get_module(slug)
    except KeyError:
        raise Http404 from None


@login_required
def import_upload(request, module: str):
    """Step 1: upload the file."""
    spec = _module_or_404(module)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.job_import_prepare(user=request.user, module=spec.slug,
                                              name=upload.name, data=upload.read())
        except PermissionDeniedError as error:
            raise PermissionDenied(error.message) from None
        except ApplicationError as error:
            form.add_error("file", error.message)
        else:
            return redirect("jobs:import_map", pk=job.pk)
    return render(request, "jobs/import_upload.html", {"form": form, "module": spec})


@login_required
def import_map(request, pk: int):
    """Step 2: say which column fills which field, then start the import."""
    job = get_object_or_404(job_list(user=request.user), pk=pk, kind="import")
    if job.params.get("confirmed"):
        return redirect("jobs:job", pk=job.pk)
    spec = _module_or_404(job.module)
    header = job.params["header"]
    form = ImportMappingForm(
        request.POST or None, header=header, model=spec.model, user=request.user,
        custom_fields=definitions(spec.slug),
        initial_mapping=importing.default_mapping(spec.model, request.user, header),
    )
    if request.method == "POST" and form.is_valid():
        services.job_import_confirm(job=job, user=request.user, mapping=form.mapping())
        return redirect("jobs:job", pk=job.pk)
    return render(request, "jobs/import_map.html", {"form": form, "module": spec, "job": job})


@login_required
def job_detail(request, pk: int):
    """A job's progress (polled while it runs), its result and its errors."""
    job = get_object_or_404(job_list(user=request.user), pk=pk)
    spec = registry.get_module(job.module)
    template = "jobs/job_progress.html" if request.htmx else "jobs/job.html"
    return render(request, template, {"job": job, "module": spec})


@login_required
def job_index(request):
    """The user's jobs, newest first."""
    return render(request, "jobs/job_list.html", {"jobs": job_list(user=request.user)[:100]})


@login_required
def job_download(request, pk: int):
    job = get_object_or_404(job_list(user=request.user), pk=pk)
    if not job.output_file:
        raise Http404(_("This job produced no file."))
    return FileResponse(job.output_file.open("rb"), as_attachment=True,
                        filename=job.output_file.name.rsplit("/", 1)[-1])
