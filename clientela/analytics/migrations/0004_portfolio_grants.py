"""Open portfolios to the seeded roles: sales managers build and assign them, everyone else
who works with customers sees them and changes none."""

from django.db import migrations

GRANTS = {
    "sales-manager": dict(can_access=True, view="all", can_create=True, edit="all",
                          delete="all", can_import=True, can_export=True),
    "sales-rep": dict(can_access=True, view="all"),
    "marketing": dict(can_access=True, view="all"),
    "read-only": dict(can_access=True, view="all"),
}


def grant_portfolios(apps, schema_editor):
    Role = apps.get_model("users", "Role")
    RolePermission = apps.get_model("users", "RolePermission")
    for slug, grant in GRANTS.items():
        role = Role.objects.filter(slug=slug).first()
        if role is not None:
            RolePermission.objects.get_or_create(role=role, module="portfolios", defaults=grant)


class Migration(migrations.Migration):
    dependencies = [("analytics", "0003_portfolios"), ("users", "0002_seed_roles")]
    operations = [migrations.RunPython(grant_portfolios, migrations.RunPython.noop)]
