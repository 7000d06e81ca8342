from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountType(models.TextChoices):
    CUSTOMER = "customer", _("Customer")
    PROSPECT = "prospect", _("Prospect")
    PARTNER = "partner", _("Partner")
    COMPETITOR = "competitor", _("Competitor")
    OTHER = "other", _("Other")


class CustomerClass(models.TextChoices):
    """The customer classes of the domain: consumer, business, channel kinds, internal."""

    CONSUMER = "consumer", _("Consumer")
    BUSINESS = "business", _("Business")
    DISTRIBUTOR = "distributor", _("Channel: distributor")
    FRANCHISEE = "franchisee", _("Channel: franchisee")
    RESELLER = "reseller", _("Channel: reseller")
    INTERNAL = "internal", _("Internal")


class Industry(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture")
    AUTOMOTIVE = "automotive", _("Automotive")
    BANKING = "banking", _("Banking and finance")
    CONSTRUCTION = "construction", _("Construction")
    CONSULTING = "consulting", _("Consulting")
    EDUCATION = "education", _("Education")
    ENERGY = "energy", _("Energy and utilities")
    FOOD = "food", _("Food and beverage")
    GOVERNMENT = "government", _("Government")
    HEALTHCARE = "healthcare", _("Healthcare")
    HOSPITALITY = "hospitality", _("Hospitality")
    INSURANCE = "insurance", _("Insurance")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    MEDIA = "media", _("Media")
    REAL_ESTATE = "real_estate", _("Real estate")
    RETAIL = "retail", _("Retail")
    TECHNOLOGY = "technology", _("Technology")
    TELECOM = "telecom", _("Telecommunications")
    TRANSPORT = "transport", _("Transport and logistics")
    OTHER = "other", _("Other")


class Rating(models.TextChoices):
    HOT = "hot", _("Hot")
    WARM = "warm", _("Warm")
    COLD = "cold", _("Cold")
