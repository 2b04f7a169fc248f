"""The "Transparència" group, the only non-superusers who may see access requests.

Requests hold personal data, so the "Editors" group gets no permission on them: editors only
keep the published information, as they keep the rest of the content. The new group manages the
published information too, and may choose and upload the documents it needs.
"""

from django.db import migrations

TRANSPARENCY = "Transparència"
EDITORS = "Editors"
ITEM = ("transparencyitem", "published information item")
REQUEST = ("accessrequest", "access request")
GROUP_PERMISSIONS = {
    TRANSPARENCY: {REQUEST: ["view", "change"], ITEM: ["add", "change", "delete", "view"]},
    EDITORS: {ITEM: ["add", "change", "delete", "view"]},
}
DOCUMENT_PERMISSIONS = ["add_document", "choose_document"]


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
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    Group.objects.get_or_create(name=TRANSPARENCY)
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        for (model, verbose_name), actions in GROUP_PERMISSIONS[group.name].items():
            for action in actions:
                codename = f"{action}_{model}"
                name = f"Can {action} {verbose_name}"
                group.permissions.add(permission(apps, "transparency", model, codename, name))

    group = Group.objects.get(name=TRANSPARENCY)
    group.permissions.add(
        permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    )
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for codename in DOCUMENT_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root,
                permission=permission(
                    apps, "wagtaildocs", "document", codename, f"Can {codename.replace('_', ' ')}"
                ),
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=TRANSPARENCY).delete()
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="transparency", content_type__model=ITEM[0]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("transparency", "0002_portal_sections_items_and_access_requests"),
        ("pages", "0002_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
