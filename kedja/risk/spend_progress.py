"""How far a spend screening has read its file, reported while DuckDB reads."""

import threading
from collections.abc import Callable

import duckdb


class Progress:
    """Runs the two passes over the file and reports how far DuckDB has read, as a percentage of the
    whole screening: the distinct-value pass is the first third, the main pass the rest.

    DuckDB answers `query_progress` from another thread while a query runs, so the query runs in a
    worker thread and the caller's thread reports (and may write to the database with its own
    connection)."""

    SHARES = (0, 30, 100)
    INTERVAL = 1.0

    def __init__(self, report: Callable[[int], None] | None):
        self.report = report
        self.stage = 0

    def run(self, con, sql: str) -> list[tuple]:
        start, end = self.SHARES[self.stage], self.SHARES[self.stage + 1]
        self.stage += 1
        if self.report is None:
            return con.sql(sql).fetchall()
        outcome: dict = {}
        worker = threading.Thread(target=_fetch, args=(con, sql, outcome))
        worker.start()
        while worker.is_alive():
            worker.join(self.INTERVAL)
            done = con.query_progress()
            if done >= 0:
                self.report(start + int((end - start) * done / 100))
        if "error" in outcome:
            raise outcome["error"]
        self.report(end)
        return outcome["rows"]


def _fetch(con, sql: str, outcome: dict) -> None:
    try:
        outcome["rows"] = con.sql(sql).fetchall()
    except duckdb.Error as error:
        outcome["error"] = error
