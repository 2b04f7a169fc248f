"""Let the "Editors" group keep the governing bodies, the people and their positions."""

from django.db import migrations

EDITORS = "Editors"
MODELS = ["governingbody", "person", "position"]
ACTIONS = ["add", "change", "delete"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is None:
        return
    for model in MODELS:
        # Permissions are normally created after all migrations ran; create them here if needed.
        content_type, _ = ContentType.objects.get_or_create(app_label="governance", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="governance",
                codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_represented_member"),
        ("pages", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
