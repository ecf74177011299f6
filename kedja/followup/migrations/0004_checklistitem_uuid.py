import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    ChecklistItem = apps.get_model("followup", "ChecklistItem")
    for item in ChecklistItem.objects.only("pk"):
        item.uuid = uuid.uuid4()
        item.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    """Checklist rows are reached by UUID in URLs, like every other object (never a sequential id)."""

    dependencies = [("followup", "0003_timeline_codes")]

    operations = [
        migrations.AddField(
            model_name="checklistitem", name="uuid", field=models.UUIDField(editable=False, null=True)
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="checklistitem",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
