"""Seed the default templates of quotes and invoices from the files the project ships."""

from pathlib import Path

from django.db import migrations

DEFAULTS_DIR = Path(__file__).resolve().parent.parent / "templates" / "sales" / "pdf"
NAMES = {"quote": "Standard quote", "invoice": "Standard invoice"}


def seed_templates(apps, schema_editor):
    DocumentTemplate = apps.get_model("sales", "DocumentTemplate")
    css = (DEFAULTS_DIR / "document.css").read_text(encoding="utf-8")
    for kind, name in NAMES.items():
        if DocumentTemplate.objects.filter(kind=kind, is_default=True).exists():
            continue
        DocumentTemplate.objects.create(
            kind=kind, name=name, body=(DEFAULTS_DIR / f"{kind}.html").read_text(encoding="utf-8"),
            css=css, is_active=True, is_default=True,
        )


def unseed_templates(apps, schema_editor):
    DocumentTemplate = apps.get_model("sales", "DocumentTemplate")
    DocumentTemplate.objects.filter(name__in=NAMES.values()).delete()


class Migration(migrations.Migration):
    dependencies = [("sales", "0015_document_templates")]

    operations = [migrations.RunPython(seed_templates, unseed_templates)]
