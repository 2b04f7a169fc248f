"""When each entity's record last changed, for the sitemap's lastmod. Entities saved before keep
no date (nothing records when they last changed) and the sitemap gives none for them until
they next change."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0005_listing_and_search_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='member',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, help_text="When the entity's record last changed; search engines read it in the sitemap.", null=True, verbose_name='last changed'),
        ),
    ]
