"""Open quotas to the seeded sales roles: managers set them, salespeople see theirs."""

from django.db import migrations

# Sales representatives see their own quota, their teammates' and their team's (the quota's
# owner and team follow its salesperson or team) and change none; other roles see none.
GRANTS = {
    "sales-manager": dict(can_access=True, view="all", can_create=True, edit="all",
                          delete="all", can_import=True, can_export=True),
    "sales-rep": dict(can_access=True, view="team"),
}


def grant_quotas(apps, schema_editor):
    Role = apps.get_model("users", "Role")
    RolePermission = apps.get_model("users", "RolePermission")
    for slug, grant in GRANTS.items():
        role = Role.objects.filter(slug=slug).first()
        if role is not None:
            RolePermission.objects.get_or_create(role=role, module="quotas", defaults=grant)


class Migration(migrations.Migration):
    dependencies = [("sales", "0018_quotas_forecast_category"),
                    ("users", "0002_seed_roles")]
    operations = [migrations.RunPython(grant_quotas, migrations.RunPython.noop)]
