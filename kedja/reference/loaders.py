"""Load the shipped reference data into the database, idempotently (updates in place).

Each loader validates its whole file before writing, so a malformed file raises
`ReferenceDataError` naming the file and line, and `load_all()` runs everything in one
transaction: a bad file leaves the database unchanged. The loaders are the system's import
path for global reference data (no acting user), which is why they write directly instead of
through per-object actions; requirement texts edited by the secretariat are left alone
(see documents.py).
"""

import csv
import gettext
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry
from django.conf import settings
from django.db import models, transaction
from django.utils.text import slugify

from kedja.organisations.models import (
    AreaMembership,
    Organisation,
    OrganisationKind,
    ProcurementArea,
)
from kedja.reference.models import (
    Category,
    CategoryCpvPrefix,
    CategoryResponsibility,
    CategoryStatus,
    CodeArea,
    Country,
    CpvCode,
    IloConvention,
    Issue,
    PriorityPeriod,
)

SECRETARIAT_SLUG = "kansliet"
SECRETARIAT_NAME = "Regionernas kansli för hållbar upphandling"
SECRETARIAT_NAME_EN = "The regions' secretariat for sustainable procurement"
MEMBERSHIPS_FROM = date(2023, 1, 1)
PERIOD_NAME = "2023–2025"
PERIOD_STARTS, PERIOD_ENDS = date(2023, 1, 1), date(2025, 12, 31)
# Kosovo's user-assigned code is used by WGI but missing from ISO 3166-1 and pycountry.
EXTRA_COUNTRIES = [{"iso3": "XKX", "iso2": "XK", "name_sv": "Kosovo", "name_en": "Kosovo"}]


class ReferenceDataError(Exception):
    """A shipped data file is missing or malformed; the message names the file and line."""


@dataclass
class Row:
    """One CSV row with the file name and line number, for error messages."""

    source: str
    line: int
    values: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def error(self, message: str) -> ReferenceDataError:
        return ReferenceDataError(f"{self.source}, line {self.line}: {message}")

    def boolean(self, key: str) -> bool:
        value = self.values[key]
        if value not in ("true", "false"):
            raise self.error(f"{key} must be 'true' or 'false', not {value!r}")
        return value == "true"

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.values[key]
        if not value.isdigit() or not low <= int(value) <= high:
            raise self.error(f"{key} must be a whole number from {low} to {high}, not {value!r}")
        return int(value)

    def required(self, *keys: str) -> None:
        for key in keys:
            if not self.values[key]:
                raise self.error(f"{key} is empty")

    def split(self, key: str) -> list[str]:
        return [part.strip() for part in self.values[key].split(";") if part.strip()]


def read_csv(path: Path, columns: Iterable[str]) -> list[Row]:
    """Read a UTF-8 CSV file, checking its header and that every row has every column."""
    name = path.name
    if not path.is_file():
        raise ReferenceDataError(f"{name}: file not found at {path}")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise ReferenceDataError(f"{name}: missing column(s) {', '.join(missing)}")
            rows = []
            for raw in reader:
                line = reader.line_num
                if None in raw or None in raw.values():
                    raise ReferenceDataError(f"{name}, line {line}: wrong number of fields")
                rows.append(Row(name, line, {k: v.strip() for k, v in raw.items()}))
    except UnicodeDecodeError as error:
        raise ReferenceDataError(f"{name}: not valid UTF-8 ({error})") from None
    except csv.Error as error:
        raise ReferenceDataError(f"{name}: not a valid CSV file ({error})") from None
    return rows


def bulk_sync(model: type[models.Model], key: str, wanted: dict[str, dict]) -> tuple[int, int]:
    """Create missing rows and update changed ones, keyed by `key`; returns (created, updated).

    Rows in the database but not in `wanted` are kept: other data may refer to them.
    """
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    to_create, to_update, changed_fields = [], [], set()
    for value, fields in wanted.items():
        obj = existing.get(value)
        if obj is None:
            to_create.append(model(**{key: value}, **fields))
            continue
        changed = [name for name, new in fields.items() if getattr(obj, name) != new]
        for name in changed:
            setattr(obj, name, fields[name])
        if changed:
            to_update.append(obj)
            changed_fields.update(changed)
    model.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=1000)
    return len(to_create), len(to_update)


# --- organisations and areas -------------------------------------------------------------


