"""Trigram indexes for the contract search on PostgreSQL (contracts.queries.contract_search).

Django's icontains is UPPER(column::text) LIKE UPPER(pattern) on PostgreSQL; GIN trigram indexes
on exactly those expressions let a '%word%' search use the index instead of scanning every row.
pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. SQLite has no
such index and keeps scanning; the results are the same.
"""

from django.db import migrations

INDEXES = [
    ("contract_reference_trgm", "contracts_contract", "reference"),
    ("contract_title_trgm", "contracts_contract", "title"),
    ("organisation_name_trgm", "organisations_organisation", "name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0005_contract_api_order_index"),
        ("organisations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
