"""The contract search's column is stored case-folded (contracts.models.search_text_of), so that
SQLite can compare it without folding every row at search time. Rewrites it for every contract, in
batches, with Python's casefold (SQL's LOWER differs: "ß" stays "ß")."""

from django.db import migrations

SEPARATOR = "\n"  # contracts.models.SEARCH_SEPARATOR when this was written
BATCH = 5000


def fold(apps, schema_editor):
    Contract = apps.get_model("contracts", "Contract")
    rows = Contract.objects.order_by("pk").values_list("pk", "reference", "title", "supplier__name")
    batch = []
    for pk, reference, title, supplier in rows.iterator(chunk_size=BATCH):
        batch.append(Contract(pk=pk, search_text=SEPARATOR.join((reference, title, supplier)).casefold()))
        if len(batch) == BATCH:
            Contract.objects.bulk_update(batch, ["search_text"])
            batch = []
    Contract.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0012_contract_country"),
    ]

    operations = [
        migrations.RunPython(fold, migrations.RunPython.noop),
    ]
