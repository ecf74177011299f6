"""Case-insensitive "contains" that is correct for Swedish on both databases.

SQLite's LIKE and UPPER fold only ASCII letters, so "LEVERANTÖR" does not find "Leverantör" with
Django's icontains there. On SQLite Kedja registers a function that folds with Python's
str.casefold, and `contains_any_case` compares folded text. On PostgreSQL it is plain icontains,
UPPER(column::text) LIKE UPPER(pattern), which the trigram indexes are built on.
"""

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import CharField, Q, TextField, Transform


def _casefold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def register_sqlite_casefold(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("kedja_casefold", 1, _casefold, deterministic=True)


class CaseFold(Transform):
    lookup_name = "casefold"
    function = "kedja_casefold"


CharField.register_lookup(CaseFold)
TextField.register_lookup(CaseFold)
connection_created.connect(register_sqlite_casefold)


def contains_any_case(field: str, text: str) -> Q:
    """`field` contains `text`, ignoring case, for every alphabet."""
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__casefold__contains": text.casefold()})
    return Q(**{f"{field}__icontains": text})
