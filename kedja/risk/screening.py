"""Glue between spend screening and Kedja's data: reference tables, stored uploads, exports."""

from __future__ import annotations

import io
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook

from kedja.core.exports import append_row, csv_writer
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.reference.models import Category, CategoryCpvPrefix
from kedja.risk.models import RiskItem
from kedja.risk.spend import Screening, ScreeningTables, normalise_supplier

SESSION_KEY = "risk_spend_uploads"
ALLOWED_SUFFIXES = {".csv", ".parquet", ".txt"}


def category_weights() -> dict[tuple[str, str], float]:
    """Weight 0–1 per category (and per category × country): the highest P among the category's
    current risk items, divided by 25. Sub-categories without items use their parent's weight."""
    weights: dict[tuple[str, str], float] = {}
    items = RiskItem.objects.exclude(review="rejected").values_list(
        "analysis__category__slug", "country__iso3", "priority"
    )
    for slug, iso3, priority in items:
        for key in ((slug, ""), (slug, iso3 or "")):
            weights[key] = max(weights.get(key, 0.0), priority / 25)
    for child, parent in Category.objects.filter(parent__isnull=False).values_list("slug", "parent__slug"):
        if (child, "") not in weights and (parent, "") in weights:
            weights[(child, "")] = weights[(parent, "")]
    return weights


def reference_tables() -> ScreeningTables:
    prefixes: dict[str, list[str]] = {}
    for prefix, slug in CategoryCpvPrefix.objects.values_list("prefix", "category__slug"):
        prefixes.setdefault(prefix, []).append(slug)
    suppliers = {}
    for org in Organisation.objects.filter(kind=OrganisationKind.SUPPLIER):
        suppliers[normalise_supplier(org.name)] = org.name
        if org.org_number:
            suppliers[normalise_supplier(org.org_number)] = org.name
    names = {c.slug: c.name for c in Category.objects.all()}
    return ScreeningTables(prefixes, names, suppliers, category_weights())


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "spend"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(request, upload) -> str:
    """Keep the uploaded file (not its rows) so exports can re-run the screening; returns a token."""
    suffix = Path(upload.name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ValidationError(_("Upload a CSV or Parquet file."))
    if upload.size > settings.KEDJA_UPLOAD_MAX_BYTES:
        raise ValidationError(_("The file is too large."))
    token = secrets.token_urlsafe(16)
    with (upload_dir() / f"{token}.data").open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-9:], token]
    return token


def stored_path(request, token: str) -> Path | None:
    """The file behind a token, only for the session that uploaded it."""
    if token not in request.session.get(SESSION_KEY, []):
        return None
    path = upload_dir() / f"{token}.data"
    return path if path.is_file() else None


def result_rows(result: Screening) -> list[tuple[str, list[list]]]:
    """The screening as named tables, for CSV and XLSX."""
    header = [_("Key"), _("Name"), _("Lines"), _("Spend"), _("Risk-weighted spend")]

    def table(entries):
        return [header] + [
            [e["key"], e["name"], e["lines"], round(e["spend"], 2), round(e["weighted"], 2)] for e in entries
        ]

    issues = [
        [_("Row"), _("Reason"), _("Supplier"), _("CPV code or category"), _("Amount"), _("Country")]
    ] + [
        [i["row"], i["reason_text"], i["supplier_raw"], i["cat_raw"], i["amount"], i["country"]]
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
    book = Workbook()
    book.remove(book.active)
    for title, rows in result_rows(result):
        sheet = book.create_sheet(title[:31])
        for row in rows:
            append_row(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
