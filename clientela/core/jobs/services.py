"""Start, run and finish export and import jobs."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clientela.core import registry
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.permissions import can

from . import exporting, importing
from .models import Job, JobKind, JobStatus

MAX_IMPORT_BYTES = 50 * 1024 * 1024


def _module(slug: str) -> registry.Module:
    try:
        return registry.get_module(slug)
    except KeyError:
        raise ApplicationError(_("Unknown module %(slug)s.") % {"slug": slug},
                               field="module") from None


def _enqueue(job: Job) -> None:
    from .tasks import job_run_task

    transaction.on_commit(lambda: job_run_task.delay(job.pk))


def job_export_start(*, user, module: str, file_format: str = "csv", query: str = "") -> Job:
    """Queue an export of the records the user may export, filtered by `query`."""
    spec = _module(module)
    if not can(user, spec.slug, "export"):
        raise PermissionDeniedError(_("Your role does not allow exporting %(module)s.") % {
            "module": spec.label})
    if file_format not in exporting.FORMATS:
        raise ApplicationError(_("Choose csv or xlsx."), field="format")
    with transaction.atomic():
        job = Job.objects.create(kind=JobKind.EXPORT, module=spec.slug, user=user,
                                 params={"format": file_format, "query": query})
        _enqueue(job)
    return job


def job_import_prepare(*, user, module: str, name: str, data: bytes) -> Job:
    """Keep an uploaded file as a job waiting for its column mapping; check it can be read."""
    spec = _module(module)
    if not (can(user, spec.slug, "import") and can(user, spec.slug, "create")):
        raise PermissionDeniedError(_("Your role does not allow importing %(module)s.") % {
            "module": spec.label})
    if len(data) > MAX_IMPORT_BYTES:
        raise ApplicationError(_("The file is larger than 50 MB."), field="file")
    try:
        header, rows = importing.read_table(name, data)
    except importing.ImportFileError as error:
        raise ApplicationError(str(error), field="file") from None
    job = Job(kind=JobKind.IMPORT, module=spec.slug, user=user, total=len(rows),
              params={"mapping": None, "name": name, "header": header, "confirmed": False})
    job.input_file.save(name, ContentFile(data), save=False)
    job.save()
    return job


def job_import_confirm(*, job: Job, user, mapping: dict[str, str] | None = None) -> Job:
    """Start a prepared import with the column mapping (None: match columns by name)."""
    if job.user_id != user.pk or job.kind != JobKind.IMPORT or job.params.get("confirmed"):
        raise ApplicationError(_("This import cannot be started again."), code="started")
    if mapping is not None and (
        not isinstance(mapping, dict)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items())
    ):
        raise ApplicationError(_("The mapping must be an object of column: field."),
                               field="mapping")
    with transaction.atomic():
        job.params = {**job.params, "mapping": mapping or None, "confirmed": True}
        job.save(update_fields=["params"])
        _enqueue(job)
    return job


def job_import_start(*, user, module: str, name: str, data: bytes,
                     mapping: dict[str, str] | None = None) -> Job:
    """Queue an import of a CSV/XLSX file; the file is checked for readability first."""
    with transaction.atomic():
        job = job_import_prepare(user=user, module=module, name=name, data=data)
        return job_import_confirm(job=job, user=user, mapping=mapping)


def job_run(*, job_id: int) -> Job:
    """Run a pending job to its end; the job records success, or the errors that stopped it."""
    job = Job.objects.select_related("user").get(pk=job_id)
    if job.status != JobStatus.PENDING or (
        job.kind == JobKind.IMPORT and not job.params.get("confirmed")
    ):
        return job
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    job.status = JobStatus.RUNNING
    try:
        if job.kind == JobKind.EXPORT:
            _run_export(job)
        else:
            _run_import(job)
    except importing.ImportFileError as error:
        _finish(job, JobStatus.FAILED, errors=[{"row": 0, "field": "file", "message": str(error)}])
    return job


def _progress(job: Job):
    def report(done: int) -> None:
        Job.objects.filter(pk=job.pk).update(progress=done)

    return report


def _run_export(job: Job) -> None:
    model = registry.get_module(job.module).model
    queryset = exporting.export_queryset(model, job.user, job.params.get("query", ""))
    job.total = queryset.count()
    Job.objects.filter(pk=job.pk).update(total=job.total)
    file_format = job.params.get("format", "csv")
    content = exporting.write_export(queryset, job.user, file_format, _progress(job))
    job.output_file.save(f"{job.module}-{job.pk}.{file_format}", ContentFile(content), save=False)
    job.progress = job.total
    _finish(job, JobStatus.SUCCEEDED, result={"rows": job.total})


def _run_import(job: Job) -> None:
    model = registry.get_module(job.module).model
    with job.input_file.open("rb") as handle:
        header, rows = importing.read_table(job.params.get("name", job.input_file.name),
                                            handle.read())
    job.total = len(rows)
    Job.objects.filter(pk=job.pk).update(total=job.total)
    mapping = job.params.get("mapping") or importing.default_mapping(model, job.user, header)
    created, errors = importing.import_records(
        model=model, user=job.user, header=header, rows=rows, mapping=mapping,
        progress=_progress(job),
    )
    if errors:
        _finish(job, JobStatus.FAILED, errors=[error.as_dict() for error in errors[:1000]],
                result={"created": 0, "error_count": len(errors)})
    else:
        job.progress = job.total
        _finish(job, JobStatus.SUCCEEDED, result={"created": len(created), "ids": created[:1000]})


def _finish(job: Job, status: str, *, result: dict | None = None, errors: list | None = None):
    job.status = status
    job.result = result or {}
    job.errors = errors or []
    job.finished_at = timezone.now()
    job.save()
