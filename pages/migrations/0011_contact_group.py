"""The "Contacte" group, the only non-superusers who may read contact messages.

Messages hold what visitors wrote and where to answer them, so the "Editors" group gets no
permission on them. The group's members read them, mark them handled and may delete spam.
"""

from django.db import migrations

CONTACT = "Contacte"
MESSAGE_ACTIONS = ["view", "change", "delete"]


def permission(apps, app_label, model, codename, name):
    # Permissions are normally created after all migrations ran; create them here if needed,
    # named as Django's own post-migrate step would name them.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=CONTACT)
    group.permissions.add(
        permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        *(
            permission(
                apps, "pages", "contactmessage", f"{action}_contactmessage", f"Can {action} contact message"
            )
            for action in MESSAGE_ACTIONS
        ),
    )


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CONTACT).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0010_contact_page_topics_and_messages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
