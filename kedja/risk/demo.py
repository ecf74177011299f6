"""Demo risk analyses: one finished (approved) analysis per prioritised category of the current
period, proposed from the open data, completed with the cases the domain and method documents
name, and approved by the responsible coordinator (or the secretariat). Safe to run twice."""

from django.db import transaction

from kedja.organisations.models import User
from kedja.reference.models import CategoryResponsibility, Country, Issue, PriorityPeriod
from kedja.risk import actions
from kedja.risk.data import RiskData
from kedja.risk.models import ItemReview, RiskAnalysis

PERIOD = "2023–2025"
MIGRANTS = {"vulnerable": True, "vulnerable_groups": "migrant workers"}

# category slug → extra items: (stage, iso3 or None, issue, values)
EXTRA_ITEMS = {
    "cleaning": [
        ("service_delivery", "SWE", "wages", {**MIGRANTS, "scope_band": 2, "cpv_code": "90910000"}),
        ("service_delivery", "SWE", "employment_terms", {"scope_band": 2, "cpv_code": "90910000"}),
    ],
    "laundry_textiles": [
        (
            "manufacturing",
            "BIH",
            "wages",
            {
                "scale": 4,
                "scope_band": 2,
                "score_reason": "Wages below subsistence found in a factory audit.",
                "status": "actual",
            },
        ),
        ("processing", "IND", "pollution", {"scope_band": 4}),
    ],
    "it_ict": [
        ("assembly", "CHN", "working_hours", {"scope_band": 5}),
    ],
    "food": [
        ("processing", "THA", "freedom_of_association", {**MIGRANTS, "scope_band": 4}),
    ],
    "surgical_instruments": [
        ("manufacturing", "PAK", "ohs", {"scope_band": 4, "tier": 3}),
    ],
    "nutrition": [
        ("manufacturing", "DEU", "ohs", {"scope_band": 2}),
        ("raw_material", None, "child_labour", {"good": "Sugarcane", "scope_band": 4}),
    ],
    "healthcare_paper_plastic": [
        ("manufacturing", "CHN", "working_hours", {"scope_band": 4}),
        ("raw_material", None, "forced_labour", {"good": "Timber", "scope_band": 3}),
    ],
    "pharmaceuticals": [
        ("processing", "IND", "pollution", {"scope_band": 5}),
    ],
}
SUMMARIES = {
    "surgical_instruments": "Forging and polishing in sub-contracted Sialkot workshops carry child-labour and safety risks below tier 1.",
    "general_consumables": "Gloves from Malaysia (forced labour, ILAB-listed) and China dominate the risk picture.",
    "it_ict": "Final assembly in China (excessive hours) and cobalt and 3TG mining in DR Congo.",
    "cleaning": "Contract cleaning in Sweden: underpayment and subcontracting with migrant workers.",
    "laundry_textiles": "Cotton (China, Turkmenistan), spinning and sewing; an audit found wages below subsistence.",
    "food": "Meat including chicken (Thailand), fruit and vegetables, cocoa, coffee and rice.",
}


def _actor(letter: str | None) -> User | None:
    if letter == "H":
        return (
            User.objects.filter(email="stina@skane.demo").first()
            or User.objects.filter(email="sara@kansliet.demo").first()
        )
    return User.objects.filter(email="sara@kansliet.demo").first()


@transaction.atomic
def load() -> None:
    period = PriorityPeriod.objects.filter(name=PERIOD).first()
    if period is None:
        return
    data = RiskData.current()
    issues = {i.code: i for i in Issue.objects.all()}
    countries = {c.iso3: c for c in Country.objects.all()}
    rows = CategoryResponsibility.objects.filter(
        period=period, prioritised=True, area__isnull=False
    ).select_related("category", "area")
    for row in rows:
        user = _actor(row.area.letter)
        if user is None or RiskAnalysis.objects.filter(category=row.category, period=period).exists():
            continue
        analysis = actions.start_analysis(category=row.category, period=period, acting_user=user)
        proposed = actions.propose_items(analysis, acting_user=user, data=data)
        for item in proposed:
            actions.review_item(item, confirm=True, acting_user=user)
        for stage_name, iso3, code, values in EXTRA_ITEMS.get(row.category.slug, []):
            if code not in issues or (iso3 and iso3 not in countries):
                continue
            stage = actions.add_stage(analysis, stage=stage_name, countries=[], acting_user=user)
            actions.add_item(
                analysis,
                stage=stage,
                issue=issues[code],
                country=countries.get(iso3),
                acting_user=user,
                data=data,
                **values,
            )
        summary = SUMMARIES.get(
            row.category.slug, f"Risk analysis of {row.category.name_en} from the open data."
        )
        actions.update_analysis_texts(analysis, summary=summary, confidential_notes="", acting_user=user)
        if not analysis.items.filter(review=ItemReview.PROPOSED).exists():
            actions.approve_analysis(analysis, acting_user=user)
