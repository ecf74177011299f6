"""Reads of the case team's dashboard: my cases, overdue answers and corrective actions, and counts
by step and traffic light, all narrowed by the same filters and in a constant number of queries.

The traffic light is read from the cases' stored light here (`light_expression`) so that counts
never load findings, whatever the number of cases.
"""

from dataclasses import asdict, dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window
from django.http import QueryDict
from django.utils import timezone

from kedja.core.i18n import in_english
from kedja.organisations.models import AreaMembership, Organisation, OrganisationKind, ProcurementArea
from kedja.organisations.queries import Actor
from kedja.reference.models import Category, Country
from kedja.reference.queries import categories_of_area, current_period

from .models import (
    OPEN_STATUSES,
    ActionStatus,
    AnswerRequestStatus,
    CaseCountry,
    CaseStatus,
    CorrectiveAction,
    DecisionStatus,
    DeviationStatus,
    Finding,
    FindingKind,
    FollowUpCase,
    SanctionDecision,
    ZeroToleranceReport,
)
from .queries import cases_visible_to, light_expression, lights_for
from .rules import TrafficLight

# How many rows each dashboard list shows; the totals are always given and link to the full lists.
LIST_LIMIT = 20


def my_cases_q(actor: Actor) -> Q:
    """Cases my organisation leads or takes part in. For the secretariat: the cases it leads."""
    regions = FollowUpCase.participating_regions.through.objects.filter(organisation_id__in=actor.region_ids)
    q = Q(lead_organisation_id__in=actor.region_ids) | Q(pk__in=regions.values("followupcase_id"))
    if actor.is_secretariat or actor.secretariat_viewer:
        q |= Q(lead_organisation__kind=OrganisationKind.SECRETARIAT)
    return q


@dataclass(frozen=True)
class CaseFilters:
    """The dashboard's filters, as read from the query string (unknown values are ignored)."""

    category: str = ""
    area: str = ""
    region: str = ""
    supplier: str = ""
    country: str = ""
    scope: str = "mine"

    @classmethod
    def from_query(cls, query: QueryDict, *, default_scope: str = "mine") -> "CaseFilters":
        values = {k: query.get(k, "").strip() for k in ("category", "area", "region", "supplier", "country")}
        scope = query.get("scope") if query.get("scope") in ("all", "mine") else default_scope
        return cls(**values, scope=scope)

    def as_dict(self) -> dict:
        return asdict(self)


def _in_area(letter: str) -> Q:
    """The area's categories this period, or cases led by one of the area's member regions."""
    categories = categories_of_area(letter, current_period())
    members = AreaMembership.objects.filter(area__letter=letter).in_force()
    return Q(category__in=categories) | Q(lead_organisation_id__in=members.values("organisation_id"))


def _in_region(slug: str) -> Q:
    through = FollowUpCase.participating_regions.through.objects.filter(organisation__slug=slug)
    return Q(lead_organisation__slug=slug) | Q(pk__in=through.values("followupcase_id"))


def _in_country(iso3: str) -> Q:
    """Cases with a contract whose goods come from the country (declared, or a site of its supply
    chain there), or with an audited site there: the cases' stored countries (`CaseCountry`).

    Deriving them in each statement read the country's 31,000 stored contract countries (27 ms
    per statement on PostgreSQL at the national maximum) and before those its 34,000 sites."""
    return Q(pk__in=CaseCountry.objects.filter(country__iso3=iso3).values("case_id"))


def filtered_cases(actor: Actor, filters: CaseFilters) -> QuerySet[FollowUpCase]:
    """The cases the actor sees, narrowed by the filters (scope "mine" keeps my organisation's)."""
    qs = cases_visible_to(actor)
    if filters.scope == "mine":
        qs = qs.filter(my_cases_q(actor))
    if filters.category:
        qs = qs.filter(category__slug=filters.category)
    if filters.area:
        qs = qs.filter(_in_area(filters.area))
    if filters.region:
        qs = qs.filter(_in_region(filters.region))
    if filters.supplier:
        qs = qs.filter(
            Q(supplier__name__icontains=filters.supplier)
            | Q(supplier__org_number__icontains=filters.supplier)
        )
    if filters.country:
        qs = qs.filter(_in_country(filters.country))
    return qs


