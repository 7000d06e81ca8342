"""Seed the attractiveness criteria and open the analytics pages to the seeded roles."""

from django.db import migrations

# The criteria of the customer policy, with a starting weight (0–4) and, where the company's
# own data answers them, where their score is pre-filled from.
CRITERIA = (
    ("Sales potential", "What the customer could buy from us in the coming years.", 4,
     "manual"),
    ("Current volume", "What the customer buys from us now.", 3, "current_volume"),
    ("Demand growth", "How fast the customer's buying grows.", 3, "demand_growth"),
    ("Profit margin", "The margin the customer's purchases leave.", 4, "profit_margin"),
    ("Market image", "What being seen with the customer does for our name.", 2, "manual"),
    ("Long-term supply", "Whether the customer buys on long-term agreements.", 2, "manual"),
    ("Supply exclusivity", "Whether we are the customer's only supplier.", 2, "manual"),
    ("Financial strength", "The customer's solvency and payment record.", 3, "manual"),
    ("Technology orientation", "How far the customer adopts new products and methods.", 1,
     "manual"),
    ("Logistic alignment", "How well the customer's logistics fit ours.", 1, "manual"),
)

GRANTS = {
    "sales-manager": dict(can_access=True, view="all", can_create=True, can_export=True),
    "sales-rep": dict(can_access=True, view="own"),
    "marketing": dict(can_access=True, view="all", can_export=True),
    "read-only": dict(can_access=True, view="all"),
}


def seed_criteria(apps, schema_editor):
    Criterion = apps.get_model("analytics", "AttractivenessCriterion")
    for position, (name, description, weight, source) in enumerate(CRITERIA):
        Criterion.objects.get_or_create(name=name, defaults=dict(
            description=description, weight=weight, source=source, position=position))


def grant_analytics(apps, schema_editor):
    Role = apps.get_model("users", "Role")
    RolePermission = apps.get_model("users", "RolePermission")
    for slug, grant in GRANTS.items():
        role = Role.objects.filter(slug=slug).first()
        if role is not None:
            RolePermission.objects.get_or_create(role=role, module="analytics", defaults=grant)


class Migration(migrations.Migration):
    dependencies = [("analytics", "0001_initial"), ("users", "0002_seed_roles")]
    operations = [
        migrations.RunPython(seed_criteria, migrations.RunPython.noop),
        migrations.RunPython(grant_analytics, migrations.RunPython.noop),
    ]
