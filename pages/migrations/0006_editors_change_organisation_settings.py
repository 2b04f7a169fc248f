"""Let the "Editors" group fill in the organisation's public details (name, NIF, address,
contact). Users and every other setting stay with administrators."""

from django.db import migrations

EDITORS = "Editors"
CODENAME = "change_organisationsettings"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is None:
        return
    # Permissions are normally created after all migrations ran; create it here if needed.
    content_type, _ = ContentType.objects.get_or_create(
        app_label="pages", model="organisationsettings"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can change organisation details"},
    )
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="pages", codename=CODENAME)
        )


class Migration(migrations.Migration):
    dependencies = [("pages", "0005_organisation_data_protection_details")]

    operations = [migrations.RunPython(grant, revoke)]
