"""Sanction decisions on the timeline were stored as labels in the writer's language; store codes."""

from django.db import migrations
from django.utils import translation


def labels_to_codes(apps, schema_editor):
    from kedja.followup.models.sanctions import SanctionKind

    by_label = {}
    for language in ("sv", "en"):
        with translation.override(language):
            by_label.update({str(kind.label): kind.value for kind in SanctionKind})
    CaseEvent = apps.get_model("followup", "CaseEvent")
    for event in CaseEvent.objects.filter(kind="sanction"):
        label = event.params.get("decision")
        if label in by_label:
            event.params["decision"] = by_label[label]
            event.save(update_fields=["params"])


class Migration(migrations.Migration):
    dependencies = [("followup", "0002_alter_caseevent_kind_reusedecision")]

    operations = [migrations.RunPython(labels_to_codes, migrations.RunPython.noop)]
