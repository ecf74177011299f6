"""Demo risk analyses: one finished (approved) analysis per prioritised category of the 2023–2025
period, built by hand from the curated content in `demo_analyses` through the actions, and approved
by the responsible coordinator (or the secretariat). Safe to run twice: a category that already has
an analysis for the period is left as it is."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from kedja.organisations.models import User
from kedja.reference.models import Country, Issue, PriorityPeriod
from kedja.reference.queries import responsibilities_in
from kedja.risk import actions
from kedja.risk.assessment import other_producers
from kedja.risk.data import RiskData
from kedja.risk.demo_analyses import ANALYSES
from kedja.risk.models import ItemOrigin, ItemReview, RiskAnalysis

PERIOD = "2023–2025"
NOTES = (
    "Underlag: kategoriråd, leverantörsdialoger och revisionsrapporter. Namn på underleverantörer "
    "finns i spårbarhetsuppgifterna och hålls utanför den publicerade sammanfattningen."
)


def _actor(letter: str | None) -> User | None:
    if letter == "H":
        return (
            User.objects.filter(email="stina@skane.demo").first()
            or User.objects.filter(email="sara@kansliet.demo").first()
        )
    return User.objects.filter(email="sara@kansliet.demo").first()


class _Builder:
    """Adds the curated items of one analysis; items the open data lists arrive as Kedja's proposals
    and are confirmed, the rest are added by people, as in a workshop."""

    def __init__(self, analysis: RiskAnalysis, user: User, data: RiskData):
        self.analysis, self.user, self.data = analysis, user, data
        self.issues = {i.code: i for i in Issue.objects.all()}
        self.countries = {c.iso3: c for c in Country.objects.all()}

    def stages(self, descriptions: dict[str, str]) -> None:
        for stage, description in descriptions.items():
            actions.add_stage(
                analysis=self.analysis,
                stage=stage,
                countries=[],
                description=description,
                acting_user=self.user,
            )

    def add(self, spec: dict) -> None:
        spec = dict(spec)
        stage_name, iso3, code = spec.pop("stage"), spec.pop("iso3"), spec.pop("issue")
        evidence = spec.pop("evidence", [])
        issue, country = self.issues.get(code), self.countries.get(iso3) if iso3 else None
        if issue is None or (iso3 and country is None):
            return  # a reduced reference set (tests) lacks this issue or country
        stage = actions.add_stage(
            analysis=self.analysis,
            stage=stage_name,
            countries=[country] if country else [],
            acting_user=self.user,
        )
        listed = self.data.ilab(spec.get("good", ""), iso3, issue.ilab_type)
        if listed:
            spec.update(
                origin=ItemOrigin.PROPOSED, proposal_reason=f"ILAB {spec['good']} – {iso3} ({listed})"
            )
        item = actions.add_item(
            analysis=self.analysis,
            stage=stage,
            issue=issue,
            country=country,
            acting_user=self.user,
            data=self.data,
            **spec,
        )
        if listed:
            actions.review_item(item=item, confirm=True, acting_user=self.user)
        for fact in evidence:
            values = {"credible": True, "is_open": True, "supplier_specific": True, **fact}
            values["dated"] = date.fromisoformat(values["dated"])
            actions.add_evidence(item=item, acting_user=self.user, **values)

    def propose_all(self) -> None:
        """For a category without curated content: map every producing country the open data names,
        as a workshop would on purpose, then confirm what the open data proposes there."""
        issues = set(self.issues)
        for row in other_producers(self.analysis.category, self.data, issues, {}):
            if row.iso3 in self.countries:
                actions.add_stage(
                    analysis=self.analysis,
                    stage=row.stage,
                    countries=[self.countries[row.iso3]],
                    acting_user=self.user,
                )
        for item in actions.propose_items(analysis=self.analysis, acting_user=self.user, data=self.data):
            actions.review_item(item=item, confirm=True, acting_user=self.user)


@transaction.atomic
def load() -> None:
    period = PriorityPeriod.objects.filter(name=PERIOD).first()
    if period is None:
        return
    data = RiskData.current()
    prioritised = sorted(
        (
            (category, resp.area.letter)
            for category, resp in responsibilities_in(period).items()
            if resp.prioritised and resp.area is not None
        ),
        key=lambda pair: (pair[1], pair[0].name_sv),
    )
    approved = []
    for category, letter in prioritised:
        user = _actor(letter)
        if user is None or RiskAnalysis.objects.filter(category=category, period=period).exists():
            continue
        analysis = actions.start_analysis(category=category, period=period, acting_user=user)
        builder = _Builder(analysis, user, data)
        content = ANALYSES.get(category.slug)
        if content:
            builder.stages(content["stages"])
            for spec in content["items"]:
                builder.add(spec)
        else:
            builder.propose_all()
        summary = content["summary"] if content else f"Riskanalys av {category.name_sv} ur öppna data."
        actions.update_analysis_texts(
            analysis=analysis, summary=summary, confidential_notes=NOTES, acting_user=user
        )
        if not analysis.items.filter(review=ItemReview.PROPOSED).exists():
            actions.approve_analysis(analysis=analysis, acting_user=user)
            approved.append((analysis, user))
    # All approved summaries are public but the last, which shows the preview before publication.
    for analysis, user in approved[:-1]:
        actions.publish_analysis(analysis=analysis, acting_user=user)
