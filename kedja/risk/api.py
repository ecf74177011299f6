"""API: risk analyses for the collaboration, and the approved summaries anyone may read."""

from datetime import date, datetime
from uuid import UUID

from ninja import Router, Schema
from ninja.pagination import paginate

from kedja.core.api_schemas import READ_ERRORS, CategoryRef, Choice, NewestFirst, choice
from kedja.organisations.queries import actor_for
from kedja.risk import queries
from kedja.risk.models import AnalysisStatus


class PeriodOut(Schema):
    name: str
    starts_on: date
    ends_on: date


class AnalysisOut(Schema):
    """An analysis as the collaboration sees it; internal notes are not part of the API."""

    uuid: UUID
    category: CategoryRef
    period: PeriodOut
    status: Choice
    version: int
    summary: str
    approved_at: datetime | None

    @staticmethod
    def resolve_status(obj) -> Choice:
        return choice(AnalysisStatus, obj.status)


class PublishedAnalysisOut(Schema):
    """The latest published version's summary, as the public page shows it (never a draft's, nor an
    approved version's before it is published)."""

    uuid: UUID
    category: CategoryRef
    period: PeriodOut
    version: int
    approved_at: datetime
    summary: str

    @staticmethod
    def resolve_version(obj) -> int:
        return _latest(obj).number

    @staticmethod
    def resolve_approved_at(obj) -> datetime:
        return _latest(obj).approved_at

    @staticmethod
    def resolve_summary(obj) -> str:
        return _latest(obj).snapshot.get("summary", "")


def _latest(analysis):
    return max((v for v in analysis.versions.all() if v.published_at), key=lambda v: v.number)


router = Router(tags=["risk"])


@router.get("/analyses", response=list[AnalysisOut], summary="Risk analyses (collaboration)")
@paginate(NewestFirst)
def analysis_list(request, category: str = ""):
    qs = queries.analyses_visible_to(actor_for(request.user))
    return qs.filter(category__slug=category) if category else qs


@router.get("/analyses/{uuid}", response={200: AnalysisOut, **READ_ERRORS}, summary="One risk analysis")
def analysis_detail(request, uuid: UUID):
    return queries.get_analysis_for_user(request.user, uuid)


@router.get(
    "/published",
    response=list[PublishedAnalysisOut],
    auth=None,
    summary="Approved risk analyses' public summaries",
)
@paginate(NewestFirst)
def published_list(request):
    return queries.published_analyses().prefetch_related("versions")
