"""Let the "Editors" group keep the categories of services (services themselves are pages)."""

from importlib import import_module

from django.db import migrations

EDITORS = "Editors"
CODENAMES = ["add_servicecategory", "change_servicecategory", "delete_servicecategory"]
get_permission = import_module("pages.migrations.0002_editors_group").get_permission


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.add(
            *(get_permission(apps, "services", "servicecategory", name) for name in CODENAMES)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="services", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_initial"),
        ("pages", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
