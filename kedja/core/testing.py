"""Helpers for tests of any app (imported by tests only)."""

from django.db import connection


def every_text_in_the_database() -> str:
    """Every row of every table as text, to show a value (an address, a secret) is stored nowhere."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)
