"""A task for the SQLite concurrency test: it reads then writes, like the real tasks do."""

from django.db import transaction
from django.tasks import task

from kedja.core.models import AuditEntry


@task
def record_stress_entry(writer: int) -> int:
    with transaction.atomic():
        seen = AuditEntry.objects.filter(action="stress.task").count()
        AuditEntry.objects.create(
            action="stress.task", object_type="stress", object_id=str(seen), object_repr=f"task {writer}"
        )
    return seen