def load_areas_and_regions(data_dir: Path) -> dict[str, int]:
    """Procurement areas A–H, the secretariat and the 21 regions with their area memberships."""
    areas = read_csv(data_dir / "reference" / "procurement_areas.csv", ["letter", "name_sv", "name_en"])
    regions = read_csv(
        data_dir / "reference" / "regions.csv", ["code", "name_sv", "name_en", "procurement_area", "website"]
    )
    letters = _validate_areas(areas)
    _validate_regions(regions, letters)
    by_letter = {}
    for row in areas:
        by_letter[row["letter"]], _ = ProcurementArea.objects.update_or_create(
            letter=row["letter"], defaults={"name_sv": row["name_sv"], "name_en": row["name_en"]}
        )
    Organisation.objects.update_or_create(
        slug=SECRETARIAT_SLUG,
        defaults={
            "kind": OrganisationKind.SECRETARIAT,
            "name": SECRETARIAT_NAME,
            "name_en": SECRETARIAT_NAME_EN,
        },
    )
    for row in regions:
        region = _upsert_region(row)
        _ensure_membership(region, by_letter[row["procurement_area"]])
    return {"areas": len(areas), "regions": len(regions)}


def _validate_areas(rows: list[Row]) -> set[str]:
    letters = set()
    for row in rows:
        row.required("letter", "name_sv", "name_en")
        if len(row["letter"]) != 1 or not row["letter"].isalpha() or not row["letter"].isupper():
            raise row.error(f"letter must be one capital letter, not {row['letter']!r}")
        if row["letter"] in letters:
            raise row.error(f"area {row['letter']} appears twice")
        letters.add(row["letter"])
    return letters


def _validate_regions(rows: list[Row], letters: set[str]) -> None:
    codes = set()
    for row in rows:
        row.required("code", "name_sv", "procurement_area")
        if not row["code"].startswith("SE-"):
            raise row.error(f"code must be an ISO 3166-2:SE code, not {row['code']!r}")
        if row["code"] in codes:
            raise row.error(f"region {row['code']} appears twice")
        if row["procurement_area"] not in letters:
            raise row.error(f"unknown procurement area {row['procurement_area']!r}")
        codes.add(row["code"])


def _upsert_region(row: Row) -> Organisation:
    # Match on the ISO code first, then on the slug, so regions created elsewhere are updated.
    slug = slugify(row["name_sv"])
    region = (
        Organisation.objects.filter(code=row["code"]).first()
        or Organisation.objects.filter(slug=slug).first()
    )
    fields = {
        "kind": OrganisationKind.REGION,
        "name": row["name_sv"],
        "name_en": row["name_en"],
        "code": row["code"],
        "slug": slug,
        "website": row["website"],
    }
    if region is None:
        return Organisation.objects.create(**fields)
    changed = [name for name, value in fields.items() if getattr(region, name) != value]
    if changed:
        for name in changed:
            setattr(region, name, fields[name])
        region.save(update_fields=[*changed, "updated_at"])
    return region


def _ensure_membership(region: Organisation, area: ProcurementArea) -> None:
    covered = AreaMembership.objects.filter(
        organisation=region, area=area, valid_from__lte=MEMBERSHIPS_FROM, valid_to__isnull=True
    ).exists()
    if not covered:
        AreaMembership.objects.get_or_create(organisation=region, area=area, valid_from=MEMBERSHIPS_FROM)


# --- countries and CPV -------------------------------------------------------------------


def load_countries() -> dict[str, int]:
    """All ISO 3166-1 countries from pycountry with Swedish names, plus Kosovo."""
    swedish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"])
    wanted = {}
    for country in pycountry.countries:
        # The common name ("Taiwan", "South Korea") is what users look for.
        english = getattr(country, "common_name", None) or country.name
        wanted[country.alpha_3] = {
            "iso2": country.alpha_2,
            "name_en": english,
            "name_sv": swedish.gettext(english),
        }
    for extra in EXTRA_COUNTRIES:
        wanted[extra["iso3"]] = {k: v for k, v in extra.items() if k != "iso3"}
    created, updated = bulk_sync(Country, "iso3", wanted)
    return {"countries": len(wanted), "countries_created": created, "countries_updated": updated}


CPV_COLUMNS = ["code8", "division", "level", "parent", "label_sv", "label_en"]


def read_cpv(path: Path) -> list[Row]:
    return read_csv(path, CPV_COLUMNS)


def load_cpv(rows: list[Row]) -> dict[str, int]:
    """The CPV vocabulary: codes and labels first, then the parent links, in bulk."""
    wanted, parents = _validate_cpv(rows)
    created, updated = bulk_sync(CpvCode, "code", wanted)
    ids = dict(CpvCode.objects.values_list("code", "id"))
    links = {code: {"parent_id": ids[parent] if parent else None} for code, parent in parents.items()}
    _, relinked = bulk_sync(CpvCode, "code", links)
    return {"cpv": len(wanted), "cpv_created": created, "cpv_updated": updated, "cpv_parents_set": relinked}


