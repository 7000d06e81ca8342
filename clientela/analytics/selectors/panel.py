"""What an account's page shows of the analytics: its classes and values in the latest run
that has it, what each class means, and its path over the last runs."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clientela.accounts.models import Account
from clientela.sales.selectors import base_currency

from ..choices import BcgQuadrant, LoyaltyQuadrant, RfmSegment, ValueBasis
from ..methods import pareto
from ..models import AnalysisRun, CustomerResult
from .results import account_path, may_view_analytics

PATH_RUNS = 6
RFM_MEANING = {
    RfmSegment.CHAMPIONS: _("bought recently, often and much"),
    RfmSegment.LOYAL: _("buys often and spends well"),
    RfmSegment.POTENTIAL_LOYALISTS: _("a recent customer that has bought more than once"),
    RfmSegment.NEW: _("bought for the first time recently"),
    RfmSegment.PROMISING: _("a recent buyer that has not spent much yet"),
    RfmSegment.NEED_ATTENTION: _("above average, but has not bought lately"),
    RfmSegment.ABOUT_TO_SLEEP: _("below average and not lately: about to be lost"),
    RfmSegment.AT_RISK: _("bought often and much, but long ago"),
    RfmSegment.CANNOT_LOSE: _("was among the best buyers and has not come back for long"),
    RfmSegment.HIBERNATING: _("bought rarely, little and long ago"),
    RfmSegment.LOST: _("the lowest recency, frequency and spend"),
}
BCG_MEANING = {
    BcgQuadrant.STAR: _("buys more than before, and much of what it buys in our category "
                        "is ours"),
    BcgQuadrant.CASH_COW: _("much of its buying in our category is ours, and it grows little"),
    BcgQuadrant.QUESTION_MARK: _("buys more than before, but most of it elsewhere"),
    BcgQuadrant.DOG: _("little of its buying is ours, and it grows little"),
}
BCG_ARTICLE_NAMES = {
    BcgQuadrant.STAR: _("a Star"), BcgQuadrant.CASH_COW: _("a Cash cow"),
    BcgQuadrant.QUESTION_MARK: _("a Question mark"), BcgQuadrant.DOG: _("a Dog"),
}
LOYALTY_MEANING = {
    LoyaltyQuadrant.LOYAL: _("satisfied and buying loyally"),
    LoyaltyQuadrant.CAPTIVE: _("buys loyally but is not satisfied"),
    LoyaltyQuadrant.MERCENARY: _("satisfied but does not buy loyally"),
    LoyaltyQuadrant.TERRORIST: _("neither satisfied nor buying loyally"),
}


@dataclass(frozen=True)
class ClassLine:
    """One class of the account: what it is called, its value and what it means."""

    label: str
    value: str
    meaning: str


def pareto_meaning(result: CustomerResult, run: AnalysisRun) -> str:
    basis = str(ValueBasis(run.parameters.get("value_basis", ValueBasis.REVENUE)).label).lower()
    first, second = run.parameters.get("cutoffs", pareto.DEFAULT_CUTOFFS)
    first, second = round(100 * first), round(100 * second)
    if result.pareto_class == "A":
        return gettext("among the customers bringing the first %(share)s %% of %(basis)s") % {
            "share": first, "basis": basis}
    if result.pareto_class == "B":
        return gettext("among the customers bringing the next %(share)s %% of %(basis)s "
                       "(from %(first)s %% to %(second)s %%)") % {
            "share": second - first, "basis": basis, "first": first, "second": second}
    return gettext("among the customers bringing the last %(share)s %% of %(basis)s, or "
                   "none") % {"share": 100 - second, "basis": basis}


def class_lines(result: CustomerResult) -> list[ClassLine]:
    """Return the account's classes in `result`'s run with what each means."""
    run = result.run
    lines = []
    if result.pareto_class:
        lines.append(ClassLine(gettext("ABC class"),
                               gettext("Class %(name)s") % {"name": result.pareto_class},
                               pareto_meaning(result, run)))
    if result.rfm_segment:
        lines.append(ClassLine(gettext("RFM segment"), result.get_rfm_segment_display(),
                               str(RFM_MEANING[RfmSegment(result.rfm_segment)])))
    if result.bcg_quadrant:
        lines.append(ClassLine(gettext("BCG quadrant"), result.get_bcg_quadrant_display(),
                               str(BCG_MEANING[BcgQuadrant(result.bcg_quadrant)])))
    if result.loyalty_quadrant:
        lines.append(ClassLine(
            gettext("Satisfaction × loyalty"), result.get_loyalty_quadrant_display(),
            str(LOYALTY_MEANING[LoyaltyQuadrant(result.loyalty_quadrant)])))
    if result.is_key:
        lines.append(ClassLine(gettext("Key account"), gettext("Yes"),
                               gettext("its attractiveness is over the key-account bar")))
    return lines


def class_names(result: CustomerResult) -> dict[str, str]:
    return {"pareto": result.pareto_class, "rfm": result.get_rfm_segment_display(),
            "bcg": result.get_bcg_quadrant_display(),
            "loyalty": result.get_loyalty_quadrant_display()}


def class_changes(newer: CustomerResult, older: CustomerResult) -> list[str]:
    """Return a sentence per class that changed between two runs of one account."""
    changes = []
    if newer.bcg_quadrant != older.bcg_quadrant and newer.bcg_quadrant and older.bcg_quadrant:
        changes.append(gettext("Was %(old)s, now %(new)s in the BCG matrix.") % {
            "old": BCG_ARTICLE_NAMES[BcgQuadrant(older.bcg_quadrant)],
            "new": BCG_ARTICLE_NAMES[BcgQuadrant(newer.bcg_quadrant)]})
    if newer.pareto_class != older.pareto_class and newer.pareto_class and older.pareto_class:
        changes.append(gettext("Was class %(old)s, now class %(new)s.") % {
            "old": older.pareto_class, "new": newer.pareto_class})
    if newer.rfm_segment != older.rfm_segment and newer.rfm_segment and older.rfm_segment:
        changes.append(gettext("Was in the RFM segment %(old)s, now %(new)s.") % {
            "old": older.get_rfm_segment_display(), "new": newer.get_rfm_segment_display()})
    if (newer.loyalty_quadrant != older.loyalty_quadrant and newer.loyalty_quadrant
            and older.loyalty_quadrant):
        changes.append(gettext("Was %(old)s, now %(new)s on satisfaction × loyalty.") % {
            "old": older.get_loyalty_quadrant_display(),
            "new": newer.get_loyalty_quadrant_display()})
    return changes


def account_panel(*, user, account: Account) -> dict | None:
    """Return what the account's page shows of its analytics: None when the viewer may not
    see the analytics, else the latest result (None before any), its classes explained, the
    path over the last runs, newest first, and what changed between the last two."""
    if not may_view_analytics(user):
        return None
    path = account_path(user=user, account=account, limit=PATH_RUNS)
    latest = path[0] if path else None
    return {
        "account": account, "latest": latest,
        "classes": class_lines(latest) if latest else [],
        "path": [(result.run, class_names(result)) for result in path],
        "changes": class_changes(path[0], path[1]) if len(path) > 1 else [],
        "currency": base_currency().code if latest else "",
    }


def contact_panel(*, user, contact) -> dict | None:
    """Return the panel of the contact's primary account when that account has results (None
    otherwise: a contact without one has no analytics of its own)."""
    if contact.account_id is None:
        return None
    panel = account_panel(user=user, account=contact.account)
    if panel is None or panel["latest"] is None:
        return None
    return {**panel, "of_contact": contact}
