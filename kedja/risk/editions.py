"""New editions of the open datasets loaded from the page: reading an uploaded file in the format
`load_risk_data` reads, and what adopting it would change in the approved analyses."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kedja.core.files import sha256_of_stream
from kedja.core.tables import Limits, TableError, read_table
from kedja.risk.assessment import score_item
from kedja.risk.data import RiskData
from kedja.risk.loaders import SPEC_BY_KIND
from kedja.risk.models import AnalysisStatus, DatasetEdition, DatasetKind, RiskItem

# The datasets published by others in new editions; the curated tables change through the repository.
UPLOADABLE = (DatasetKind.ILAB_GOODS, DatasetKind.ILAB_PROFILES, DatasetKind.WGI, DatasetKind.HDI)
LIMITS = Limits(rows=50_000, columns=100)


@dataclass(frozen=True)
class ParsedUpload:
    rows: list[dict]
    parameters: dict
    sha256: str


def parse_upload(kind: str, uploaded) -> ParsedUpload:
    """The edition rows of an uploaded CSV or XLSX file of dataset `kind`; TableError says what is
    wrong (unreadable file, a missing column, no usable row)."""
    _info, table = read_table(uploaded, LIMITS)
    header, body = table[0], table[1:]
    records = [dict(zip(header, row + [""] * (len(header) - len(row)), strict=False)) for row in body]
    try:
        rows, parameters = SPEC_BY_KIND[kind].parse(records)
    except KeyError as missing:
        raise TableError(
            _("The file lacks the column “%(column)s” that this dataset needs.") % {"column": missing.args[0]}
        ) from None
    except (ValueError, IndexError, ArithmeticError):
        raise TableError(_("The file has no usable rows for this dataset.")) from None
    if not rows:
        raise TableError(_("The file has no usable rows for this dataset."))
    return ParsedUpload(rows, parameters, sha256_of_stream(uploaded))


@dataclass(frozen=True)
class CategoryChange:
    item: RiskItem
    before: str
    after: str


def category_changes(edition: DatasetEdition) -> list[CategoryChange]:
    """The items of approved analyses whose risk category would change if `edition` were adopted,
    scored in memory (nothing is saved)."""
    data = RiskData.current(instead=edition)
    items = (
        RiskItem.objects.filter(analysis__status=AnalysisStatus.APPROVED)
        .exclude(review="rejected")
        .select_related("analysis__category", "analysis__period", "issue", "stage", "country")
        .prefetch_related("evidence")
    )
    changes = []
    for item in items:
        before = item.risk_category
        score_item(item, data)
        if item.risk_category != before:
            changes.append(CategoryChange(item, before, item.risk_category))
    return changes
