"""Reference data for tests: the real files, with only a small slice of the CPV vocabulary.

Other apps' tests may call `load_test_reference()` to get areas, regions, countries, categories,
issues, ILO instruments and the clause versions in well under a second.
"""

import csv

from django.conf import settings

from kedja.reference.loaders import load_all, read_cpv
from kedja.reference.queries import cpv_prefixes_of

# Codes the tests talk about, besides every category prefix and its ancestors.
EXTRA_CPV_CODES = ["33141420", "33141113", "33141610", "33141613", "33141620", "33169000", "30200000"]


def small_cpv_rows(extra_codes=()):
    """The CPV rows for every category prefix, some named codes and all their ancestors."""
    rows = read_cpv(settings.KEDJA_DATA_DIR / "cpv" / "cpv2008_sv_en.csv")
    by_code = {row["code8"]: row for row in rows}
    with (settings.KEDJA_DATA_DIR / "reference" / "categories.csv").open(encoding="utf-8") as handle:
        prefixes = {p for r in csv.DictReader(handle) for p in r["cpv_prefixes"].split(";") if p}
    wanted = {p.ljust(8, "0") for p in prefixes} | set(EXTRA_CPV_CODES) | set(extra_codes)
    # Every code's ancestors by prefix, so the parent links of the slice stay intact.
    closure = {a.ljust(8, "0") for code in wanted for a in cpv_prefixes_of(code)} | wanted
    return [by_code[code] for code in sorted(closure) if code in by_code]


def load_test_reference(extra_cpv_codes=()):
    return load_all(cpv_rows=small_cpv_rows(extra_cpv_codes))
