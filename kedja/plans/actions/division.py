"""Writes of the division of responsibilities: steering-group decisions and contact designations."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core.audit import record
from kedja.organisations.models import (
    AreaCoordinatorship,
    Membership,
    Organisation,
    ProcurementArea,
    User,
)
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category, CategoryResponsibility, PriorityPeriod

from .. import queries
from ..models import (
    ContactRole,
    DivisionDecision,
    ResponsibilityContact,
)
from ._common import check_region

# Division of responsibilities --------------------------------------------------------------------


def _check_secretariat(acting_user: User) -> None:
    if not queries.may_decide_division(actor_for(acting_user)):
        raise PermissionDenied(_("Only the secretariat records the steering group's decisions."))


@transaction.atomic
def decide_division(
    *,
    acting_user: User,
    name: str,
    starts_on: date,
    ends_on: date,
    decided_on: date,
    decision_text: str,
    based_on: PriorityPeriod | None,
    changes: list[tuple[Category, ProcurementArea | None, bool]],
) -> PriorityPeriod:
    """Record a steering-group decision that changes the division: a new period is created from
    `based_on` with `changes` applied (category, responsible area, prioritised). The earlier period
    and everything planned against it stay exactly as they were."""
    _check_secretariat(acting_user)
    name = name.strip()
    if not name or not decision_text.strip():
        raise ValidationError(_("Give the period a name and write down the decision."))
    if PriorityPeriod.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A period with this name already exists.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The period cannot end before it starts.")})
    if based_on is not None and starts_on <= based_on.starts_on:
        raise ValidationError({"starts_on": _("A new division must start after the period it replaces.")})
    rows = {}
    if based_on is not None:
        rows = {
            r.category_id: (r.category, r.area, r.prioritised)
            for r in based_on.responsibilities.select_related("category", "area")
        }
    summary = []
    for category, area, prioritised in changes:
        if prioritised and area is None:
            raise ValidationError(
                _("The prioritised category “%(category)s” needs a responsible area.")
                % {"category": category}
            )
        before = rows.get(category.pk)
        if before is None or (before[1], before[2]) != (area, prioritised):
            summary.append(_change_line(category, before, area, prioritised))
        rows[category.pk] = (category, area, prioritised)
    period = PriorityPeriod.objects.create(
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        decided_on=decided_on,
        decision_text=decision_text.strip(),
    )
    CategoryResponsibility.objects.bulk_create(
        CategoryResponsibility(period=period, category=c, area=a, prioritised=p) for c, a, p in rows.values()
    )
    decision = DivisionDecision.objects.create(
        period=period,
        replaces=based_on,
        decided_on=decided_on,
        decision_text=decision_text.strip(),
        changes=summary,
        recorded_by=acting_user,
    )
    record(
        "plans.division.decided", decision, actor=acting_user, changes={"period": name, "changes": summary}
    )
    return period


def _change_line(
    category: Category,
    before: tuple[Category, ProcurementArea | None, bool] | None,
    area: ProcurementArea | None,
    prioritised: bool,
) -> dict[str, Any]:
    return {
        "category": category.slug,
        "area_before": before[1].letter if before and before[1] else None,
        "area": area.letter if area else None,
        "prioritised_before": before[2] if before else None,
        "prioritised": prioritised,
    }


@transaction.atomic
def record_period_decision(
    *, acting_user: User, period: PriorityPeriod, decided_on: date, decision_text: str
) -> DivisionDecision:
    """Attach the steering-group decision to a period created by the reference loader."""
    _check_secretariat(acting_user)
    if DivisionDecision.objects.filter(period=period).exists():
        raise ValidationError(_("This period already has its decision recorded."))
    if not decision_text.strip():
        raise ValidationError({"decision_text": _("Write down the decision.")})
    decision = DivisionDecision.objects.create(
        period=period, decided_on=decided_on, decision_text=decision_text.strip(), recorded_by=acting_user
    )
    record("plans.division.recorded", decision, actor=acting_user, changes={"period": period.name})
    return decision


@transaction.atomic
def assign_contact(
    *,
    acting_user: User,
    role: str,
    region: Organisation,
    name: str,
    valid_from: date,
    area: ProcurementArea | None = None,
    person: User | None = None,
    email: str = "",
) -> ResponsibilityContact:
    """Designate an area coordinator or a region's contact person from a date. The designation in
    force for the same role (and area) ends the day before, so earlier periods keep their people."""
    if role not in ContactRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    check_region(region)
    if not queries.may_set_contact(actor_for(acting_user), role, region.pk):
        raise PermissionDenied(_("You may not name contact people for this region."))
    if person is not None and not queries.may_be_named(person):
        raise ValidationError({"person": _("Only a person of the secretariat or a region can be named.")})
    if role == ContactRole.COORDINATOR and area is None:
        raise ValidationError({"area": _("A coordinator coordinates an area: choose it.")})
    name = name.strip() or (person.full_name if person else "")
    if not name:
        raise ValidationError({"name": _("Give the person's name.")})
    same = ResponsibilityContact.objects.filter(role=role, valid_to__isnull=True)
    same = same.filter(area=area) if role == ContactRole.COORDINATOR else same.filter(region=region)
    for previous in same.select_for_update():
        if previous.valid_from >= valid_from:
            raise ValidationError({"valid_from": _("The new designation must start after the current one.")})
        previous.valid_to = valid_from - timedelta(days=1)
        previous.save(update_fields=["valid_to", "updated_at"])
    contact = ResponsibilityContact.objects.create(
        role=role,
        region=region,
        area=area if role == ContactRole.COORDINATOR else None,
        person=person,
        name=name,
        email=email or (person.email if person else ""),
        valid_from=valid_from,
    )
    if role == ContactRole.COORDINATOR and person is not None:
        _grant_coordinator_access(area=area, region=region, person=person, valid_from=valid_from)
    record("plans.contact.assigned", contact, actor=acting_user, changes={"role": role, "region": region})
    return contact


def _grant_coordinator_access(
    *, area: ProcurementArea | None, region: Organisation, person: User | None, valid_from: date
) -> None:
    """Access follows the designation: the coordinator's region membership becomes the area's
    coordinatorship, and the previous coordinator's ends, so the two records never drift apart."""
    membership = Membership.objects.filter(user=person, organisation=region).first()
    if membership is None:
        raise ValidationError({"person": _("The coordinator must be a member of the region.")})
    AreaCoordinatorship.objects.filter(area=area, valid_to__isnull=True, valid_from__lt=valid_from).update(
        valid_to=valid_from - timedelta(days=1)
    )
    AreaCoordinatorship.objects.get_or_create(membership=membership, area=area, valid_from=valid_from)
