"""Take over PresidentMessagePage from the pages app (see pages 0004), then add its fields.

Existing pages keep their rows: the table was renamed by pages 0004 and the content type is
relabelled here, so the page tree, revisions and permissions still point at the same type.
"""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(apps, schema_editor, old_app, new_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old_app, model="presidentmessagepage").update(
        app_label=new_app
    )
    ContentType.objects.clear_cache()


def to_governance(apps, schema_editor):
    relabel_content_type(apps, schema_editor, "pages", "governance")


def to_pages(apps, schema_editor):
    relabel_content_type(apps, schema_editor, "governance", "pages")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("governance", "0004_editors_permissions"),
        ("pages", "0004_president_message_page_moves_to_governance"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PresidentMessagePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "introduction",
                            wagtail.fields.RichTextField(
                                blank=True,
                                help_text="One or two short paragraphs shown under the title. Search engines also use it when the page has no search description.",
                                verbose_name="introduction",
                            ),
                        ),
                        (
                            "body",
                            wagtail.fields.RichTextField(
                                blank=True,
                                help_text="The main text of the page. Use headings to split long texts into sections.",
                                verbose_name="body",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "president's message page",
                        "verbose_name_plural": "president's message pages",
                    },
                    bases=("wagtailcore.page", models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(to_governance, to_pages),
    ]
