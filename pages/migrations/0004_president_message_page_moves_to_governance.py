"""PresidentMessagePage moves to the governance app, which knows who the president is.

The table is renamed here and the model leaves this app's state; governance's migration
0005 takes the model over, keeping every existing page, revision and permission.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_history_timeline_and_structured_statutes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("PresidentMessagePage", "governance_presidentmessagepage"),
            ],
            state_operations=[
                migrations.DeleteModel("PresidentMessagePage"),
            ],
        ),
    ]
