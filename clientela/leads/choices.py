from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROCESS = "in_process", _("In process")
    CONVERTED = "converted", _("Converted")
    RECYCLED = "recycled", _("Recycled")
    DEAD = "dead", _("Dead")


class LeadSource(models.TextChoices):
    WEB = "web", _("Web")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    CAMPAIGN = "campaign", _("Campaign")
    REFERRAL = "referral", _("Referral")
    TRADE_SHOW = "trade_show", _("Trade show")
    PARTNER = "partner", _("Partner")
    OTHER = "other", _("Other")


class LeadErrorCode(models.TextChoices):
    ALREADY_CONVERTED = "already_converted", _("The lead is already converted.")
    DEAD = "dead", _("A dead lead cannot be converted.")
    NOTHING_TO_CONVERT = "nothing_to_convert", _("Nothing to convert into.")
