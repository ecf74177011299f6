"""Glue between spend screening and Kedja's data: reference tables, dataset editions, exports."""

from __future__ import annotations

import io

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from kedja.core.exports import csv_writer, xlsx_bytes
from kedja.core.tables import TableInfo
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.reference.models import Category, CategoryCpvPrefix, Country, PriorityPeriod
from kedja.reference.queries import current_period
from kedja.risk.models import AccountCategory, AnalysisVersion, DatasetEdition
from kedja.risk.spend import Screening, ScreeningTables, normalise_supplier


def category_weights() -> dict[tuple[str, str], float]:
    """Weight 0–1 per category (and per category × country): the highest P among the items of the
    category's latest approved version in the current priority period, divided by 25. Drafts and
    other periods never count; an analysis reopened for its next version keeps counting with the
    version it was approved as. Sub-categories without items use their parent's weight."""
    weights: dict[tuple[str, str], float] = {}
    for slug, iso3, priority in _approved_items(current_period()):
        for key in ((slug, ""), (slug, iso3 or "")):
            weights[key] = max(weights.get(key, 0.0), priority / 25)
    for child, parent in Category.objects.filter(parent__isnull=False).values_list("slug", "parent__slug"):
        if (child, "") not in weights and (parent, "") in weights:
            weights[(child, "")] = weights[(parent, "")]
    return weights


def _approved_items(period: PriorityPeriod | None) -> list[tuple[str, str | None, int]]:
    """(category slug, ISO3, P) of every item of each analysis' latest approved version in `period`."""
    if period is None:
        return []
    newest = AnalysisVersion.objects.filter(analysis=OuterRef("analysis")).order_by("-number")
    latest = AnalysisVersion.objects.filter(
        analysis__period=period, number=Subquery(newest.values("number")[:1])
    )
    return [
        (version.analysis.category.slug, row["country"], row["priority"])
        for version in latest.select_related("analysis__category")
        for row in version.snapshot["items"]
    ]


def reference_tables(organisation: Organisation | None = None) -> ScreeningTables:
    """Everything the screening joins against; with `organisation`, its account mapping too."""
    prefixes: dict[str, list[str]] = {}
    for prefix, slug in CategoryCpvPrefix.objects.values_list("prefix", "category__slug"):
        prefixes.setdefault(prefix, []).append(slug)
    suppliers = {}
    for org in Organisation.objects.filter(kind=OrganisationKind.SUPPLIER):
        suppliers[normalise_supplier(org.name)] = org.name
        if org.org_number:
            suppliers[normalise_supplier(org.org_number)] = org.name
    names = {c.slug: c.name for c in Category.objects.all()}
    countries = {}
    for country in Country.objects.all():
        for name in (country.iso3, country.iso2, country.name_sv, country.name_en):
            if name:
                countries.setdefault(name.strip().upper(), country.iso3)
    accounts = dict(
        AccountCategory.objects.filter(organisation=organisation).values_list("account", "category__slug")
    )
    return ScreeningTables(prefixes, names, suppliers, category_weights(), countries, accounts)


def dataset_editions() -> list[dict]:
    """The risk dataset editions the weights rest on, recorded with each saved screening."""
    return [
        {"kind": kind, "edition": edition, "sha256": sha256}
        for kind, edition, sha256 in DatasetEdition.objects.order_by("kind", "edition").values_list(
            "kind", "edition", "sha256"
        )
    ]


def source_text(source: dict) -> str:
    """How the file was read, in words for the result page: kind, encoding, delimiter, sheet."""
    info = TableInfo(**{k: source.get(k, "") for k in ("kind", "encoding", "delimiter", "sheet")})
    if info.kind == "xlsx":
        return _("Excel workbook, sheet “%(sheet)s”") % {"sheet": info.sheet}
    if info.kind == "parquet":
        return _("Parquet")
    if not info.kind:
        return ""
    return _("CSV, text encoding %(encoding)s, columns separated by %(delimiter)s") % {
        "encoding": info.encoding_label,
        "delimiter": info.delimiter_label,
    }


def result_rows(result: Screening) -> list[tuple[str, list[list]]]:
    """The screening as named tables, for CSV and XLSX."""
    header = [_("Key"), _("Name"), _("Lines"), _("Spend"), _("Risk-weighted spend")]

    def table(entries):
        return [header] + [
            [e["key"], e["name"], e["lines"], round(e["spend"], 2), round(e["weighted"], 2)] for e in entries
        ]

    issues = [
        [
            _("Row"),
            _("Reason"),
            _("Supplier"),
            _("CPV code or category"),
            _("Amount"),
            _("Country"),
            _("Date"),
        ]
    ] + [
        [
            i["row"],
            i["reason_text"],
            i["supplier_raw"],
            i["cat_raw"],
            i["amount"],
            i["country"],
            i.get("date"),
        ]
        for i in result.issues
    ]
    return [
        (_("Categories"), table(result.by_category)),
        (_("Suppliers"), table(result.by_supplier)),
        (_("Countries"), table(result.by_country)),
        (_("Rows not screened"), issues),
    ]


def as_csv(result: Screening) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    for title, rows in result_rows(result):
        writer.writerow([title])
        writer.writerows(rows)
        writer.writerow([])
    return out.getvalue()


def as_xlsx(result: Screening) -> bytes:
    return xlsx_bytes(result_rows(result))
