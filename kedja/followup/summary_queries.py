"""The publishable facts of a closed case, from which its published summary is built (docs/domain-rules.md §6)."""

from django.utils.translation import override

from kedja.reference.models import CodeArea

from .models import FindingKind, FollowUpCase
from .queries import compute_light

STEP_TYPES = {1: "self_assessment", 2: "office_audit", 3: "site_audit"}


def _area_label(code: str, language: str) -> str:
    if code not in CodeArea.values:
        return ""
    with override(language):
        return str(CodeArea(code).label)


def summary_fields(case: FollowUpCase) -> dict[str, object]:
    """The publishable facts of a closed case. Only these fields ever reach the public page:
    no site names or addresses, no personal data, no evidence, no internal notes."""
    steps: list[dict[str, str | int]] = []
    sheet = case.self_assessment
    if sheet is not None:
        steps.append(
            {
                "step": 1,
                "type": STEP_TYPES[1],
                "date": (sheet.submitted_at or sheet.created_at).date().isoformat(),
                "auditor": "",
            }
        )
    if hasattr(case, "office_audit"):
        office = case.office_audit
        steps.append(
            {
                "step": 2,
                "type": STEP_TYPES[2],
                "date": (office.held_on or office.created_at.date()).isoformat(),
                "auditor": office.audit_firm.name if office.audit_firm else "",
            }
        )
    site_audits = list(case.site_audits.select_related("site__country", "audit_firm"))
    for audit in site_audits:
        steps.append(
            {
                "step": 3,
                "type": STEP_TYPES[3],
                "date": audit.starts_on.isoformat(),
                "auditor": audit.audit_firm.name,
            }
        )
    countries: list[dict[str, str]] = []
    for audit in site_audits:
        if audit.site.country and audit.site.country.name_sv not in {c["sv"] for c in countries}:
            countries.append({"sv": audit.site.country.name_sv, "en": audit.site.country.name_en})
    findings = list(case.findings.select_related("requirement", "issue"))
    clause = next((c.clause_version for c in case.contracts.select_related("clause_version")), None)
    light = compute_light(case)
    return {
        "supplier_name": case.supplier.name,
        "category_sv": case.category.name_sv if case.category else "",
        "category_en": case.category.name_en if case.category else "",
        "products": case.products,
        "clause_version": clause.title_sv if clause else "",
        "steps": steps,
        "site_countries": countries,
        "site_audit_reason": "",
        "findings": [
            {
                "kind": f.kind,
                "zero_tolerance": f.is_zero_tolerance,
                "issue_sv": f.issue.name_sv if f.issue else "",
                "issue_en": f.issue.name_en if f.issue else "",
                "area_sv": _area_label(f.code_area, "sv"),
                "area_en": _area_label(f.code_area, "en"),
                "requirement": f.requirement.number if f.requirement else "",
                "requirement_title_sv": f.requirement.title_sv if f.requirement else "",
                "requirement_title_en": f.requirement.title_en if f.requirement else "",
                "area": f.code_area,
                "status": f.status,
                "deadline": f.deadline.isoformat() if f.deadline else "",
                "closed_on": f.closed_on.isoformat() if f.closed_on else "",
            }
            for f in findings
        ],
        "deviations": sum(f.kind == FindingKind.DEVIATION for f in findings),
        "observations": sum(f.kind == FindingKind.OBSERVATION for f in findings),
        "positives": sum(f.kind == FindingKind.POSITIVE for f in findings),
        "traffic_light": light.colour,
        "light_reasons": [reason.as_json() for reason in light.reasons],
        "closed_on": case.closed_on,
    }
