"""API rate limits per caller in fixed windows, counted in the database so they hold across workers."""

import time

from django.db import connection

from kedja.api.models import RateWindow


def window_end(seconds: int, now: float) -> int:
    """The end of the fixed window of `seconds` that `now` falls in (windows start at the epoch)."""
    return int(now // seconds + 1) * seconds


def count_request(caller: str, seconds: int) -> int:
    """Count one request of `caller` in the current window and answer how many it has made there.

    One upsert statement (SQLite and PostgreSQL both have ON CONFLICT … RETURNING) so that two
    workers counting at the same moment can neither lose a hit nor collide on the first one.
    """
    now = time.time()
    table = connection.ops.quote_name(RateWindow._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (caller, ends_at, hits) VALUES (%s, %s, 1) "
            f"ON CONFLICT (caller, ends_at) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits",
            [caller, window_end(seconds, now)],
        )
        hits = int(cursor.fetchone()[0])
    if hits == 1:
        # A new window began: the caller's (and anyone's) finished windows are no longer needed.
        RateWindow.objects.filter(ends_at__lte=int(now)).delete()
    return hits
