"""Catalan names for what Wagtail's own migrations create in English and editors see: the root
of the page tree (every breadcrumb starts with it), the root collection of images and documents,
and the default moderation workflow ("Envia a Moderators approval" in the page editor)."""

from django.db import migrations

RENAMES = [
    # (model, field, English name, Catalan name)
    ("Page", "title", "Root", "Arrel"),
    ("Page", "draft_title", "Root", "Arrel"),
    ("Collection", "name", "Root", "Arrel"),
    ("Workflow", "name", "Moderators approval", "Aprovació dels moderadors"),
    ("Task", "name", "Moderators approval", "Aprovació dels moderadors"),
]


def rename(apps, renames):
    for model_name, field, old, new in renames:
        model = apps.get_model("wagtailcore", model_name)
        rows = model.objects.filter(**{field: old})
        if model_name in {"Page", "Collection"}:
            rows = rows.filter(depth=1)
        rows.update(**{field: new})


def to_catalan(apps, schema_editor):
    rename(apps, RENAMES)


def to_english(apps, schema_editor):
    rename(apps, [(model, field, new, old) for model, field, old, new in RENAMES])


class Migration(migrations.Migration):
    dependencies = [
        ("localret_site", "0001_cache_table"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_catalan, to_english)]
