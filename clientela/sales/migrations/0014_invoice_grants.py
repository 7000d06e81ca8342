"""Open invoices to the seeded sales roles, as orders are open to them."""

from django.db import migrations

GRANTS = {
    "sales-manager": dict(can_access=True, view="all", can_create=True, edit="all",
                          delete="team", can_import=True, can_export=True),
    "sales-rep": dict(can_access=True, view="team", can_create=True, edit="own", delete="own",
                      can_export=True),
    "marketing": dict(can_access=True, view="all", can_export=True),
    "read-only": dict(can_access=True, view="all"),
}


def grant_invoices(apps, schema_editor):
    Role = apps.get_model("users", "Role")
    RolePermission = apps.get_model("users", "RolePermission")
    for slug, grant in GRANTS.items():
        role = Role.objects.filter(slug=slug).first()
        if role is not None:
            RolePermission.objects.get_or_create(role=role, module="invoices", defaults=grant)


class Migration(migrations.Migration):
    dependencies = [("sales", "0013_invoices"), ("users", "0002_seed_roles")]
    operations = [migrations.RunPython(grant_invoices, migrations.RunPython.noop)]
