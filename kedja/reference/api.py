"""API: the shared reference lists integrators map their own codes to (countries, categories, CPV)."""

from ninja import Router, Schema
from ninja.pagination import CursorPagination, paginate

from kedja.organisations.queries import actor_for
from kedja.reference import queries

router = Router(tags=["reference"])


class CountryOut(Schema):
    iso3: str
    iso2: str
    name_sv: str
    name_en: str


class CategoryOut(Schema):
    slug: str
    name_sv: str
    name_en: str
    status: str
    parent: str | None
    cpv_prefixes: list[str]

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.slug if obj.parent_id else None

    @staticmethod
    def resolve_cpv_prefixes(obj) -> list[str]:
        return [p.prefix for p in obj.cpv_prefixes.all()]


class CpvOut(Schema):
    code: str
    level: int
    label_sv: str
    label_en: str


@router.get("/countries", response=list[CountryOut], summary="Countries (ISO 3166-1)")
def countries(request, q: str = ""):
    return queries.search_countries(q)


@router.get("/categories", response=list[CategoryOut], summary="Procurement categories")
def categories(request, q: str = ""):
    visible = queries.categories_visible_to(actor_for(request.user))
    return queries.search_categories(visible, q).select_related("parent").prefetch_related("cpv_prefixes")


@router.get("/cpv", response=list[CpvOut], summary="CPV codes, by code prefix or words")
@paginate(CursorPagination, ordering=("code",), page_size=100)
def cpv_codes(request, q: str = ""):
    return queries.search_cpv(q)
