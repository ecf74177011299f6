"""API: follow-up cases as their list and page show them (status, step, traffic light), and the
published summaries anyone may read. Confidential parts (notes, evidence, audit reports) are not
served here at all."""

from datetime import date, datetime
from uuid import UUID

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kedja.core.api_schemas import READ_ERRORS, CategoryRef, Choice, NewestFirst, OrganisationRef, choice
from kedja.organisations.queries import actor_for

from . import queries
from .models import CaseStatus, FollowUpCase
from .rules import Light, TrafficLight

router = Router(tags=["follow-up"])


class CaseOut(Schema):
    uuid: UUID
    supplier: OrganisationRef
    lead_organisation: OrganisationRef
    category: CategoryRef | None
    products: str
    year: int
    status: Choice
    current_step: int
    traffic_light: Choice
    traffic_light_reasons: list[str] = Field(
        description="Why the light has its colour, weightiest first, in the words of the case pages"
    )
    deviations: int
    open_deviations: int
    closed_on: date | None
    contracts: list[UUID]

    @staticmethod
    def resolve_status(obj) -> Choice:
        return choice(CaseStatus, obj.status)

    @staticmethod
    def resolve_traffic_light(obj) -> Choice:
        return choice(TrafficLight, _light(obj).colour)

    @staticmethod
    def resolve_traffic_light_reasons(obj) -> list[str]:
        """Every reason for the light, weightiest first, in the words the case pages use."""
        return [reason.text for reason in _light(obj).reasons]

    @staticmethod
    def resolve_deviations(obj) -> int:
        return obj.n_deviations

    @staticmethod
    def resolve_open_deviations(obj) -> int:
        return obj.n_open_deviations

    @staticmethod
    def resolve_contracts(obj) -> list[UUID]:
        return [c.uuid for c in obj.contracts.all()]


def _light(case: FollowUpCase) -> Light:
    light = getattr(case, "light_with_reasons", None)
    return light if light is not None else queries.compute_light(case)


class CasesNewestFirst(NewestFirst):
    """Newest first, each page's lights and their reasons gathered at once (queries.lights_for)."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        lights = queries.lights_for(page["results"])
        for case in page["results"]:
            case.light_with_reasons = lights[case.pk]
        return page


class CaseFilters(Schema):
    q: str = ""
    status: str = ""
    step: str = ""
    light: str = ""
    supplier: UUID | None = None


def _overview(qs):
    return queries.with_overview(qs).prefetch_related("contracts")


@router.get("/cases", response=list[CaseOut], summary="Follow-up cases, with the case list's filters")
@paginate(CasesNewestFirst)
def case_list(request, filters: Query[CaseFilters]):
    qs = queries.cases_visible_to(actor_for(request.user))
    qs = queries.filter_cases(qs, q=filters.q.strip(), status=filters.status, step=filters.step)
    if filters.supplier:
        qs = qs.filter(supplier__uuid=filters.supplier)
    return _overview(queries.filter_light(qs, filters.light))


@router.get("/cases/{uuid}", response={200: CaseOut, **READ_ERRORS}, summary="One follow-up case")
def case_detail(request, uuid: UUID):
    case = queries.get_case_for_user(request.user, uuid)
    return _overview(FollowUpCase.objects.filter(pk=case.pk)).get()


class SummaryOut(Schema):
    uuid: UUID
    supplier_name: str
    category_sv: str
    category_en: str
    products: str
    clause_version: str
    traffic_light: str
    deviations: int
    observations: int
    positives: int
    closed_on: date | None
    published_at: datetime | None
    site_countries: list
    findings: list
    steps: list
    text_sv: str
    text_en: str


@router.get(
    "/summaries", response=list[SummaryOut], auth=None, summary="Published follow-up summaries (public)"
)
@paginate(NewestFirst)
def summary_list(request):
    return queries.published_summaries()


@router.get(
    "/summaries/{uuid}",
    response={200: SummaryOut, **READ_ERRORS},
    auth=None,
    summary="One published summary (public)",
)
def summary_detail(request, uuid: UUID):
    return queries.get_published_summary(uuid)
