from django.db import models
from django.utils.translation import gettext_lazy as _


class Salutation(models.TextChoices):
    MR = "mr", _("Mr.")
    MS = "ms", _("Ms.")
    MRS = "mrs", _("Mrs.")
    DR = "dr", _("Dr.")
    PROF = "prof", _("Prof.")
    MX = "mx", _("Mx.")


class Channel(models.TextChoices):
    """Channels a person can be reached on."""

    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    SMS = "sms", _("SMS")
    MAIL = "mail", _("Mail")
    IN_PERSON = "in_person", _("In person")


class ConsentChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    PHONE = "phone", _("Phone")


class ConsentStatus(models.TextChoices):
    OPTED_IN = "opted_in", _("Opted in")
    OPTED_OUT = "opted_out", _("Opted out")


class ContactRole(models.TextChoices):
    """A contact's role at an account."""

    DECISION_MAKER = "decision_maker", _("Decision maker")
    INFLUENCER = "influencer", _("Influencer")
    BUYER = "buyer", _("Buyer")
    USER = "user", _("User")
    TECHNICAL = "technical", _("Technical contact")
    BILLING = "billing", _("Billing contact")
    EMPLOYEE = "employee", _("Employee")
    HOUSEHOLD_MEMBER = "household_member", _("Household member")
    OTHER = "other", _("Other")


class ContactLabel(models.TextChoices):
    WORK = "work", _("Work")
    HOME = "home", _("Home")
    MOBILE = "mobile", _("Mobile")
    OTHER = "other", _("Other")


class CustomerLevel(models.TextChoices):
    STANDARD = "standard", _("Standard")
    SILVER = "silver", _("Silver")
    GOLD = "gold", _("Gold")
    VIP = "vip", _("VIP")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
