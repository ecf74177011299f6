"""Small factories for follow-up tests: the reference and contract rows a case needs, nothing more."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kedja.contracts.models import Contract, Site, SiteType
from kedja.followup import actions
from kedja.followup.models import SiteAudit
from kedja.reference.models import (
    Category,
    CategoryResponsibility,
    CategoryStatus,
    CodeArea,
    Country,
    Issue,
    PriorityPeriod,
    Requirement,
    RequirementDocument,
    RequirementSection,
)

PROCESS_REQUIREMENTS = [
    ("pr1-policies", "1", "Policyer och ansvar", "Policies and responsibilities"),
    ("pr2-identify-assess", "2", "Identifiera och bedöma", "Identify and assess"),
    ("pr3-cause-contribute", "3", "Orsaka eller bidra", "Cause or contribute"),
    ("pr4-linked", "4", "Direkt kopplad", "Directly linked"),
    ("pr5-unknown", "5", "Processkrav 5", "Process requirement 5"),
    ("pr6-grievance", "6", "Klagomålsmekanism", "Grievance mechanism"),
    ("pr7-remediation", "7", "Gottgörelse", "Remediation"),
]
COMMITMENTS = [
    ("coc-human-rights", CodeArea.HUMAN_RIGHTS, "Mänskliga rättigheter", "Human rights"),
    ("coc-labour-rights", CodeArea.LABOUR_RIGHTS, "Arbetstagares rättigheter", "Workers' rights"),
    ("coc-environment", CodeArea.ENVIRONMENT, "Miljö", "Environment"),
    ("coc-business-ethics", CodeArea.BUSINESS_ETHICS, "Affärsetik", "Business ethics"),
]
ROUTINES = [
    ("r1-policy", "Policy", "Policy"),
    ("r2-responsibility", "Ansvarsfördelning", "Responsibility"),
    ("r3-risk-analysis", "Riskanalys", "Risk analysis"),
    ("r4-passing-on", "Vidareföring", "Passing on"),
    ("r5-follow-up", "Uppföljning", "Follow-up"),
    ("r6-deviations", "Avvikelsehantering", "Deviations"),
]


def _document(key: str, kind: str, level: str = "") -> RequirementDocument:
    doc, _ = RequirementDocument.objects.get_or_create(
        key=key, defaults={"kind": kind, "title_sv": key, "title_en": key, "version": "1", "level": level}
    )
    return doc


def _requirement(document, key: str, section: str, order: int, sv: str, en: str, **fields) -> None:
    Requirement.objects.get_or_create(
        document=document,
        key=key,
        defaults={"section": section, "title_sv": sv, "title_en": en, "order": order, **fields},
    )


def clause_2024() -> RequirementDocument:
    """`clause-2024` with PR1–PR7 and `code-of-conduct-2024` with its four commitments."""
    coc = _document("code-of-conduct-2024", "code_of_conduct")
    for order, (key, area, sv, en) in enumerate(COMMITMENTS, start=1):
        _requirement(coc, key, RequirementSection.COMMITMENT, order, sv, en, code_area=area)
    clause = _document("clause-2024", "contract_clause", "advanced_2024")
    for order, (key, number, sv, en) in enumerate(PROCESS_REQUIREMENTS, start=1):
        _requirement(
            clause,
            key,
            RequirementSection.PROCESS_REQUIREMENT,
            order,
            sv,
            en,
            number=number,
            is_placeholder=key == "pr5-unknown",
        )
    return clause


def terms_2013() -> RequirementDocument:
    _document("code-of-conduct-2013", "code_of_conduct")
    terms = _document("terms-2013", "contract_clause", "old_six_routines")
    for order, (key, sv, en) in enumerate(ROUTINES, start=1):
        _requirement(terms, key, RequirementSection.ROUTINE_REQUIREMENT, order, sv, en, number=str(order))
    return terms


def category(slug: str = "gloves", *, prioritised: bool = False) -> Category:
    cat, _ = Category.objects.get_or_create(
        slug=slug,
        defaults={
            "name_sv": f"Kategori {slug}",
            "name_en": f"Category {slug}",
            "status": CategoryStatus.CURRENT,
        },
    )
    if prioritised:
        period, _ = PriorityPeriod.objects.get_or_create(
            name="2023–2025", defaults={"starts_on": date(2023, 1, 1), "ends_on": date(2030, 12, 31)}
        )
        CategoryResponsibility.objects.get_or_create(
            period=period, category=cat, defaults={"prioritised": True}
        )
    return cat


def issue(
    code: str = "recruitment_fees", *, zero_tolerance: bool = False, scale: int = 4, irr: int = 2
) -> Issue:
    obj, _ = Issue.objects.get_or_create(
        code=code,
        defaults={
            "name_sv": code,
            "name_en": code.replace("_", " "),
            "area": CodeArea.LABOUR_RIGHTS,
            "zero_tolerance": zero_tolerance,
            "default_scale": scale,
            "default_irremediability": irr,
        },
    )
    return obj


def country(iso3: str = "MYS", name_en: str = "Malaysia", name_sv: str = "Malaysia") -> Country:
    obj, _ = Country.objects.get_or_create(iso3=iso3, defaults={"name_sv": name_sv, "name_en": name_en})
    return obj


def contract(
    supplier, regions, *, reference: str = "RS-2024-001", cat=None, clause=None, **params
) -> Contract:
    obj = Contract.objects.create(
        reference=reference,
        title=f"Contract {reference}",
        supplier=supplier,
        category=cat or category(),
        starts_on=date(2024, 1, 1),
        clause_version=clause or clause_2024(),
        **params,
    )
    obj.owning_regions.set(regions)
    return obj


def site(
    supplier, *, name: str = "Glove Factory Sdn Bhd", confidential: bool = True, iso3: str = "MYS"
) -> Site:
    return Site.objects.create(
        supplier=supplier,
        legal_name=name,
        address="Lot 7, Klang",
        country=country(iso3),
        tier=2,
        site_type=SiteType.FINAL_MANUFACTURING,
        is_confidential=confidential,
    )


def site_audit(
    personas,
    case,
    *,
    site_name: str = "Glove Factory Sdn Bhd",
    announcement: str = "announced",
    starts_in: int = 0,
    days: int = 1,
    reason: str = "Migrant workforce",
) -> SiteAudit:
    """Stina assigns Alva's firm an on-site audit of a new confidential site of supplier A."""
    starts_on = timezone.localdate() + timedelta(days=starts_in)
    return actions.assign_site_audit(
        acting_user=personas.stina,
        case=case,
        site=site(personas.supplier_a, name=site_name),
        audit_firm=personas.audit_firm,
        announcement=announcement,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=days),
        reason=reason,
    )


