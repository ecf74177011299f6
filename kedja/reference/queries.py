"""Reads of reference data: CPV resolution, the current period, responsibilities and searches.

Reference data is global: everyone signed in may read it; categories and their priorities are
shared in the collaboration only; the code of conduct is public.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.organisations.models import ProcurementArea
from kedja.organisations.queries import ActingUser, Actor, actor_for, get_or_404
from kedja.reference.models import (
    Category,
    CategoryCpvPrefix,
    CategoryResponsibility,
    Country,
    CpvCode,
    DocumentKind,
    DocumentStatus,
    IloConvention,
    Issue,
    PriorityPeriod,
    Requirement,
    RequirementDocument,
    RequirementSection,
)

CPV_PATTERN = re.compile(r"^(\d{8})(?:-(\d))?$")
# The order of the sections in the documents: the zero-tolerance list belongs to reporting.
SECTION_ORDER = [
    RequirementSection.COMMITMENT,
    RequirementSection.PROCESS_REQUIREMENT,
    RequirementSection.ROUTINE_REQUIREMENT,
    RequirementSection.REPORTING,
    RequirementSection.ZERO_TOLERANCE,
    RequirementSection.MONITORING,
    RequirementSection.SANCTIONS,
]

# --- CPV ---------------------------------------------------------------------------------


def normalise_cpv(value: str, *, require_known: bool = False) -> str:
    """The 8-digit CPV code in `value` ("33141420-0" -> "33141420"); ValidationError if malformed.

    Notices write the check digit after a dash; Kedja stores codes without it. With
    `require_known`, the code must also be in the CPV vocabulary.
    """
    text = (value or "").strip().replace(" ", "")
    match = CPV_PATTERN.match(text)
    if not match:
        raise ValidationError(
            _(
                "%(value)s is not a CPV code. Write 8 digits, optionally with the check digit, e.g. 33141420-0."
            ),
            params={"value": value},
            code="cpv_format",
        )
    code = match.group(1)
    if require_known and not CpvCode.objects.filter(code=code).exists():
        raise ValidationError(
            _("%(code)s is not in the CPV 2008 vocabulary."), params={"code": code}, code="cpv_unknown"
        )
    return code


def cpv_prefixes_of(code: str) -> list[str]:
    """Every prefix a category may list for `code`, from division (2 digits) to the code itself."""
    return [code[:length] for length in range(2, 9)]


def category_for_cpv(code: str) -> list[Category]:
    """The categories a CPV code belongs to: those with the longest matching prefix.

    Usually one; empty when no category covers the code; several when two categories list the
    same longest prefix on purpose (e.g. bandages 33141113), and then the user picks. An 8-digit
    prefix matches only that exact code, so 33141610 does not cover the bags below it.
    """
    code = normalise_cpv(code)
    matches = list(
        CategoryCpvPrefix.objects.filter(prefix__in=cpv_prefixes_of(code)).select_related("category")
    )
    if not matches:
        return []
    longest = max(len(m.prefix) for m in matches)
    return sorted({m.category for m in matches if len(m.prefix) == longest}, key=lambda c: c.slug)


def unique_category_for_cpv(code: str) -> Category | None:
    """The one category of a CPV code, or None when there is none or the code is ambiguous."""
    candidates = category_for_cpv(code)
    return candidates[0] if len(candidates) == 1 else None


def cpv_ancestors(cpv: CpvCode) -> list[CpvCode]:
    """The codes above `cpv`, top (division) first, for a breadcrumb (at most four levels)."""
    chain, current = [], cpv.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    return list(reversed(chain))


def search_cpv(query: str) -> QuerySet[CpvCode]:
    """CPV codes by code (prefix, with or without check digit) or by words in either language."""
    qs = CpvCode.objects.select_related("parent")
    query = (query or "").strip()
    digits = query.split("-")[0].replace(" ", "")
    if digits.isdigit():
        return qs.filter(code__startswith=digits[:8])
    for word in query.split():
        qs = qs.filter(Q(label_sv__icontains=word) | Q(label_en__icontains=word))
    return qs


def get_cpv(code: str) -> CpvCode:
    try:
        return CpvCode.objects.select_related("parent__parent__parent").get(code=normalise_cpv(code))
    except (CpvCode.DoesNotExist, ValidationError):
        raise Http404 from None


# --- periods, categories and responsibilities --------------------------------------------


def current_period(on: date | None = None) -> PriorityPeriod | None:
    """The priority period in force on `on` (default: today) — the one answer every app uses.

    Of the periods covering the day, the one that started last: a later division decision
    supersedes an earlier one from its start date. When none covers the day, the latest period
    that had started by then. A period that has not started is never current, so before the
    first period there is none (docs/domain-rules.md §1.2.2).
    """
    on = on or timezone.localdate()
    started = PriorityPeriod.objects.filter(starts_on__lte=on).order_by("-starts_on", "-created_at")
    return started.filter(ends_on__gte=on).first() or started.first()


@dataclass(frozen=True)
class Responsibility:
    """Who is responsible for a category in a period, and whether it is prioritised."""

    area: ProcurementArea | None
    prioritised: bool


def _resolve(own: CategoryResponsibility | None, parent: CategoryResponsibility | None) -> Responsibility:
    """The sub-category rule (docs/domain-rules.md §1.2.3): a sub-category without an area of its own
    takes its parent's, and one that is not prioritised itself inherits the parent's priority."""
    area = own.area if own and own.area_id else (parent.area if parent else None)
    prioritised = bool((own and own.prioritised) or (parent and parent.prioritised))
    return Responsibility(area=area, prioritised=prioritised)


def responsibility(category: Category, period: PriorityPeriod | None = None) -> Responsibility:
    """Who is responsible for one category in a period (default: the current one)."""
    period = period or current_period()
    rows: dict[int | None, CategoryResponsibility] = {
        r.category_id: r
        for r in CategoryResponsibility.objects.filter(
            period=period, category_id__in=[category.pk, category.parent_id]
        ).select_related("area")
    }
    return _resolve(rows.get(category.pk), rows.get(category.parent_id))


def is_prioritised(category: Category | None, on: date | None = None) -> bool:
    """Whether the category is prioritised in the priority period running on `on`."""
    if category is None:
        return False
    return responsibility(category, current_period(on)).prioritised


def responsible_area(category: Category, period: PriorityPeriod | None = None) -> ProcurementArea | None:
    """The procurement area responsible for a category in a period (default: the current one)."""
    return responsibility(category, period).area


def responsibilities_in(period: PriorityPeriod | None) -> dict[Category, Responsibility]:
    """`responsibility` for every category the period's division covers, in two queries: the
    categories with a row of their own and the sub-categories of those."""
    if period is None:
        return {}
    rows: dict[int | None, CategoryResponsibility] = {
        r.category_id: r for r in CategoryResponsibility.objects.filter(period=period).select_related("area")
    }
    covered = Category.objects.filter(Q(pk__in=list(rows)) | Q(parent_id__in=list(rows)))
    return {c: _resolve(rows.get(c.pk), rows.get(c.parent_id)) for c in covered}


def areas_by_category(period: PriorityPeriod | None) -> dict[int, ProcurementArea]:
    """Category id → responsible area in the period, for the categories that have one."""
    return {c.pk: r.area for c, r in responsibilities_in(period).items() if r.area is not None}


def categories_of_area(letter: str, period: PriorityPeriod | None) -> QuerySet[Category]:
    """The categories area `letter` is responsible for in the period (sub-category rule applied)."""
    if period is None:
        return Category.objects.none()
    with_area = CategoryResponsibility.objects.filter(period=period, area__isnull=False)
    own = with_area.filter(area__letter=letter).values("category_id")
    inherited = Q(parent_id__in=own) & ~Q(pk__in=with_area.values("category_id"))
    return Category.objects.filter(Q(pk__in=own) | inherited)


def categories_visible_to(actor: Actor) -> QuerySet[Category]:
    """Categories are shared in the collaboration: secretariat and regions see them, others none."""
    if not actor.sees_shared:
        return Category.objects.none()
    return Category.objects.all()


def categories_with_responsibility(actor: Actor, period: PriorityPeriod | None) -> QuerySet[Category]:
    """Categories for the list page with their prefixes and their row for the period prefetched."""
    return (
        categories_visible_to(actor)
        .select_related("parent")
        .prefetch_related(
            "cpv_prefixes",
            Prefetch(
                "responsibilities",
                queryset=CategoryResponsibility.objects.filter(period=period).select_related("area"),
                to_attr="period_responsibilities",
            ),
        )
    )


def get_category_for_user(user: ActingUser, slug: str) -> Category:
    """One category for a collaboration user; 404 for others and for unknown slugs."""
    try:
        return categories_visible_to(actor_for(user)).select_related("parent").get(slug=slug)
    except Category.DoesNotExist:
        raise Http404 from None


def search_categories(qs: QuerySet[Category], query: str) -> QuerySet[Category]:
    query = (query or "").strip()
    if not query:
        return qs
    if query.isdigit():
        covering = [query[:length] for length in range(2, min(len(query), 8) + 1)]
        prefix_q = Q(cpv_prefixes__prefix__in=covering) | Q(cpv_prefixes__prefix__startswith=query)
        return qs.filter(prefix_q).distinct()
    return qs.filter(Q(name_sv__icontains=query) | Q(name_en__icontains=query) | Q(slug__icontains=query))


# --- countries, issues, ILO --------------------------------------------------------------


def search_countries(query: str) -> QuerySet[Country]:
    query = (query or "").strip()
    qs = Country.objects.all()
    if not query:
        return qs
    return qs.filter(
        Q(name_sv__icontains=query)
        | Q(name_en__icontains=query)
        | Q(iso3__iexact=query)
        | Q(iso2__iexact=query)
    )


def search_issues(query: str = "", *, area: str = "", zero_tolerance: bool = False) -> QuerySet[Issue]:
    qs = Issue.objects.select_related("parent").prefetch_related("ilo_conventions")
    if query:
        qs = qs.filter(Q(name_sv__icontains=query) | Q(name_en__icontains=query) | Q(code__icontains=query))
    if area:
        qs = qs.filter(area=area)
    if zero_tolerance:
        qs = qs.filter(zero_tolerance=True)
    return qs


def ilo_instruments() -> QuerySet[IloConvention]:
    return IloConvention.objects.annotate(issue_count=Count("issues")).order_by("-fundamental", "code")


# --- requirement documents ---------------------------------------------------------------


def current_document(kind: str, *, level: str = "", on: date | None = None) -> RequirementDocument | None:
    """The version of a document kind in force on a date (default today): the latest started."""
    qs = RequirementDocument.objects.filter(kind=kind).in_force(on)
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("-valid_from").first()


def current_code_of_conduct() -> RequirementDocument | None:
    return current_document(DocumentKind.CODE_OF_CONDUCT)


def code_of_conduct_signed_on(clause: RequirementDocument, day: date) -> RequirementDocument | None:
    """The code of conduct (appendix 1) a contract on `clause` starting on `day` agrees to: the
    version in force then (today for a contract that starts later), kept within the clause's own
    validity so the older terms get the older code; else the current one."""
    on = min(day, timezone.localdate())
    if clause.valid_from and on < clause.valid_from:
        on = clause.valid_from
    if clause.valid_to and on > clause.valid_to:
        on = clause.valid_to
    return current_document(DocumentKind.CODE_OF_CONDUCT, on=on) or current_code_of_conduct()


def documents_visible_to(actor: Actor) -> QuerySet[RequirementDocument]:
    """Published versions for everyone signed in; drafts only for the secretariat that writes them."""
    qs = RequirementDocument.objects.all()
    if not actor.is_secretariat:
        qs = qs.filter(status=DocumentStatus.PUBLISHED)
    return qs


def documents(actor: Actor) -> QuerySet[RequirementDocument]:
    return documents_visible_to(actor).annotate(requirement_count=Count("requirements"))


def get_document(uuid: UUID | str, actor: Actor | None = None) -> RequirementDocument:
    """One version by its uuid; a draft is a 404 for anyone but the secretariat."""
    qs: QuerySet[RequirementDocument] = (
        documents_visible_to(actor) if actor is not None else RequirementDocument.objects.all()
    )
    return get_or_404(qs.select_related("previous"), uuid)


def first_version(document: RequirementDocument) -> RequirementDocument:
    """The first version of the document's line: its key names the line (e.g. clause-2024)."""
    first = document
    while first.previous_id is not None:
        first = RequirementDocument.objects.get(pk=first.previous_id)
    return first


