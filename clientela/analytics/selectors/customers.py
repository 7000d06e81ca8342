"""The customers of a run narrowed by their classes: how lists filter by the analytics."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import QueryDict

from ..choices import BcgQuadrant, LoyaltyQuadrant, ParetoClass, RfmSegment
from ..models import CustomerResult

CLASS_CHOICES = {
    "pareto_class": ParetoClass,
    "rfm_segment": RfmSegment,
    "bcg_quadrant": BcgQuadrant,
    "loyalty_quadrant": LoyaltyQuadrant,
}
# How a key-account filter may be written in an address.
FLAG_VALUES = {"1": True, "true": True, "yes": True, "on": True,
               "0": False, "false": False, "no": False, "off": False}


@dataclass(frozen=True)
class ClassFilters:
    """The classes a customer list is narrowed to (empty or None: any)."""

    pareto_class: str = ""
    rfm_segment: str = ""
    bcg_quadrant: str = ""
    loyalty_quadrant: str = ""
    is_key: bool | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> ClassFilters:
        """Return the filters of an address; a value that names no class is ignored."""
        chosen = {}
        for name, choices in CLASS_CHOICES.items():
            value = query.get(name, "")
            if value in choices.values:
                chosen[name] = value
        return cls(**chosen, is_key=FLAG_VALUES.get(query.get("is_key", "").lower()))

    @property
    def is_empty(self) -> bool:
        return self == ClassFilters()

    def apply(self, results: QuerySet[CustomerResult]) -> QuerySet[CustomerResult]:
        for name in CLASS_CHOICES:
            value = getattr(self, name)
            if value:
                results = results.filter(**{name: value})
        if self.is_key is not None:
            results = results.filter(is_key=self.is_key)
        return results
