"""Writes of pipelines: a pipeline saved with its stages all at once, and deletion."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clientela.core.exceptions import ApplicationError

from ..choices import PipelineErrorCode, StageKind
from ..models import Opportunity, Pipeline, Stage


def clean_stages(stages: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the stages validated, or raise ValidationError naming the row (`stages[2].name`).

    Each has a name (unique in the pipeline), a probability 0–100 and a kind; a pipeline needs
    at least one open stage and exactly one won and one lost stage.
    """
    errors: dict[str, list[str]] = {}
    cleaned = []
    seen: set[str] = set()
    for index, item in enumerate(stages):
        key = f"stages[{index}]"
        name = str(item.get("name") or "").strip()
        if not name:
            errors.setdefault(f"{key}.name", []).append(_("Name the stage."))
        elif name.casefold() in seen:
            errors.setdefault(f"{key}.name", []).append(_("Two stages have this name."))
        seen.add(name.casefold())
        probability = item.get("probability")
        if (not isinstance(probability, int) or isinstance(probability, bool)
                or not 0 <= probability <= 100):
            errors.setdefault(f"{key}.probability", []).append(
                _("Enter a whole number from 0 to 100."))
        kind = item.get("kind") or StageKind.OPEN
        if kind not in StageKind.values:
            errors.setdefault(f"{key}.kind", []).append(
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(StageKind.values)})
        cleaned.append({"id": item.get("id"), "name": name, "probability": probability,
                        "kind": kind})
    kinds = [item["kind"] for item in cleaned]
    if not errors and (StageKind.OPEN not in kinds or kinds.count(StageKind.WON) != 1
                       or kinds.count(StageKind.LOST) != 1):
        errors["stages"] = [PipelineErrorCode.STAGES_INCOMPLETE.label]
    if errors:
        raise ValidationError(errors)
    return cleaned


def pipeline_save(*, pipeline: Pipeline, stages: Sequence[Mapping[str, Any]]) -> Pipeline:
    """Save the pipeline and make its stages exactly `stages`, in that order.

    A row with the `id` of one of its stages renames or changes that stage; a row without
    adds one; a stage left out is deleted, which is refused (ApplicationError on `stages`)
    while any opportunity, even one in the recycle bin, is in it. All or nothing.
    """
    cleaned = clean_stages(stages)
    with transaction.atomic():
        pipeline.full_clean()
        pipeline.save()
        existing = {stage.pk: stage for stage in pipeline.stages.all()}
        kept_ids = {item["id"] for item in cleaned if item["id"] in existing}
        removed = [stage for pk, stage in existing.items() if pk not in kept_ids]
        for stage in removed:
            count = Opportunity.all_objects.filter(stage=stage).count()
            if count:
                raise ApplicationError(
                    ngettext(
                        "The stage %(stage)s cannot be deleted: %(count)d opportunity is in "
                        "it. Move it to another stage first.",
                        "The stage %(stage)s cannot be deleted: %(count)d opportunities are "
                        "in it. Move them to another stage first.",
                        count,
                    ) % {"stage": stage.name, "count": count},
                    code=PipelineErrorCode.STAGE_IN_USE, field="stages",
                )
        Stage.objects.filter(pk__in=[stage.pk for stage in removed]).delete()
        # Names are unique per pipeline: park the kept ones first so a swap of names passes.
        for stage in existing.values():
            if stage.pk in kept_ids:
                Stage.objects.filter(pk=stage.pk).update(name=f"#{stage.pk}#")
        for position, item in enumerate(cleaned, start=1):
            stage = existing.get(item["id"]) if item["id"] in kept_ids else Stage(
                pipeline=pipeline)
            stage.name = item["name"]
            stage.probability = item["probability"]
            stage.kind = item["kind"]
            stage.position = position
            stage.save()
    return pipeline


def pipeline_delete(*, pipeline: Pipeline) -> None:
    """Delete a pipeline and its stages; refused while it has any opportunity."""
    if Opportunity.all_objects.filter(pipeline=pipeline).exists():
        raise ApplicationError(
            _("The pipeline %(pipeline)s has opportunities, even if only in the recycle bin; "
              "it cannot be deleted.") % {"pipeline": pipeline.name},
            code=PipelineErrorCode.PIPELINE_IN_USE,
        )
    pipeline.delete()
