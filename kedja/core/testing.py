"""Helpers for tests of any app (imported by tests only)."""

import io
import zipfile

from django.db import connection


def every_text_in_the_database() -> str:
    """Every row of every table as text, to show a value (an address, a secret) is stored nowhere."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def xlsx_zip_bomb() -> bytes:
    """An XLSX of a few kilobytes whose one sheet unpacks to 40 MiB: an upload must refuse it
    before reading it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(40):
                sheet.write(b"\x00" * (1 << 20))
    return out.getvalue()
