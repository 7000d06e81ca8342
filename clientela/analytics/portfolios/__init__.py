"""Portfolios ("carteras"): nested, tiered groups of customers built by rules over a run's
classes or by hand, and assigned to the sales organisation.

The model classes live in `clientela.analytics.models`; this package holds their vocabulary,
rules, services, selectors and the declarations of their generic pages.
"""
