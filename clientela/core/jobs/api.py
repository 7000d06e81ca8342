"""The jobs API: start an export or import of a module, then follow the job."""

from __future__ import annotations

import json

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .models import Job
from .selectors import job_list


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = ["id", "kind", "module", "status", "progress", "total", "percent", "result",
                  "errors", "created_at", "started_at", "finished_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, job: Job) -> str | None:
        if not job.output_file:
            return None
        return self.context["request"].build_absolute_uri(f"/api/v1/jobs/{job.pk}/download/")


class JobListView(ListAPIView):
    """The signed-in user's jobs, newest first."""

    serializer_class = JobSerializer

    def get_queryset(self):
        return job_list(user=self.request.user)


class JobDetailView(RetrieveAPIView):
    """One of the user's jobs: its status, progress, result and errors."""

    serializer_class = JobSerializer

    def get_queryset(self):
        return job_list(user=self.request.user)


class JobDownloadView(APIView):
    """The file an export job produced."""

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request, pk: int):
        job = job_list(user=request.user).filter(pk=pk).first()
        if job is None or not job.output_file:
            raise Http404
        return FileResponse(job.output_file.open("rb"), as_attachment=True,
                            filename=job.output_file.name.rsplit("/", 1)[-1])


class ModuleExportView(APIView):
    """Start an export of a module's records (the list filters apply) → 202 with the job."""

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["csv", "xlsx"])],
        responses={202: JobSerializer},
    )
    def get(self, request, module: str):
        query = request.GET.copy()
        file_format = query.pop("format", ["csv"])[-1]
        job = services.job_export_start(user=request.user, module=module,
                                        file_format=file_format, query=query.urlencode())
        return Response(JobSerializer(job, context={"request": request}).data,
                        status=status.HTTP_202_ACCEPTED)


class ModuleImportView(APIView):
    """Start an import of a CSV or .xlsx file (multipart `file`, optional JSON `mapping`)."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": inline_serializer("ImportRequest", {
            "file": serializers.FileField(),
            "mapping": serializers.CharField(required=False,
                                             help_text='JSON: {"column": "field"}'),
        })},
        responses={202: JobSerializer},
    )
    def post(self, request, module: str):
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": [_("Attach the file to import.")]})
        mapping = request.data.get("mapping") or None
        if mapping is not None:
            try:
                mapping = json.loads(mapping)
            except ValueError:
                raise ValidationError({"mapping": [_("The mapping is not valid JSON.")]}) from None
        job = services.job_import_start(user=request.user, module=module, name=upload.name,
                                        data=upload.read(), mapping=mapping)
        return Response(JobSerializer(job, context={"request": request}).data,
                        status=status.HTTP_202_ACCEPTED)
