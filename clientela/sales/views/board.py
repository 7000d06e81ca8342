"""The pipeline board: one column per stage, cards dragged between them to move them."""

from __future__ import annotations

from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.views import View

from clientela.core import views as generic
from clientela.core.permissions import can

from ..forms.opportunities import BoardFilterForm
from ..models import Opportunity, Pipeline, Stage
from ..selectors.opportunities import (
    BOARD_COLUMN_SIZE,
    opportunity_board,
    opportunity_board_queryset,
    opportunity_column_cards,
    opportunity_totals,
    pipeline_list,
)

BOARD_FILTERS = ("owner", "team", "period", "close_from", "close_to")


def board_form(data: QueryDict, user) -> BoardFilterForm:
    """Return the filter form bound to the board's query (unbound when it has none)."""
    bound = any(data.get(name) for name in ("pipeline", *BOARD_FILTERS))
    return BoardFilterForm(data if bound else None, user=user)


def chosen_pipeline(form: BoardFilterForm) -> Pipeline | None:
    """Return the pipeline the board shows: the chosen one, else the first."""
    if form.is_bound:
        form.is_valid()  # a bad filter must not cost the chosen pipeline
        if form.cleaned_data.get("pipeline"):
            return form.cleaned_data["pipeline"]
    return pipeline_list().first()


def board_summary(request, pipeline: Pipeline) -> dict[str, dict]:
    """Return each column's count and totals under the board's filters (`board_query`)."""
    form = board_form(QueryDict(request.POST.get("board_query", "")), request.user)
    filters = form.filters(timezone.localdate())
    queryset = opportunity_board_queryset(user=request.user, pipeline=pipeline, filters=filters)
    totals = opportunity_totals(opportunities=queryset, by="stage_id")
    summary = {}
    for stage in pipeline.stages.all():
        entry = totals.get(stage.pk)
        summary[str(stage.pk)] = {"count": entry.count if entry else 0,
                                  "total": entry.as_text() if entry else "",
                                  "base_total": entry.base_text() if entry else ""}
    return summary


def dress_cards(cards) -> None:
    """Give each card its link and its amount as shown, worked out once for the board: per
    card, `reverse()` and the template's number formatting were most of its rendering."""
    detail = reverse("sales:opportunity", args=[0])
    for card in cards:
        card.board_url = detail.replace("/0/", f"/{card.pk}/")
        card.amount_text = ("" if card.amount is None else
                            number_format(card.amount, decimal_pos=2, use_l10n=True,
                                          force_grouping=True))


class BoardMixin(generic.RecordViewMixin):
    queryset = Opportunity.objects.all()

    def board_query(self) -> str:
        """Return the board's pipeline and filters as a query string."""
        data = self.request.GET.copy()
        for name in list(data):
            if name not in ("pipeline", *BOARD_FILTERS):
                data.pop(name)
        return data.urlencode()

    def card_context(self, pipeline: Pipeline) -> dict:
        return {
            "stages": list(pipeline.stages.all()),
            "may_move": can(self.request.user, self.module.slug, "edit"),
            "board_query": self.board_query(),
        }


class OpportunityBoardView(BoardMixin, View):
    """The board of one pipeline, filtered by owner, team and expected close period."""

    template_name = "sales/opportunity_board.html"

    def get(self, request):
        self.require("view")
        form = board_form(request.GET, request.user)
        pipeline = chosen_pipeline(form)
        context = {**self.base_context(), "form": form, "pipeline": pipeline,
                   "pipelines": pipeline_list()}
        if pipeline is not None:
            filters = form.filters(timezone.localdate())
            columns = opportunity_board(user=request.user, pipeline=pipeline, filters=filters)
            context.update(self.card_context(pipeline))
            for column in columns:
                dress_cards(column.cards)
            context["columns"] = columns
        return render(request, self.template_name, context)


class OpportunityBoardColumnView(BoardMixin, View):
    """The next cards of one column, for its "Show more" button."""

    template_name = "sales/opportunity_board.html#more-cards"

    def get(self, request, stage_pk):
        self.require("view")
        stage = Stage.objects.select_related("pipeline").filter(pk=stage_pk).first()
        if stage is None:
            raise Http404
        offset = request.GET.get("offset", "")
        offset = int(offset) if offset.isdigit() else 0
        filters = board_form(request.GET, request.user).filters(timezone.localdate())
        cards, has_more = opportunity_column_cards(user=request.user, stage=stage,
                                                   filters=filters, offset=offset)
        dress_cards(cards)
        return render(request, self.template_name, {
            **self.card_context(stage.pipeline), "stage": stage, "cards": cards,
            "has_more": has_more, "next_offset": offset + BOARD_COLUMN_SIZE,
        })
