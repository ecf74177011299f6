"""Fixtures of the plans tests: a small division (three areas, three categories) on the personas."""

from dataclasses import dataclass
from datetime import date

import pytest

from kedja.followup.models import CaseOrigin, CaseStatus, FollowUpCase
from kedja.organisations.models import Organisation
from kedja.plans import actions
from kedja.plans.models import ActionPlan
from kedja.reference.models import Category, CategoryResponsibility, CategoryStatus, PriorityPeriod


@dataclass
class Division:
    period: PriorityPeriod
    textiles: Category
    it: Category
    food: Category


def make_category(slug: str, name_sv: str, name_en: str) -> Category:
    category, _ = Category.objects.get_or_create(
        slug=slug, defaults={"name_sv": name_sv, "name_en": name_en, "status": CategoryStatus.CURRENT}
    )
    return category


@pytest.fixture
def division(personas) -> Division:
    period = PriorityPeriod.objects.create(
        name="2023–2025", starts_on=date(2023, 1, 1), ends_on=date(2025, 12, 31)
    )
    textiles = make_category("laundry_textiles", "Tvätt och textilier", "Laundry and textiles")
    it = make_category("it_ict", "IT/IKT", "IT and ICT")
    food = make_category("food", "Livsmedel", "Food")
    for category, area in ((textiles, personas.area_h), (it, personas.area_c), (food, personas.area_b)):
        CategoryResponsibility.objects.create(period=period, category=category, area=area, prioritised=True)
    return Division(period=period, textiles=textiles, it=it, food=food)


@pytest.fixture
def textiles_plan(personas, division) -> ActionPlan:
    """Stina's draft plan for laundry and textiles (area H) with one product."""
    plan = actions.create_plan(acting_user=personas.stina, period=division.period, category=division.textiles)
    actions.add_product(
        acting_user=personas.stina,
        plan=plan,
        name="Cotton hospital linen",
        rationale="Forced labour in cotton.",
    )
    return plan


def plan_activity(personas, plan, *, kind: str, title: str, quarter: int, **extra):
    """Stina plans an activity of `kind` in `quarter` of 2025."""
    return actions.add_activity(
        acting_user=personas.stina, plan=plan, kind=kind, title=title, year=2025, quarter=quarter, **extra
    )


def make_case(
    personas,
    category: Category,
    lead: Organisation,
    *,
    year: int = 2025,
    participants=(),
    status: str = CaseStatus.STEP1_ASSESSED,
    step: int = 1,
    supplier=None,
) -> FollowUpCase:
    case = FollowUpCase.objects.create(
        supplier=supplier or personas.supplier_a,
        category=category,
        lead_organisation=lead,
        origin=CaseOrigin.SUPPLIER,
        year=year,
        status=status,
        current_step=step,
    )
    case.participating_regions.set(participants)
    return case
