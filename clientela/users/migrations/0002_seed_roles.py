"""Seed the six standard roles and their grants on the customer modules."""

from django.db import migrations

CUSTOMER_MODULES = ("accounts", "contacts", "leads")
FULL = dict(can_access=True, view="all", can_create=True, edit="all", delete="all",
            can_import=True, can_export=True)
ROLES = {
    "admin": ("Administrator", "Everything, including users, roles and settings.", True, {}),
    "sales-manager": (
        "Sales manager", "Runs the sales team: sees and edits all customer records.", False,
        {module: {**FULL, "delete": "team"} for module in CUSTOMER_MODULES},
    ),
    "sales-rep": (
        "Sales representative", "Works their own customers and leads; sees the team's.", False,
        {module: dict(can_access=True, view="team", can_create=True, edit="own", delete="own",
                      can_export=True) for module in CUSTOMER_MODULES},
    ),
    "service-agent": (
        "Service agent", "Serves customers: sees every account and contact, edits contacts.",
        False,
        {
            "accounts": dict(can_access=True, view="all"),
            "contacts": dict(can_access=True, view="all", can_create=True, edit="all"),
        },
    ),
    "marketing": (
        "Marketing", "Works leads and reads the customer base for campaigns.", False,
        {
            "accounts": dict(can_access=True, view="all", can_export=True),
            "contacts": dict(can_access=True, view="all", can_export=True),
            "leads": {**FULL},
        },
    ),
    "read-only": (
        "Read-only", "Sees every customer record and changes nothing.", False,
        {module: dict(can_access=True, view="all") for module in CUSTOMER_MODULES},
    ),
}


def seed_roles(apps, schema_editor):
    Role = apps.get_model("users", "Role")
    RolePermission = apps.get_model("users", "RolePermission")
    for slug, (name, description, is_admin, grants) in ROLES.items():
        role, _ = Role.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "is_admin": is_admin}
        )
        for module, grant in grants.items():
            RolePermission.objects.get_or_create(role=role, module=module, defaults=grant)


class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]
    operations = [migrations.RunPython(seed_roles, migrations.RunPython.noop)]
