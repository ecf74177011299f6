"""Demo content of the steering layer, built through the actions. Safe to run twice.

Runs after `load_reference` (period 2023–2025 and its responsibilities), the organisation demo and
the contracts demo (suppliers and contracts). It records the 2023–2025 decision, a demo decision for
2026–2030 that keeps the division (the real list after 2025 is unconfirmed), coordinators and
contact persons, one action plan per prioritised category, and the yearly follow-up plans: the
current year's launched (its cases started and step 1 sent, with findings on some), next year's
open with the regions' proposals.
"""

from datetime import date, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from kedja.contracts.models import Contract
from kedja.followup import actions as followup
from kedja.followup.models import Questionnaire
from kedja.organisations.models import Organisation, ProcurementArea, User
from kedja.organisations.queries import areas_with_members, suppliers
from kedja.reference.models import Issue, PriorityPeriod, RequirementDocument
from kedja.reference.queries import current_period

from . import actions, queries
from .models import (
    ActionPlan,
    ActivityKind,
    ContactRole,
    GoalArea,
    Horizon,
    ResponsibilityContact,
    YearlyFollowUpPlan,
)

SECRETARIAT = "sara@kansliet.demo"
DEMO_NOTE = "Demodata."

# Prioritised products with their risk rationale, per category slug (from the category notes).
PRODUCTS = {
    "food": [
        (
            "Kött inklusive kyckling",
            "Migrantarbetare och skuldslaveri i fågelslakt; soja i djurfoder.",
        ),
        ("Frukt och grönsaker", "Säsongsarbetande migranter, värme och exponering för bekämpningsmedel."),
        ("Kakao och kaffe", "Barnarbete och levnadslön i småbrukarkedjor."),
        ("Ris", "Tvångsarbete och barnarbete i delar av riskedjan."),
    ],
    "laundry_textiles": [
        ("Sjukhustextilier av bomull", "Tvångsarbete i bomullsodlingen; kemikalier vid färgning.")
    ],
    "surgical_instruments": [
        ("Instrument av rostfritt stål", "Barnarbete och osäkert arbete i verkstäder i Sialkot.")
    ],
    "general_consumables": [
        ("Undersökningshandskar", "Rekryteringsavgifter och tvångsarbete i handskfabriker.")
    ],
    "it_ict": [("Datorer och mobiltelefoner", "Överdriven övertid, studentarbete och konfliktmineraler.")],
}
DEFAULT_PRODUCT = (
    "Kategorins huvudsakliga produktgrupp",
    "Bedömd som högrisk i kategorins riskanalys.",
)
# Surnames of the regions' demo contact persons (a region's name is no surname: "Sofia län").
SURNAMES = ["Andersson", "Johansson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson"]
COORDINATORS = {  # area letter → (region slug, demo name)
    "A": ("region-vasterbotten", "Anna Nyström"),
    "B": ("region-uppsala", "Björn Sandberg"),
    "C": ("region-stockholm", "Cecilia Ahl"),
    "D": ("region-orebro-lan", "David Lund"),
    "E": ("vastra-gotalandsregionen", "Eva Karlsson"),
    "F": ("region-ostergotland", "Fredrik Holm"),
    "G": ("region-kronoberg", "Gunilla Berg"),
}


def _sara() -> User:
    return User.objects.get(email=SECRETARIAT)


def _periods(sara: User) -> PriorityPeriod:
    first = PriorityPeriod.objects.get(name="2023–2025")
    if not hasattr(first, "division_decision"):
        actions.record_period_decision(
            acting_user=sara,
            period=first,
            decided_on=date(2022, 12, 1),
            decision_text=f"Styrgruppen fastställer de prioriterade kategorierna och ansvariga områden för 2023–2025. {DEMO_NOTE}",
        )
    current = current_period()
    if current is not None and current.starts_on <= timezone.localdate() <= current.ends_on:
        return current
    return actions.decide_division(
        acting_user=sara,
        name="2026–2030",
        starts_on=date(2026, 1, 1),
        ends_on=date(2030, 12, 31),
        decided_on=date(2025, 11, 20),
        decision_text=(
            "Styrgruppen behåller fördelningen från 2023–2025 för strategiperioden 2026–2030 tills de nya "
            f"riskanalyserna är klara. {DEMO_NOTE} Den verkliga prioriteringslistan efter 2025 är inte bekräftad."
        ),
        based_on=first,
        changes=[],
    )


def _contacts(sara: User, since: date) -> None:
    if ResponsibilityContact.objects.exists():
        return
    for letter, (slug, name) in COORDINATORS.items():
        region = Organisation.objects.filter(slug=slug).first()
        if region is not None:
            actions.assign_contact(
                acting_user=sara,
                role=ContactRole.COORDINATOR,
                region=region,
                area=ProcurementArea.objects.get(letter=letter),
                name=name,
                valid_from=since,
            )
    stina = User.objects.filter(email="stina@skane.demo").first()
    skane = Organisation.objects.get(slug="region-skane")
    actions.assign_contact(
        acting_user=sara,
        role=ContactRole.COORDINATOR,
        region=skane,
        area=ProcurementArea.objects.get(letter="H"),
        person=stina,
        name="",
        valid_from=since,
    )
    regions = [region for _area, members in areas_with_members() for region in members]
    for n, region in enumerate(regions):
        for role, first_name in ((ContactRole.SOCIAL, "Sofia"), (ContactRole.ENVIRONMENTAL, "Erik")):
            actions.assign_contact(
                acting_user=sara,
                role=role,
                region=region,
                name=f"{first_name} {SURNAMES[n % len(SURNAMES)]}",
                valid_from=since,
            )


