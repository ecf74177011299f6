"""Reads and access helpers for watch lists and alerts.

Who sees what:
- list editions, their attribution and licence: everyone who sees shared data (they are public lists);
- loading editions and asking for a screening: the secretariat;
- alerts: the case team of a contract concerned — the secretariat, and officers and strategists of
  an owning region of a contract of the matched supplier or of a contract the matched site serves.
  Those are exactly the people who may see a confidential site's name (contracts.queries.
  may_see_confidential_site) less the supplier, so an alert never shows a name to someone who may
  not see it. Viewers, suppliers and auditors see no alert.
"""

from collections import Counter
from uuid import UUID

from django.db.models import Q, QuerySet

from kedja.contracts.models import Contract
from kedja.core.i18n import in_english
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.organisations.queries import ActingUser, Actor, actor_for, get_or_404
from kedja.reference.models import Country
from kedja.reference.queries import current_period
from kedja.risk.models import ItemReview, RiskItem
from kedja.watchlists.models import (
    Alert,
    AlertStatus,
    ListCategory,
    ListEdition,
    ListSource,
    ScreeningRun,
)


def may_manage_lists(actor: Actor) -> bool:
    return actor.is_secretariat


def may_see_lists(actor: Actor) -> bool:
    return actor.sees_shared


def may_see_alerts(actor: Actor) -> bool:
    return actor.is_secretariat or bool(actor.officer_region_ids)


def alerts_visible_to(actor: Actor) -> QuerySet[Alert]:
    """The alerts of the contracts whose case team the actor is on, with what the lists show."""
    qs = Alert.objects.select_related("entry__edition", "supplier", "site__country", "site__supplier")
    if actor.is_secretariat:
        return qs
    if not actor.officer_region_ids:
        return qs.none()
    regions = actor.officer_region_ids
    concerned = Q(site__contracts__owning_regions__in=regions) | Q(
        supplier__supplier_contracts__owning_regions__in=regions
    )
    return qs.filter(pk__in=Alert.objects.filter(concerned).values("pk"))


def may_decide(actor: Actor, alert: Alert) -> bool:
    return alerts_visible_to(actor).filter(pk=alert.pk).exists()


def get_alert_for_user(user: ActingUser, uuid: UUID | str) -> Alert:
    """One alert the user's case team has; any other is a 404."""
    return get_or_404(alerts_visible_to(actor_for(user)), uuid)


def filter_alerts(qs: QuerySet[Alert], *, status: str = "", source: str = "") -> QuerySet[Alert]:
    if status in AlertStatus.values:
        qs = qs.filter(status=status)
    if source in ListSource.values:
        qs = qs.filter(source=source)
    return qs


def concerned(alert: Alert) -> QuerySet[Contract]:
    """The contracts the matched site serves, or the matched supplier's contracts."""
    if alert.site_id:
        return Contract.objects.filter(sites=alert.site_id)
    return Contract.objects.filter(supplier=alert.supplier_id)


def contracts_concerned(alert: Alert) -> QuerySet[Contract]:
    return concerned(alert).select_related("category").prefetch_related("owning_regions").distinct()


def subject_country(alert: Alert) -> str:
    if alert.site is not None:
        return alert.site.country.iso3 if alert.site.country else ""
    return alert.supplier.country_code if alert.supplier else ""


FORCED_LABOUR = "forced_labour"  # the issue code of the risk taxonomy (reference issues.csv)


def risk_items_concerned(alert: Alert) -> QuerySet[RiskItem]:
    """The items of this period's risk analyses of the contracts' categories in the matched
    supplier's or site's country. A forced-labour enforcement list speaks of forced labour only
    (forced labour, trafficking, recruitment debt); a sanctions or the secretariat's own list names
    no issue, so it concerns every item of that country."""
    country = subject_country(alert)
    period = current_period()
    if not country or period is None:
        return RiskItem.objects.none()
    categories = concerned(alert).values("category")
    items = RiskItem.objects.filter(
        analysis__category__in=categories, analysis__period=period, country__iso3=country
    ).exclude(review=ItemReview.REJECTED)
    if alert.entry.edition.category == ListCategory.FORCED_LABOUR:
        items = items.filter(Q(issue__code=FORCED_LABOUR) | Q(issue__parent__code=FORCED_LABOUR))
    return items.select_related("issue", "stage", "country", "analysis")


def follow_up_lead(actor: Actor, alert: Alert) -> Organisation | None:
    """Who leads the proposed follow-up: the person's own region among those owning a contract
    concerned, or the secretariat when a secretariat member accepts; None for anyone else."""
    owning = Organisation.objects.filter(pk__in=concerned(alert).values("owning_regions"))
    mine = owning.filter(pk__in=actor.officer_region_ids).order_by("name").first()
    if mine is not None:
        return mine
    if actor.is_secretariat:
        return Organisation.objects.filter(kind=OrganisationKind.SECRETARIAT, is_active=True).first()
    return None


def may_accept_follow_up(actor: Actor, alert: Alert) -> bool:
    return (
        alert.status == AlertStatus.CONFIRMED
        and alert.follow_up_proposed
        and alert.follow_up_case_id is None
        and may_decide(actor, alert)
    )


def dashboard(actor: Actor) -> dict[str, list[tuple[str, int]]]:
    """Open alerts counted by list, by country of the matched supplier or site, and by category."""
    alerts = list(alerts_visible_to(actor).filter(status=AlertStatus.OPEN))
    by_list = Counter(alert.get_source_display() for alert in alerts)
    names = {c.iso3: c.name for c in Country.objects.all()}
    by_country = Counter(names.get(subject_country(alert), "–") for alert in alerts)
    categories = _categories_by_alert([a.pk for a in alerts])
    by_category = Counter(name for alert in alerts for name in categories.get(alert.pk, set()))
    return {
        "list": sorted(by_list.items()),
        "country": sorted(by_country.items()),
        "category": sorted(by_category.items()),
    }


def _categories_by_alert(alert_ids: list[int]) -> dict[int, set[str]]:
    result: dict[int, set[str]] = {}
    via_site = Alert.objects.filter(pk__in=alert_ids, site__isnull=False).values_list(
        "pk", "site__contracts__category__name_sv", "site__contracts__category__name_en"
    )
    via_supplier = Alert.objects.filter(pk__in=alert_ids, supplier__isnull=False).values_list(
        "pk",
        "supplier__supplier_contracts__category__name_sv",
        "supplier__supplier_contracts__category__name_en",
    )
    english = in_english()
    for pk, name_sv, name_en in [*via_site, *via_supplier]:
        if name_sv:
            result.setdefault(pk, set()).add(name_en if english else name_sv)
    return result


def country_names(codes: list[str]) -> str:
    """ISO 3166-1 alpha-3 codes as the countries' names in the active language (unknown codes as
    written)."""
    names = {c.iso3: c.name for c in Country.objects.filter(iso3__in=codes)}
    return ", ".join(names.get(code, code) for code in codes)


def current_editions() -> QuerySet[ListEdition]:
    return ListEdition.objects.filter(is_current=True).order_by("source")


def all_editions() -> QuerySet[ListEdition]:
    return ListEdition.objects.all()


def latest_runs() -> QuerySet[ScreeningRun]:
    return ScreeningRun.objects.select_related("edition")[:5]