def _validate_cpv(rows: list[Row]) -> tuple[dict[str, dict], dict[str, str]]:
    wanted, parents = {}, {}
    for row in rows:
        code = row["code8"]
        if len(code) != 8 or not code.isdigit():
            raise row.error(f"code8 must be 8 digits, not {code!r}")
        if code in wanted:
            raise row.error(f"code {code} appears twice")
        if row["division"] != code[:2]:
            raise row.error(f"division {row['division']!r} does not match code {code}")
        row.required("label_sv", "label_en")
        wanted[code] = {
            "division": code[:2],
            "level": row.integer("level", 1, 5),
            "label_sv": row["label_sv"],
            "label_en": row["label_en"],
        }
        parents[code] = row["parent"]
    for row in rows:
        parent = row["parent"]
        if parent and not (len(parent) == 8 and row["code8"].startswith(parent.rstrip("0"))):
            raise row.error(f"parent {parent!r} is not above {row['code8']} in the hierarchy")
        if parent and parent not in wanted:
            # CPV 2008 has a few gaps (e.g. 39250000 is not a code): link to the nearest code above.
            parents[row["code8"]] = _nearest_existing_ancestor(parent, wanted)
    return wanted, parents


def _nearest_existing_ancestor(code: str, known: dict) -> str:
    while code not in known and code.strip("0"):
        digits = code.rstrip("0")
        code = digits[:-1].ljust(8, "0")
    return code if code in known else ""


# --- categories, period and responsibilities ---------------------------------------------

CATEGORY_COLUMNS = [
    "slug",
    "name_sv",
    "name_en",
    "parent",
    "responsible_area",
    "prioritised_2023_2025",
    "status",
    "cpv_prefixes",
    "notes",
    "source_url",
]


def load_categories(data_dir: Path) -> dict[str, int]:
    """Categories with their CPV prefixes, the period 2023–2025 and who is responsible."""
    rows = read_csv(data_dir / "reference" / "categories.csv", CATEGORY_COLUMNS)
    _validate_categories(rows)
    categories = {}
    for row in rows:
        categories[row["slug"]], _ = Category.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "status": row["status"],
                "notes": row["notes"],
                "source_url": row["source_url"],
            },
        )
    for row in rows:
        category = categories[row["slug"]]
        parent = categories.get(row["parent"])
        if category.parent_id != (parent.pk if parent else None):
            category.parent = parent
            category.save(update_fields=["parent", "updated_at"])
        _sync_prefixes(category, row.split("cpv_prefixes"))
    responsibilities = _load_responsibilities(rows, categories)
    prefixes = CategoryCpvPrefix.objects.filter(category__in=categories.values()).count()
    return {"categories": len(rows), "cpv_prefixes": prefixes, "responsibilities": responsibilities}


def _validate_categories(rows: list[Row]) -> None:
    slugs = {row["slug"] for row in rows}
    letters = set(ProcurementArea.objects.values_list("letter", flat=True))
    known_codes = set(CpvCode.objects.values_list("code", flat=True))
    seen = set()
    for row in rows:
        row.required("slug", "name_sv", "name_en", "status")
        if row["slug"] in seen:
            raise row.error(f"category {row['slug']} appears twice")
        seen.add(row["slug"])
        if row["parent"] and row["parent"] not in slugs:
            raise row.error(f"parent {row['parent']!r} is not a category in the file")
        if row["responsible_area"] and row["responsible_area"] not in letters:
            raise row.error(f"unknown procurement area {row['responsible_area']!r}")
        if row["status"] not in CategoryStatus.values:
            raise row.error(f"status must be one of {', '.join(CategoryStatus.values)}")
        row.boolean("prioritised_2023_2025")
        for prefix in row.split("cpv_prefixes"):
            if not prefix.isdigit() or not 2 <= len(prefix) <= 8:
                raise row.error(f"CPV prefix {prefix!r} must be 2 to 8 digits")
            if prefix.ljust(8, "0") not in known_codes:
                raise row.error(f"CPV prefix {prefix} is not a CPV code")


def _sync_prefixes(category: Category, prefixes: list[str]) -> None:
    existing = set(category.cpv_prefixes.values_list("prefix", flat=True))
    category.cpv_prefixes.exclude(prefix__in=prefixes).delete()
    CategoryCpvPrefix.objects.bulk_create(
        [CategoryCpvPrefix(category=category, prefix=p) for p in prefixes if p not in existing]
    )


def load_period() -> PriorityPeriod:
    period, _ = PriorityPeriod.objects.update_or_create(
        name=PERIOD_NAME, defaults={"starts_on": PERIOD_STARTS, "ends_on": PERIOD_ENDS}
    )
    return period


