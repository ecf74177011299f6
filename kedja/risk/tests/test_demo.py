"""The demo loader builds a curated, approved analysis per prioritised category through the actions,
with a believable spread of categories, and is safe to run twice."""

import csv
from collections import Counter

import pytest
from django.conf import settings

from kedja.organisations.models import Membership, Organisation, OrganisationKind, Role, User
from kedja.reference.models import Category, CategoryResponsibility, CodeArea, Country, Issue
from kedja.risk import demo
from kedja.risk.demo_analyses import ANALYSES
from kedja.risk.models import AnalysisStatus, ItemOrigin, RiskAnalysis

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_sara(reference):
    secretariat = Organisation.objects.get(kind=OrganisationKind.SECRETARIAT)
    sara = User.objects.create_user("sara@kansliet.demo", "x" * 12, full_name="Sara")
    Membership.objects.create(user=sara, organisation=secretariat, role=Role.SECRETARIAT_STAFF)
    return sara


@pytest.fixture
def full_content(reference, personas):
    """Every issue of the curated library, every country and prioritised category the demo names."""
    with (settings.KEDJA_DATA_DIR / "reference" / "issues.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Issue.objects.get_or_create(
                code=row["code"],
                defaults={
                    "name_sv": row["name_sv"],
                    "name_en": row["name_en"],
                    "area": CodeArea.LABOUR_RIGHTS,
                    "default_scale": int(row["default_scale"]),
                    "default_irremediability": int(row["default_irremediability"]),
                    "ilab_type": row["ilab_type"],
                },
            )
    for iso3 in {spec["iso3"] for content in ANALYSES.values() for spec in content["items"]} - {None}:
        Country.objects.get_or_create(iso3=iso3, defaults={"name_sv": iso3, "name_en": iso3})
    for slug in ANALYSES:
        category, _ = Category.objects.get_or_create(slug=slug, defaults={"name_sv": slug, "name_en": slug})
        CategoryResponsibility.objects.get_or_create(
            period=reference.period,
            category=category,
            defaults={"area": personas.area_b, "prioritised": True},
        )


def test_demo_loads_approved_analyses_idempotently(demo_sara, risk_data):
    demo.load()
    demo.load()
    analyses = RiskAnalysis.objects.all()
    # The prioritised categories of the small fixture, and gloves: a sub-category of prioritised
    # general consumables, so prioritised too (docs/domain-rules.md §1.2.3).
    assert analyses.count() == 4
    assert all(a.status == AnalysisStatus.APPROVED and a.versions.count() == 1 for a in analyses)
    instruments = analyses.get(category__slug="surgical_instruments")
    assert instruments.items.filter(
        country__iso3="PAK", issue__code="child_labour", risk_category="critical", origin=ItemOrigin.PROPOSED
    ).exists()


def test_every_curated_analysis_is_believable(demo_sara, full_content, risk_data):
    demo.load()
    assert RiskAnalysis.objects.count() == len(ANALYSES)
    for analysis in RiskAnalysis.objects.all():
        counts = Counter(analysis.items.values_list("risk_category", flat=True))
        total = sum(counts.values())
        assert 6 <= total <= 15, analysis
        assert len(counts) >= 3 and counts["critical"] <= total / 2, (analysis, counts)
        assert analysis.status == AnalysisStatus.APPROVED and analysis.summary
    gloves = RiskAnalysis.objects.get(category__slug="gloves")
    headline = gloves.items.first()  # the method's sort order
    assert (headline.country.iso3, headline.issue.code, headline.risk_category) == (
        "MYS",
        "forced_labour",
        "critical",
    )
    cleaning = RiskAnalysis.objects.get(category__slug="cleaning")
    assert cleaning.items.filter(country__iso3="SWE", involvement="contribute").exists()
    pharma = RiskAnalysis.objects.get(category__slug="pharmaceuticals")
    assert pharma.items.filter(country__iso3="IND", issue__code="pollution").exists()
    textiles = RiskAnalysis.objects.get(category__slug="laundry_textiles")
    assert textiles.items.get(country__iso3="BIH", issue__code="wages").risk_category == "critical"