def deviation(personas, case, *, title: str = "Fees", code_area: str = "labour_rights", user=None, **details):
    """A deviation from a code-of-conduct area, recorded by Stina unless `user` is named."""
    return actions.record_finding(
        acting_user=user or personas.stina,
        case=case,
        kind="deviation",
        title=title,
        code_area=code_area,
        **details,
    )


def zero_tolerance_report(
    personas, contract, issue, *, days_ago: int = 0, user=None, facts: str = "Allegation", **details
):
    """Lev (unless `user` is named) reports a zero-tolerance deviation under `contract`, known for
    `days_ago` days, with "Investigation started" as the measures taken unless told otherwise."""
    return actions.file_zero_tolerance_report(
        acting_user=user or personas.lev,
        contract=contract,
        issue=issue,
        aware_since=timezone.localdate() - timedelta(days=days_ago),
        facts=facts,
        **({"measures_taken": "Investigation started"} | details),
    )


def verified_without_evidence(personas, action, *, note: str, reason: str):
    """Stina accepts `action` as done on what she saw herself, with no document (`reason` says why)."""
    return actions.verify_action(
        acting_user=personas.stina, action=action, accepted=True, note=note, no_evidence_reason=reason
    )


def corrective_action(
    personas, finding, *, description: str = "Repay", owner: str = "HR", deadline=None, **extra
):
    """Stina adds a corrective action to `finding`, due in 30 days unless `deadline` is given."""
    return actions.add_corrective_action(
        acting_user=personas.stina,
        finding=finding,
        description=description,
        owner=owner,
        deadline=deadline or timezone.localdate() + timedelta(days=30),
        **extra,
    )


def sanction(
    personas,
    case,
    contract,
    *,
    kind: str = "none",
    ground: str = "failure_to_report",
    days_ago: int = 3,
    **extra,
):
    """Stina decides a sanction (by default a warning) on a ground that arose `days_ago` days ago."""
    return actions.decide_sanction(
        acting_user=extra.pop("user", personas.stina),
        case=case,
        contract=contract,
        ground=ground,
        kind=kind,
        ground_since=extra.pop("ground_since", timezone.localdate() - timedelta(days=days_ago)),
        reason=extra.pop("reason", "Warning"),
        **extra,
    )


def policy_document(personas, case):
    """Lev answers that PR1's policy exists and uploads it (a tiny PDF) with the answer."""
    sheet = case.self_assessment
    actions.save_answers(acting_user=personas.lev, sheet=sheet, values={"pr1-policies-routine": "yes"})
    return actions.upload_answer_document(
        acting_user=personas.lev,
        sheet=sheet,
        question=sheet.questionnaire.questions.get(key="pr1-policies-document"),
        uploaded=SimpleUploadedFile("policy.pdf", b"%PDF-1.4 p", content_type="application/pdf"),
    )