def latest_published(document: RequirementDocument) -> RequirementDocument:
    """The latest version of the document's line that is published and has started (the document
    itself when none later has)."""
    today = timezone.localdate()
    current = document
    while (
        later := current.later_versions.filter(status=DocumentStatus.PUBLISHED, valid_from__lte=today).first()
    ) is not None:
        current = later
    return current


def versions_of(document: RequirementDocument, actor: Actor) -> list[RequirementDocument]:
    """Every version in the document's line, oldest first (each names its previous one)."""
    first = first_version(document)
    line, current = [first], first
    visible = documents_visible_to(actor)
    while (later := visible.filter(previous=current).first()) is not None:
        line.append(later)
        current = later
    return line


def requirements_of(document: RequirementDocument) -> QuerySet[Requirement]:
    """A document's requirements with their ILO instruments and old↔new counterparts."""
    return document.requirements.prefetch_related(
        "ilo_conventions", Prefetch("corresponds_to", queryset=Requirement.objects.select_related("document"))
    )


def placeholders_in(*documents: RequirementDocument | None) -> list[Requirement]:
    """The requirements of the documents whose official wording Kedja does not have (the
    not-public PR5, the basic level's summaries): pages and the clause PDF say so where they show them."""
    found = [d.pk for d in documents if d is not None]
    return list(
        Requirement.objects.filter(document_id__in=found, is_placeholder=True)
        .select_related("document")
        .order_by("document__kind", "order")
    )


def requirements_by_section(requirements: Iterable[Requirement]) -> list[tuple[str, list[Requirement]]]:
    """Requirements grouped by section, in the order the sections appear in the clause."""
    grouped: dict[str, list[Requirement]] = {}
    for requirement in requirements:
        grouped.setdefault(requirement.section, []).append(requirement)
    labels = {value: str(label) for value, label in RequirementSection.choices}
    return [
        (labels[s], grouped[s])
        for s in sorted(grouped, key=lambda s: SECTION_ORDER.index(RequirementSection(s)))
    ]


def get_requirement(
    document: RequirementDocument, key: str, *, user: ActingUser | None = None, write: bool = False
) -> Requirement:
    """One requirement of a document by its stable key; with `write`, only for secretariat staff.

    A user who may not edit gets the same 404 as for a missing requirement.
    """
    if write and not actor_for(user).is_secretariat:
        raise Http404
    try:
        return requirements_of(document).get(key=key)
    except Requirement.DoesNotExist:
        raise Http404 from None
