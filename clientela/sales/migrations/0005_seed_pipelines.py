"""Seed the two standard pipelines, New business and Renewals, with their stages."""

from django.db import migrations

PIPELINES = {
    "New business": (
        "Winning new customers, from first contact to signature.",
        [
            ("Prospecting", 10, "open"),
            ("Qualification", 20, "open"),
            ("Needs analysis", 40, "open"),
            ("Proposal", 60, "open"),
            ("Negotiation", 80, "open"),
            ("Closed won", 100, "won"),
            ("Closed lost", 0, "lost"),
        ],
    ),
    "Renewals": (
        "Renewing the contracts of existing customers.",
        [
            ("Renewal due", 50, "open"),
            ("Renewal quoted", 75, "open"),
            ("Renewed", 100, "won"),
            ("Churned", 0, "lost"),
        ],
    ),
}


def seed_pipelines(apps, schema_editor):
    Pipeline = apps.get_model("sales", "Pipeline")
    Stage = apps.get_model("sales", "Stage")
    for position, (name, (description, stages)) in enumerate(PIPELINES.items(), start=1):
        pipeline, created = Pipeline.objects.get_or_create(
            name=name, defaults={"description": description, "position": position}
        )
        if not created:
            continue
        Stage.objects.bulk_create(
            Stage(pipeline=pipeline, name=stage, position=index, probability=probability,
                  kind=kind)
            for index, (stage, probability, kind) in enumerate(stages, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("sales", "0004_pipelines_opportunities")]
    operations = [migrations.RunPython(seed_pipelines, migrations.RunPython.noop)]
