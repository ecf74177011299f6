"""The contract search's one column (Contract.search_text): reference, title and supplier name.

Fills it in for existing contracts and, on PostgreSQL, replaces the trigram indexes on reference
and title (0006) by one on the new column; the organisation name index stays for the supplier list.
"""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Concat

SEPARATOR = "\n"  # contracts.models.SEARCH_SEPARATOR when this was written


def fill(apps, schema_editor):
    Contract = apps.get_model("contracts", "Contract")
    Organisation = apps.get_model("organisations", "Organisation")
    name = Organisation.objects.filter(pk=OuterRef("supplier_id")).values("name")
    Contract.objects.update(
        search_text=Concat(F("reference"), Value(SEPARATOR), F("title"), Value(SEPARATOR), Subquery(name))
    )


def index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS contract_search_trgm ON contracts_contract"
        ' USING gin ((UPPER("search_text"::text)) gin_trgm_ops)'
    )
    schema_editor.execute("DROP INDEX IF EXISTS contract_reference_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS contract_title_trgm")


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS contract_search_trgm")
    for name, column in (("contract_reference_trgm", "reference"), ("contract_title_trgm", "title")):
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON contracts_contract USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0010_contract_ending_order_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="contract",
            name="search_text",
            field=models.TextField(db_default="", default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(index, unindex, elidable=False),
    ]