def _load_responsibilities(rows: list[Row], categories: dict[str, Category]) -> int:
    period = load_period()
    areas = {a.letter: a for a in ProcurementArea.objects.all()}
    own_flag = {row["slug"]: row.boolean("prioritised_2023_2025") for row in rows}
    for row in rows:
        # A sub-category not named on the list itself inherits its parent's priority (README).
        prioritised = own_flag[row["slug"]] or bool(row["parent"] and own_flag.get(row["parent"]))
        CategoryResponsibility.objects.update_or_create(
            period=period,
            category=categories[row["slug"]],
            defaults={"area": areas.get(row["responsible_area"]), "prioritised": prioritised},
        )
    return len(rows)


# --- ILO instruments and issues ----------------------------------------------------------


def load_ilo(data_dir: Path) -> dict[str, int]:
    rows = read_csv(
        data_dir / "reference" / "ilo_conventions.csv",
        ["code", "title_en", "label_sv", "main_issue", "fundamental"],
    )
    wanted = {}
    for row in rows:
        row.required("code", "title_en", "label_sv")
        if row["code"] in wanted:
            raise row.error(f"instrument {row['code']} appears twice")
        wanted[row["code"]] = {
            "title_en": row["title_en"],
            "label_sv": row["label_sv"],
            "main_issue_code": row["main_issue"],
            "fundamental": row.boolean("fundamental"),
        }
    bulk_sync(IloConvention, "code", wanted)
    return {"ilo_instruments": len(wanted)}


ISSUE_COLUMNS = [
    "code",
    "name_sv",
    "name_en",
    "area",
    "parent",
    "ilo_conventions",
    "other_instruments",
    "zero_tolerance",
    "default_scale",
    "default_irremediability",
    "ilab_type",
    "description_en",
]


def load_issues(data_dir: Path) -> dict[str, int]:
    """The issue taxonomy with default scores, parents and ILO links (load ILO first)."""
    rows = read_csv(data_dir / "reference" / "issues.csv", ISSUE_COLUMNS)
    ilo = {c.code: c for c in IloConvention.objects.all()}
    fields = {row["code"]: _issue_fields(row, ilo, {r["code"] for r in rows}) for row in rows}
    issues = {}
    for code, values in fields.items():
        issues[code], _ = Issue.objects.update_or_create(code=code, defaults=values)
    for row in rows:
        issue = issues[row["code"]]
        parent = issues.get(row["parent"])
        if issue.parent_id != (parent.pk if parent else None):
            issue.parent = parent
            issue.save(update_fields=["parent"])
        issue.ilo_conventions.set([ilo[c] for c in row.split("ilo_conventions")])
    return {"issues": len(rows)}


def _issue_fields(row: Row, ilo: dict, codes: set[str]) -> dict:
    row.required("code", "name_sv", "name_en", "area")
    if row["area"] not in CodeArea.values:
        raise row.error(f"area must be one of {', '.join(CodeArea.values)}")
    if row["parent"] and row["parent"] not in codes:
        raise row.error(f"parent {row['parent']!r} is not an issue in the file")
    if row["ilab_type"] not in ("", "CL", "FL"):
        raise row.error(f"ilab_type must be CL, FL or empty, not {row['ilab_type']!r}")
    unknown = [c for c in row.split("ilo_conventions") if c not in ilo]
    if unknown:
        raise row.error(f"unknown ILO instrument(s) {', '.join(unknown)}")
    return {
        "name_sv": row["name_sv"],
        "name_en": row["name_en"],
        "area": row["area"],
        "other_instruments": row["other_instruments"],
        "zero_tolerance": row.boolean("zero_tolerance"),
        "default_scale": row.integer("default_scale", 1, 5),
        "default_irremediability": row.integer("default_irremediability", 1, 5),
        "ilab_type": row["ilab_type"],
        "description_en": row["description_en"],
    }


# --- everything --------------------------------------------------------------------------


def load_all(data_dir: Path | None = None, *, cpv_rows: list[Row] | None = None) -> dict[str, float | int]:
    """Load every reference dataset in one transaction and return counts and timings.

    `cpv_rows` lets tests load a small slice of the CPV file instead of all 9,454 codes.
    """
    from kedja.reference.documents import load_documents

    data_dir = Path(data_dir or settings.KEDJA_DATA_DIR)
    started = time.perf_counter()
    counts: dict[str, float | int] = {}
    with transaction.atomic():
        counts.update(load_areas_and_regions(data_dir))
        counts.update(load_countries())
        cpv_started = time.perf_counter()
        counts.update(
            load_cpv(cpv_rows if cpv_rows is not None else read_cpv(data_dir / "cpv" / "cpv2008_sv_en.csv"))
        )
        counts["cpv_seconds"] = round(time.perf_counter() - cpv_started, 2)
        counts.update(load_categories(data_dir))
        counts.update(load_ilo(data_dir))
        counts.update(load_issues(data_dir))
        counts.update(load_documents())
    counts["seconds"] = round(time.perf_counter() - started, 2)
    return counts
