"""The fixed vocabularies of portfolios."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PortfolioTier(models.TextChoices):
    GOLD = "gold", _("Gold")
    SILVER = "silver", _("Silver")
    BRONZE = "bronze", _("Bronze")
    VIP = "vip", _("VIP")
    PREMIUM = "premium", _("Premium")
    GEOGRAPHIC = "geographic", _("Geographic")
    AGENCY = "agency", _("Agency")


class PortfolioApproach(models.TextChoices):
    """How the sales organisation treats a portfolio's customers."""

    RELATIONAL = "relational", _("Relational")
    TRANSACTIONAL = "transactional", _("Transactional")


class MemberSource(models.TextChoices):
    """Why an account is in a portfolio: its rules picked it, or someone added it by hand."""

    RULE = "rule", _("Rules")
    MANUAL = "manual", _("By hand")


class RuleOperator(models.TextChoices):
    EQ = "eq", _("is")
    NE = "ne", _("is not")
    IN = "in", _("is one of")
    GTE = "gte", _("is at least")
    LTE = "lte", _("is at most")


class PortfolioErrorCode(models.TextChoices):
    NO_RUN = "no_run", _("No finished analysis run")
    NO_RULES = "no_rules", _("No rules")
    STALE_PREVIEW = "stale_preview", _("Stale preview")
    ALREADY_MEMBER = "already_member", _("Already a member")
    NOT_MEMBER = "not_member", _("Not a member")
    NOTHING_TO_MOVE = "nothing_to_move", _("Nothing to move")