def _plan(sara: User, period: PriorityPeriod, resp, members: dict, year: int) -> None:
    plan = ActionPlan.objects.filter(period=period, category=resp.category).first()
    if plan is not None:
        return
    plan = actions.create_plan(
        acting_user=sara,
        period=period,
        category=resp.category,
        summary=f"Så följer område {resp.area.letter} upp {resp.category.name_sv.lower()} under {period.name}.",
        risk_analysis_version="2022",
    )
    for name, rationale in PRODUCTS.get(resp.category.slug, [DEFAULT_PRODUCT]):
        actions.add_product(acting_user=sara, plan=plan, name=name, rationale=rationale)
    for goal_area, horizon, goal_year, text in (
        (
            GoalArea.FOLLOW_UP,
            Horizon.LONG_TERM,
            None,
            "Varje högriskleverantör i kategorin har gått igenom steg 1 och dess mest riskfyllda produkt steg 2.",
        ),
        (
            GoalArea.COOPERATION,
            Horizon.YEARLY,
            year,
            "Håll en leverantörsdialog om de prioriterade produkterna.",
        ),
    ):
        actions.add_goal(
            acting_user=sara, plan=plan, goal_area=goal_area, horizon=horizon, year=goal_year, text=text
        )
    regions = members.get(resp.area_id, [])
    lead = regions[0] if regions else None
    supplier_ids = Contract.objects.filter(category=resp.category).values_list("supplier_id", flat=True)
    add_activity = partial(
        actions.add_activity, acting_user=sara, plan=plan, year=year, responsible_region=lead
    )
    for n, supplier in enumerate(suppliers().filter(pk__in=supplier_ids)[:2]):
        add_activity(kind=ActivityKind.FOLLOW_UP, title="", quarter=1 + n, supplier=supplier, step=1)
    add_activity(kind=ActivityKind.DIALOGUE, title="Leverantörsdialog", quarter=2)
    add_activity(kind=ActivityKind.TRAINING, title="Utbildning för upphandlare", quarter=4)
    for i, region in enumerate(regions):
        actions.set_expectation(
            acting_user=sara,
            plan=plan,
            region=region,
            year=year,
            followups_led=1 if i == 0 else 0,
            followups_joined=0 if i == 0 else 1,
            coordinator_hours=120 if i == 0 else 40,
            joint_audits=1 if i == 0 else 0,
        )
    if resp.area.letter != "H":  # Stina's plan stays a draft for her to work on
        actions.approve_plan(acting_user=sara, plan=plan)


def _year_plan(sara: User, year: int, proposals: list[tuple[str, str]]) -> YearlyFollowUpPlan:
    year_plan = YearlyFollowUpPlan.objects.filter(year=year).first()
    if year_plan is not None:
        return year_plan
    year_plan = actions.open_year_plan(acting_user=sara, year=year)
    for region_slug, supplier_slug in proposals:
        region, supplier = (
            Organisation.objects.get(slug=region_slug),
            Organisation.objects.filter(slug=supplier_slug).first(),
        )
        if supplier is not None:
            contract = Contract.objects.filter(supplier=supplier).select_related("category").first()
            actions.propose(
                acting_user=sara,
                year_plan=year_plan,
                region=region,
                supplier=supplier,
                category=contract.category if contract else None,
                motivation="Hög risk och stor volym.",
            )
    return year_plan


def _activity(sara: User, year_plan: YearlyFollowUpPlan) -> None:
    """Launch the year's plan (step 1 sent) and record findings and corrective actions on some cases."""
    if year_plan.status == "launched":
        return
    actions.consolidate(acting_user=sara, year_plan=year_plan)
    actions.approve_year_plan(acting_user=sara, year_plan=year_plan)
    questionnaire = Questionnaire.objects.filter(is_active=True).first()
    clause = RequirementDocument.objects.filter(key="clause-2024").first()
    if questionnaire is None and clause is not None:
        questionnaire = followup.build_questionnaire(acting_user=sara, clause=clause)
    today = timezone.localdate()
    cases = actions.launch_year_plan(
        acting_user=sara,
        year_plan=year_plan,
        questionnaire=questionnaire,
        deadline=today + timedelta(days=30) if questionnaire else None,
    )
    issues = list(Issue.objects.filter(code__in=["working_hours", "wages", "ohs", "employment_terms"]))
    for n, case in enumerate(cases[::2]):
        issue = issues[n % len(issues)] if issues else None
        finding = followup.record_finding(
            acting_user=sara,
            case=case,
            kind="deviation",
            issue=issue,
            title="Riskanalys av leverantörskedjan saknas",
            deadline=today + timedelta(days=60),
        )
        followup.add_corrective_action(
            acting_user=sara,
            finding=finding,
            owner="Hållbarhetschef",
            description="Kartlägg kedjan och analysera riskerna per produkt.",
            deadline=today + timedelta(days=45),
        )


@transaction.atomic
def load() -> None:
    sara = _sara()
    period = _periods(sara)
    year = timezone.localdate().year
    _contacts(sara, period.starts_on)
    members = {area.pk: regions for area, regions in areas_with_members()}
    for resp in queries.responsibilities_of(period).filter(prioritised=True, area__isnull=False):
        _plan(sara, period, resp, members, year)
    this_year = _year_plan(
        sara,
        year,
        [
            ("region-stockholm", "medisupply"),
            ("region-skane", "textilia"),
            ("region-uppsala", "medisupply"),
            *[
                ("vastra-gotalandsregionen", s.slug)
                for s in suppliers().exclude(slug__in=["medisupply", "textilia"])[:4]
            ],
        ],
    )
    _activity(sara, this_year)
    _year_plan(
        sara,
        year + 1,
        [("region-stockholm", "textilia"), ("region-skane", "textilia"), ("region-uppsala", "medisupply")],
    )
