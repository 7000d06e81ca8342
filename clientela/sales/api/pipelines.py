"""The pipelines of the API: /api/v1/pipelines/, read-only, each with its stages."""

from __future__ import annotations

from rest_framework import permissions, serializers, viewsets

from clientela.core.api.registry import register_viewset

from ..models import Pipeline, Stage
from ..selectors.opportunities import pipeline_list


class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Stage
        fields = ["id", "name", "position", "probability", "kind"]


class PipelineSerializer(serializers.ModelSerializer):
    stages = StageSerializer(many=True, read_only=True)

    class Meta:
        model = Pipeline
        fields = ["id", "name", "description", "position", "stages"]


class PipelineViewSet(viewsets.ReadOnlyModelViewSet):
    """Every pipeline with its stages in order; anyone signed in reads them."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = PipelineSerializer
    queryset = Pipeline.objects.none()

    def get_queryset(self):
        return pipeline_list()


register_viewset("pipelines", PipelineViewSet)
