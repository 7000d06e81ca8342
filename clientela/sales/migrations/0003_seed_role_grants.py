"""Open products and price books to the seeded roles.

Everyone sees the whole catalogue (reps must price what they sell); sales managers also keep
it: create, edit, delete, import and export. Administrators may do everything anyway.
"""

from django.db import migrations

MODULES = ("products", "price-books")
VIEW = dict(can_access=True, view="all")
GRANTS = {
    "sales-manager": dict(can_access=True, view="all", can_create=True, edit="all",
                          delete="all", can_import=True, can_export=True),
    "sales-rep": dict(can_access=True, view="all", can_export=True),
    "service-agent": VIEW,
    "marketing": VIEW,
    "read-only": VIEW,
}


def seed_grants(apps, schema_editor):
    Role = apps.get_model("users", "Role")
    RolePermission = apps.get_model("users", "RolePermission")
    for slug, grant in GRANTS.items():
        role = Role.objects.filter(slug=slug).first()
        if role is None:
            continue
        for module in MODULES:
            RolePermission.objects.get_or_create(role=role, module=module, defaults=grant)


class Migration(migrations.Migration):
    dependencies = [("sales", "0002_seed_currencies"), ("users", "0002_seed_roles")]
    operations = [migrations.RunPython(seed_grants, migrations.RunPython.noop)]
