"""Load Catalonia's provinces and comarques (see members/reference_data.py)."""

from django.db import migrations

from members.reference_data import ensure_reference_data


def load_reference_data(apps, schema_editor):
    ensure_reference_data(apps.get_model("members", "Province"), apps.get_model("members", "Comarca"))


class Migration(migrations.Migration):
    dependencies = [("members", "0002_registry")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
