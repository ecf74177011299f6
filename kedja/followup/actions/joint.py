"""A joint case's work split (tasks per region) and cost split (shares or amounts per region).

Only the lead's case team changes them (`check_may_change`: the lead region's officers and
strategists, and the secretariat); the regions named must be the case's own (lead or taking part).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core import bounds, numbers
from kedja.core.audit import record
from kedja.organisations.models import Organisation, User

from ..models import CostShare, CostSplitKind, FollowUpCase, JointTask
from ..queries import team_region_ids
from ._common import check_may_change

HUNDRED = Decimal(100)


def _within(limits: bounds.Bounds, value: object) -> bool:
    try:
        for validator in limits.validators:
            validator(value)
    except ValidationError:
        return False
    return True


def _check_region(case: FollowUpCase, region: Organisation) -> None:
    if region.pk not in team_region_ids(case):
        raise ValidationError({"region": _("Only the regions of this case can take a part of it.")})


@transaction.atomic
def add_joint_task(
    *,
    acting_user: User,
    case: FollowUpCase,
    region: Organisation,
    description: str,
    due_on: date,
    responsible: str = "",
) -> JointTask:
    """Give a region of the case a task, with who does it and by when."""
    check_may_change(acting_user, case)
    _check_region(case, region)
    if not description.strip():
        raise ValidationError({"description": _("Say what the task is.")})
    if not _within(bounds.EVENT_DATE, due_on):
        raise ValidationError({"due_on": _("Give a date between 1990 and 2100.")})
    task = JointTask.objects.create(
        case=case,
        region=region,
        description=description.strip(),
        responsible=responsible.strip(),
        due_on=due_on,
    )
    record(
        "followup.joint_task.added",
        case,
        actor=acting_user,
        changes={"region": region.name, "task": task.description, "due_on": due_on, "who": task.responsible},
    )
    return task


@transaction.atomic
def set_joint_task_done(*, acting_user: User, task: JointTask, done: bool) -> JointTask:
    """Mark a task done, or not done after all."""
    check_may_change(acting_user, task.case)
    if task.done != done:
        task.done = done
        task.save(update_fields=["done", "updated_at"])
    record(
        "followup.joint_task.done",
        task.case,
        actor=acting_user,
        changes={"task": task.description, "done": done},
    )
    return task


@transaction.atomic
def remove_joint_task(*, acting_user: User, task: JointTask) -> None:
    """Take back a task given by mistake (the audit log keeps what it was)."""
    check_may_change(acting_user, task.case)
    record(
        "followup.joint_task.removed",
        task.case,
        actor=acting_user,
        changes={"region": task.region.name, "task": task.description, "due_on": task.due_on},
    )
    task.delete()


def _checked_values(
    case: FollowUpCase, kind: str, values: dict[Organisation, Decimal | None]
) -> dict[Organisation, Decimal]:
    """The split's non-empty values, refused as a whole when one is wrong (nothing is stored)."""
    if kind not in CostSplitKind.values:
        raise ValidationError({"kind": _("Choose shares in percent or amounts in kronor.")})
    given = {region: value for region, value in values.items() if value is not None}
    for region in given:
        _check_region(case, region)
    if any(value < 0 for value in given.values()):
        raise ValidationError(_("A share or an amount cannot be negative."))
    if kind == CostSplitKind.PERCENT:
        total = sum(given.values(), Decimal(0))
        if given and total != HUNDRED:
            raise ValidationError(
                _("The shares add up to %(total)s %%; they must add up to 100 %%.")
                % {"total": numbers.number(total)}
            )
    elif not all(_within(bounds.SEK, value) for value in given.values()):
        raise ValidationError(_("An amount is larger than Kedja can hold."))
    return given


@transaction.atomic
def set_cost_split(
    *, acting_user: User, case: FollowUpCase, kind: str, values: dict[Organisation, Decimal | None]
) -> list[CostShare]:
    """Replace the case's cost split: a share in percent (adding up to 100) or an amount in kronor
    per region. A region left empty bears no part; all empty removes the split."""
    check_may_change(acting_user, case)
    given = _checked_values(case, kind, values)
    old = {
        s.region.name: str(s.percent if s.kind == CostSplitKind.PERCENT else s.amount_sek)
        for s in case.cost_shares.select_related("region")
    }
    case.cost_shares.all().delete()
    shares = CostShare.objects.bulk_create(
        [
            CostShare(
                case=case,
                region=region,
                kind=kind,
                percent=value if kind == CostSplitKind.PERCENT else None,
                amount_sek=value if kind == CostSplitKind.AMOUNT else None,
            )
            for region, value in sorted(given.items(), key=lambda item: item[0].name)
        ]
    )
    new = {region.name: str(value) for region, value in given.items()}
    record("followup.cost_split.set", case, actor=acting_user, changes={"kind": kind, "split": [old, new]})
    return shares
