"""Run by test_sqlite_concurrency in its own process: N threads saving for a while, errors counted.

Each save reads then writes inside one transaction (the pattern that failed with "database is
locked" under SQLite's deferred transactions) and every third one also queues a task for the worker.
Prints one JSON line: {"saves": n, "errors": [...]}.
"""

import json
import sys
import threading
import time

import django


def main(writers: int, seconds: float) -> None:
    django.setup()
    from django.db import connection, transaction

    from kedja.core.models import AuditEntry
    from kedja.core.tests.stress_tasks import record_stress_entry

    saves = [0] * writers
    errors: list[str] = []

    def write(number: int) -> None:
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                try:
                    with transaction.atomic():
                        seen = AuditEntry.objects.filter(action="stress.write").count()
                        AuditEntry.objects.create(
                            action="stress.write",
                            object_type="stress",
                            object_id=str(seen),
                            object_repr=str(number),
                        )
                        if saves[number] % 3 == 0:
                            record_stress_entry.enqueue(number)
                    saves[number] += 1
                except Exception as error:  # every failure is what the test counts
                    errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(number,)) for number in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sys.stdout.write(
        json.dumps({"saves": sum(saves), "errors": errors[:20], "error_count": len(errors)}) + "\n"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), float(sys.argv[2]))