def counts_by_step_and_light(cases: QuerySet[FollowUpCase]) -> dict:
    """Open cases as a cross-table; the counts follow the order of `TrafficLight.values`."""
    rows = (
        cases.filter(status__in=OPEN_STATUSES)
        .annotate(light=light_expression())
        .values("current_step", "light")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table = {step: dict.fromkeys(TrafficLight.values, 0) for step in (1, 2, 3)}
    for row in rows:
        table[row["current_step"]][row["light"]] += row["n"]
    totals = [sum(table[step][light] for step in table) for light in TrafficLight.values]
    return {
        "rows": [(step, list(counts.values()), sum(counts.values())) for step, counts in table.items()],
        "totals": totals,
        "total": sum(totals),
    }


def overdue_answers(cases: QuerySet[FollowUpCase]) -> QuerySet[FollowUpCase]:
    """Cases waiting on a supplier's open request past its deadline (step 1)."""
    return (
        cases.filter(
            status=CaseStatus.STEP1_SENT,
            answer_request__status=AnswerRequestStatus.OPEN,
            answer_request__deadline__lt=timezone.localdate(),
        )
        .select_related("supplier", "lead_organisation", "answer_request")
        .order_by("answer_request__deadline", "pk")
    )


def overdue_actions(cases: QuerySet[FollowUpCase]) -> QuerySet[CorrectiveAction]:
    """Corrective actions past their deadline and not closed, in open cases. (Actions belong to
    deviations only: `add_corrective_action` refuses any other finding.)"""
    return (
        CorrectiveAction.objects.filter(
            case__in=cases.filter(status__in=OPEN_STATUSES).values("pk"),
            deadline__lt=timezone.localdate(),
        )
        .exclude(status=ActionStatus.CLOSED)
        .select_related("finding", "case__supplier", "case__lead_organisation")
        .order_by("deadline", "pk")
    )


def open_zero_tolerance(cases: QuerySet[FollowUpCase]) -> QuerySet[Finding]:
    """Zero-tolerance deviations not yet closed, with the supplier's own report when there is one."""
    return (
        Finding.objects.filter(
            case__in=cases.filter(status__in=OPEN_STATUSES).values("pk"),
            kind=FindingKind.DEVIATION,
            is_zero_tolerance=True,
        )
        .exclude(status=DeviationStatus.CLOSED)
        .select_related("case__supplier", "issue", "source_report")
        .order_by("-created_at", "-pk")
    )


def grounds_awaiting_decision(cases: QuerySet[FollowUpCase]) -> QuerySet[ZeroToleranceReport]:
    """§3.5 grounds no decision has answered yet: zero-tolerance reports made after the contract's
    deadline (failure to report) on cases without a sanction decision in force since the report."""
    decided = SanctionDecision.objects.filter(
        case=OuterRef("case"), status=DecisionStatus.IN_FORCE, created_at__gte=OuterRef("created_at")
    )
    return (
        ZeroToleranceReport.objects.filter(case__in=cases.values("pk"), on_time=False)
        .exclude(Exists(decided))
        .select_related("case__supplier", "issue", "contract")
        .order_by("-created_at", "-pk")
    )


def my_cases(actor: Actor, cases: QuerySet[FollowUpCase]) -> QuerySet[FollowUpCase]:
    return (
        cases.filter(my_cases_q(actor), status__in=OPEN_STATUSES)
        .select_related("supplier", "lead_organisation", "category")
        .order_by("-updated_at", "-pk")
    )


def build(actor: Actor, filters: CaseFilters) -> dict:
    """Everything the dashboard shows, each list cut at LIST_LIMIT rows with its full count."""
    cases = filtered_cases(actor, filters)
    sections = {
        "mine": my_cases(actor, cases),
        "answers": overdue_answers(cases),
        "actions": overdue_actions(cases),
        "zero_tolerance": open_zero_tolerance(cases),
        "grounds": grounds_awaiting_decision(cases),
    }
    context = {"counts": counts_by_step_and_light(cases)}
    for name, qs in sections.items():
        context[name], context[f"{name}_total"] = first_rows_and_total(qs)
        if name == "mine":
            # The list shows each light with its reasons, read in three queries for the section.
            lights = lights_for(context[name])
            for case in context[name]:
                case.light = lights[case.pk]
    return context


def first_rows_and_total(qs: QuerySet) -> tuple[list, int]:
    """A section's first LIST_LIMIT rows and how many rows it has: two statements, one if it is empty.

    The ids and the total come from one narrow statement: a window count over the rows the database
    gathers anyway to sort them. A separate COUNT walked the same joins a second time (24 of the
    page's 100 ms at 20,000 cases). The no-op filter on the count makes Django wrap the counting
    query in a subquery, so that PostgreSQL plans it without the LIMIT: with the LIMIT it walked
    every overdue action through nested loops as if it could stop at the twentieth (75 ms against
    25). The rows themselves, with their joined objects, are then read by id."""
    counted = qs.annotate(section_total=Window(Count("pk"))).filter(section_total__gt=0)
    firsts = list(counted.values_list("pk", "section_total")[:LIST_LIMIT])
    if not firsts:
        return [], 0
    # The rows by id alone, with the section's joined objects but without its conditions, which
    # the ids already answer (a country filter's subquery costs 135 ms at the national maximum).
    ids = [pk for pk, _ in firsts]
    rows = qs.model._default_manager.filter(pk__in=ids)
    rows.query.select_related = qs.query.select_related
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids], firsts[0][1]


def filter_options() -> dict:
    """Choices for the filter form: four small queries, independent of the number of cases."""
    return {
        "categories": Category.objects.only("slug", "name_sv", "name_en").order_by("name_sv"),
        "areas": ProcurementArea.objects.order_by("letter"),
        "regions": Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("name"),
        # Every country, not only those of some contract or site: finding which countries the
        # 1,000,000 sites of the national maximum use took 16 s (the list of their countries did not
        # fit in memory and was read again for each of the 250 countries). As (iso3, name) pairs in
        # the reader's language, so the template does not build 250 model objects.
        "countries": country_choices(),
    }


def country_choices() -> list[tuple[str, str]]:
    """(ISO3, name) of every country in the reader's language, ordered by that name."""
    english = in_english()
    rows = Country.objects.order_by("name_en" if english else "name_sv").values_list(
        "iso3", "name_sv", "name_en"
    )
    return [(iso3, (english and en) or sv) for iso3, sv, en in rows]
