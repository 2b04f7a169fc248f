"""Let the "Editors" group keep the registry of local entities and see the reference tables.

Importing files stays with administrators until they give the "Can import local entities"
permission to someone: one import can change hundreds of entities at once.
"""

from django.db import migrations

EDITORS = "Editors"
PERMISSIONS = {
    "member": ["add_member", "change_member", "delete_member"],
    "comarca": ["view_comarca"],
    "province": ["view_province"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is None:
        return
    for model, codenames in PERMISSIONS.items():
        # Permissions are normally created after all migrations ran; create them here if needed.
        content_type, _ = ContentType.objects.get_or_create(app_label="members", model=model)
        for codename in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": codename.replace("_", " ").capitalize()},
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        codenames = [codename for names in PERMISSIONS.values() for codename in names]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="members", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_reference_data"),
        ("pages", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
