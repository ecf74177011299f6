"""Every URL pattern of the project, walked from the URL resolver as every persona: the expected
status of a GET comes from the one table below, so a new view without a rule fails this test.

Follow-up URLs are filled with a real case (step 3, with a finding, corrective action, remediation,
checklist row, site audit, sanction decision, summary and document); other apps' object URLs are
filled with an unknown UUID, which every persona must get as the same 404 (or the sign-in page)."""

import uuid as uuid_lib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

PERSONAS = ("sara", "olle", "stina", "vera", "lev", "lisa", "alva", None)


def walk(patterns=None, prefix="", namespace=""):
    """(full name, route with converters) for every named pattern, recursively."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", prefix + str(p.pattern), p


@pytest.fixture
def world(personas, step2_case, contract_a):
    """One follow-up case with every kind of child object a follow-up URL can name."""
    from kedja.followup import actions

    from . import factories

    case = step2_case
    request = actions.request_document(
        acting_user=personas.stina,
        audit=actions.open_office_audit(acting_user=personas.stina, case=case, product="Gloves"),
        description="Policy",
        deadline=timezone.localdate() + timedelta(days=9),
    )
    actions.conclude_office_audit(acting_user=personas.stina, case=case, outcome="escalate", reason="Risk")
    case.refresh_from_db()
    finding = factories.deviation(personas, case)
    action = factories.corrective_action(personas, finding)
    remediation = actions.record_remediation(
        acting_user=personas.stina, finding=finding, affected_group="Workers", description="Repay"
    )
    audit = factories.site_audit(personas, case, reason="Migrants")
    sanction = factories.sanction(personas, case, contract_a)
    question = case.self_assessment.questionnaire.questions.filter(qtype="document").first()
    actions.respond_to_action(
        acting_user=personas.lev,
        action=action,
        response="Done",
        uploaded=SimpleUploadedFile("e.pdf", b"%PDF-1.4 e"),
    )
    document = action.evidence.get()
    joint_task = actions.add_joint_task(
        acting_user=personas.stina,
        case=case,
        region=personas.stockholm,
        description="Interview",
        due_on=timezone.localdate() + timedelta(days=9),
    )
    from kedja.followup.models import PublishedSummary

    summary = PublishedSummary.objects.create(
        case=case, supplier_name="A", traffic_light="green", status="published", text_sv="x", text_en="x"
    )
    return {
        "case": case.uuid,
        "finding": finding.uuid,
        "action": action.uuid,
        "remediation": remediation.uuid,
        "checklist": case.office_audit.checklist.first().uuid,
        "audit": audit.uuid,
        "sanction": sanction.uuid,
        "document": document.uuid,
        "summary": summary.uuid,
        "joint_task": joint_task.uuid,
        "request": request.uuid,
        "supplier": personas.supplier_a.uuid,
        "question": question.key,
    }


# Which object a follow-up URL's <uuid> names (by the first path segment).
FOLLOWUP_OBJECT = {
    "cases": "case",
    "findings": "finding",
    "actions": "action",
    "remediations": "remediation",
    "checklist": "checklist",
    "audits": "audit",
    "sanctions": "sanction",
    "documents": "document",
    "summaries": "summary",
    "public": "summary",
    "suppliers": "supplier",
    "joint-tasks": "joint_task",
}
PORTAL_OBJECT = {
    "cases": "case",
    "actions": "action",
    "requests": "request",
    "findings": "finding",
    "remediations": "remediation",
}


def url_for(name, route, world) -> str:
    """A concrete path for a pattern: follow-up objects from `world`, elsewhere unknown ones."""
    from django.urls import reverse

    if "(?P<" in route or "^" in route:
        # Django admin's own regex patterns: its index answers for them (staff only).
        return "/" + route.split("(")[0].split("^")[0]
    parts = route.split("/")
    kwargs = {}
    for converter, key in __import__("re").findall(r"<(?:(\w+):)?(\w+)>", route):
        if converter == "uuid" or (converter is None and key == "uuid"):
            kwargs[key] = _uuid_for(name, parts, key, world)
        elif converter == "int":
            kwargs[key] = 1
        elif key == "question_key":
            kwargs[key] = world["question"]
        elif key == "name":
            kwargs[key] = "send"
        elif key == "fmt":
            kwargs[key] = "csv"
        elif key == "lang":
            kwargs[key] = "sv"
        else:
            kwargs[key] = "x"
    return reverse(name, kwargs=kwargs)


def _uuid_for(name, parts, key, world):
    if name.startswith("followup:") and key == "uuid":
        table = PORTAL_OBJECT if parts[1] == "portal" else FOLLOWUP_OBJECT
        segment = parts[2] if parts[1] == "portal" else parts[1]
        return world[table[segment]] if segment in table else uuid_lib.uuid4()
    return uuid_lib.uuid4()


def statuses(client_for, personas, world) -> dict[str, str]:
    found = {}
    clients = {name: client_for(getattr(personas, name) if name else None) for name in PERSONAS}
    for name, route, _pattern in walk():
        path = url_for(name, route, world)
        found[name] = " ".join(str(clients[p].get(path).status_code) for p in PERSONAS)
    return found


def test_every_url_answers_every_persona_as_the_table_says(personas, world, client_for):
    found = statuses(client_for, personas, world)
    missing = {name: found[name] for name in sorted(set(found) - set(EXPECTED))}
    assert not missing, f"URL patterns without a row in EXPECTED (add the rule for every persona): {missing}"
    wrong = {
        name: f"expected {EXPECTED[name]}, got {row}" for name, row in found.items() if EXPECTED[name] != row
    }
    assert not wrong, wrong


# GET status per persona, in the order of PERSONAS: Sara (secretariat), Olle (officer), Stina
# (strategist, lead region), Vera (viewer), Lev (supplier A, the case's supplier), Lisa (supplier B),
# Alva (auditor, the site audit's firm), anonymous. 200 shown, 302 sent to sign in (or elsewhere),
# 404 refused or unknown (the same answer), 405 POST-only.
EXPECTED = {
    "home": "200 200 200 200 200 200 200 200",
    "healthz": "200 200 200 200 200 200 200 200",
    "set_language": "302 302 302 302 302 302 302 302",
    "login": "302 302 302 302 302 302 302 200",
    "logout": "405 405 405 405 405 405 405 405",
    # Single sign-on is not configured in the tests' settings (test_sso.py configures it).
    "sso:start": "404 404 404 404 404 404 404 404",
    "sso:callback": "404 404 404 404 404 404 404 404",
    "password_change": "200 200 200 200 200 200 200 302",
    "password_change_done": "200 200 200 200 200 200 200 302",
    "password_reset": "200 200 200 200 200 200 200 200",
    "password_reset_done": "200 200 200 200 200 200 200 200",
    "password_reset_confirm": "200 200 200 200 200 200 200 200",
    "password_reset_complete": "200 200 200 200 200 200 200 200",
    "organisations:list": "200 200 200 200 200 200 200 302",
    "organisations:areas": "200 200 200 200 404 404 404 404",
    "organisations:detail": "404 404 404 404 404 404 404 302",
    "organisations:invite": "404 404 404 404 404 404 404 302",
    "organisations:officers_assess": "405 405 405 405 405 405 405 302",
    "organisations:membership_edit": "404 404 404 404 404 404 404 302",
    "organisations:membership_remove": "405 405 405 405 405 405 405 302",
    "organisations:membership_grievance_handler": "405 405 405 405 405 405 405 302",
    "reference:index": "200 200 200 200 200 200 200 302",
    "reference:code_of_conduct": "200 200 200 200 200 200 200 200",
    "reference:data_sources": "200 200 200 200 200 200 200 200",
    "reference:document_list": "200 200 200 200 200 200 200 302",
    "reference:document_detail": "404 404 404 404 404 404 404 302",
    "reference:document_compare": "404 404 404 404 404 404 404 302",
    "reference:document_new_version": "405 405 405 405 405 405 405 302",
    "reference:document_publish": "404 404 404 404 404 404 404 302",
    "reference:requirement_detail": "404 404 404 404 404 404 404 302",
    "reference:requirement_edit": "404 404 404 404 404 404 404 302",
    "reference:category_list": "200 200 200 200 404 404 404 302",
    "reference:category_detail": "404 404 404 404 404 404 404 302",
    "reference:cpv_list": "200 200 200 200 200 200 200 302",
    "reference:cpv_detail": "404 404 404 404 404 404 404 302",
    "reference:country_list": "200 200 200 200 200 200 200 302",
    "reference:issue_list": "200 200 200 200 200 200 200 302",
    "reference:ilo_list": "200 200 200 200 200 200 200 302",
    "contracts:contract_list": "200 200 200 200 200 200 404 302",
    "contracts:contract_create": "200 200 200 404 404 404 404 302",
    "contracts:contract_import": "200 200 200 404 404 404 404 302",
    "contracts:contract_import_confirm": "405 405 405 405 405 405 405 302",
    "contracts:contract_import_template": "200 200 200 404 404 404 404 302",
    "contracts:contract_detail": "404 404 404 404 404 404 404 302",
    "contracts:contract_edit": "404 404 404 404 404 404 404 302",
    "contracts:contract_clause_pdf": "404 404 404 404 404 404 404 302",
    "contracts:supply_chain": "404 404 404 404 404 404 404 302",
    "contracts:site_create": "404 404 404 404 404 404 404 302",
    "contracts:site_import": "404 404 404 404 404 404 404 302",
    "contracts:site_import_confirm": "405 405 405 405 405 405 405 302",
    "contracts:site_import_template": "404 404 404 404 404 404 404 302",
    "contracts:site_edit": "404 404 404 404 404 404 404 302",
    "contracts:site_remove": "405 405 405 405 405 405 405 302",
    "contracts:supplier_list": "200 200 200 200 200 200 404 302",
    "contracts:supplier_create": "200 200 200 404 404 404 404 302",
    "contracts:supplier_detail": "404 404 404 404 404 404 404 302",
    "contracts:supplier_edit": "404 404 404 404 404 404 404 302",
    "contracts:contact_create": "404 404 404 404 404 404 404 302",
    "contracts:contact_edit": "404 404 404 404 404 404 404 302",
    "contracts:contact_remove": "405 405 405 405 405 405 405 302",
    "risk:analysis_list": "200 200 200 200 200 200 200 200",
    "risk:analysis_start": "405 405 405 405 405 405 405 302",
    "risk:analysis_detail": "404 404 404 404 404 404 404 302",
    "risk:stage_add": "405 405 405 405 405 405 405 302",
    "risk:item_add": "405 405 405 405 405 405 405 302",
    "risk:analysis_propose": "405 405 405 405 405 405 405 302",
    "risk:proposals_review": "405 405 405 405 405 405 405 302",
    "risk:analysis_texts": "405 405 405 405 405 405 405 302",
    "risk:analysis_approve": "405 405 405 405 405 405 405 302",
    "risk:analysis_reopen": "405 405 405 405 405 405 405 302",
    "risk:analysis_summary": "404 404 404 404 404 404 404 404",
    "risk:analysis_publish": "404 404 404 404 404 404 404 302",
    "risk:version_detail": "404 404 404 404 404 404 404 302",
    "risk:analysis_export_xlsx": "404 404 404 404 404 404 404 302",
    "risk:analysis_export_pdf": "404 404 404 404 404 404 404 302",
    "risk:item_edit": "404 404 404 404 404 404 404 302",
    "risk:item_explain": "404 404 404 404 404 404 404 302",
    "risk:version_item_explain": "404 404 404 404 404 404 404 302",
    "risk:item_remove": "405 405 405 405 405 405 405 302",
    "risk:stage_remove": "405 405 405 405 405 405 405 302",
    "risk:evidence_add": "405 405 405 405 405 405 405 302",
    "risk:contract_risk": "404 404 404 404 404 404 404 302",
    "risk:contract_override": "405 405 405 405 405 405 405 302",
    "risk:contract_export_xlsx": "404 404 404 404 404 404 404 302",
    "risk:contract_export_pdf": "404 404 404 404 404 404 404 302",
    "risk:supplier_risk": "404 404 404 404 404 404 404 302",
    "risk:follow_up": "200 200 200 200 404 404 404 302",
    "risk:follow_up_start": "405 405 405 405 405 405 405 302",
    "risk:dataset_list": "200 200 200 200 200 200 200 200",
    "risk:edition_upload": "200 404 404 404 404 404 404 302",
    "risk:edition_preview": "404 404 404 404 404 404 404 302",
    "risk:edition_adopt": "405 405 405 405 405 405 405 302",
    "risk:analysis_rescore": "405 405 405 405 405 405 405 302",
    "risk:country_list": "200 200 200 200 200 200 200 200",
    "risk:country_detail": "404 404 404 404 404 404 404 404",
    "risk:good_detail": "404 404 404 404 404 404 404 404",
    "risk:spend_screening": "200 200 200 200 403 403 403 302",
    "risk:spend_result": "404 404 404 404 403 403 403 302",
    "risk:spend_accounts": "200 200 200 200 403 403 403 302",
    "risk:spend_account_remove": "405 405 405 405 405 405 405 302",
    "risk:spend_mapping": "404 404 404 404 403 403 403 302",
    "risk:spend_share": "405 405 405 405 405 405 405 302",
    "risk:spend_export_csv": "404 404 404 404 403 403 403 302",
    "risk:spend_export_xlsx": "404 404 404 404 403 403 403 302",
    "followup:case_list": "200 200 200 200 302 302 302 302",
    "followup:dashboard": "200 200 200 200 302 302 302 302",
    "followup:case_start": "404 404 404 404 404 404 404 302",
    "followup:bulk_start": "200 404 404 404 404 404 404 302",
    "followup:case_detail": "200 200 200 200 302 404 404 302",
    "followup:case_transition": "405 405 405 405 405 405 405 302",
    "followup:note_add": "405 405 405 405 405 405 405 302",
    "followup:case_edit": "200 404 200 404 404 404 404 302",
    # A joint case's split: the lead's case team changes it (Olle's region only takes part).
    "followup:joint_task_add": "200 404 200 404 404 404 404 302",
    "followup:cost_split_edit": "200 404 200 404 404 404 404 302",
    "followup:joint_task_done": "405 405 405 405 405 405 405 302",
    "followup:joint_task_remove": "405 405 405 405 405 405 405 302",
    # The case file: the case team only (Olle's region takes part in the case).
    "followup:case_file_pdf": "200 200 200 404 404 404 404 302",
    "followup:case_file_zip": "200 200 200 404 404 404 404 302",
    "followup:step1_review": "200 404 200 404 404 404 404 302",
    "followup:step1_conclude": "405 405 405 405 405 405 405 302",
    "followup:finding_add": "200 404 200 404 404 404 404 302",
    "followup:office_audit": "200 200 200 200 404 404 404 302",
    "followup:office_audit_add": "405 405 405 405 405 405 405 302",
    "followup:office_audit_conclude": "405 405 405 405 405 405 405 302",
    "followup:checklist_update": "405 405 405 405 405 405 405 302",
    "followup:site_audit_add": "200 404 200 404 404 404 404 302",
    "followup:traceability_site_add": "405 405 405 405 405 405 405 302",
    "followup:sanction_add": "200 404 200 404 404 404 404 302",
    "followup:sanction_correct": "200 404 200 404 404 404 404 302",
    "followup:sanction_withdraw": "405 405 405 405 405 405 405 302",
    "followup:sanction_stop_end": "405 405 405 405 405 405 405 302",
    "followup:summary_edit": "200 404 200 404 404 404 404 302",
    "followup:summary_publish": "405 405 405 405 405 405 405 302",
    "followup:summary_withdraw": "405 405 405 405 405 405 405 302",
    "followup:summary_preview_pdf": "200 404 200 404 404 404 404 302",
    "followup:finding_detail": "200 200 200 200 404 404 404 302",
    "followup:action_add": "405 405 405 405 405 405 405 302",
    "followup:remediation_add": "405 405 405 405 405 405 405 302",
    "followup:remediation_status": "405 405 405 405 405 405 405 302",
    "followup:action_verify": "405 405 405 405 405 405 405 302",
    "followup:plan_review": "405 405 405 405 405 405 405 302",
    "followup:portal_plan": "404 404 404 404 200 404 404 302",
    "followup:portal_remedy_report": "405 405 405 405 405 405 405 302",
    "followup:supplier_history": "200 200 200 200 404 404 404 302",
    "followup:reuse_decide": "405 405 405 405 405 405 405 302",
    "followup:document_download": "200 404 200 404 200 404 404 302",
    "followup:auditor_home": "200 200 200 200 200 200 200 302",
    "followup:site_audit_detail": "200 200 200 200 404 404 200 302",
    "followup:site_audit_finding": "405 405 405 405 405 405 405 302",
    "followup:site_audit_report": "405 405 405 405 405 405 405 302",
    "followup:site_audit_import": "405 405 405 405 405 405 405 302",
    "followup:import_template": "200 200 200 200 200 200 200 200",
    "followup:portal_home": "404 404 404 404 200 200 404 302",
    "followup:portal_case": "404 404 404 404 200 404 404 302",
    "followup:portal_upload": "405 405 405 405 405 405 405 302",
    "followup:portal_respond": "405 405 405 405 405 405 405 302",
    "followup:portal_request_upload": "405 405 405 405 405 405 405 302",
    "followup:portal_summary_comment": "405 405 405 405 405 405 405 302",
    "followup:portal_zero_tolerance": "404 404 404 404 200 200 404 302",
    "followup:public_list": "200 200 200 200 200 200 200 200",
    "followup:public_detail": "200 200 200 200 200 200 200 200",
    "followup:public_pdf": "200 200 200 200 200 200 200 200",
    "plans:division": "200 200 200 200 404 404 404 302",
    "plans:period_detail": "404 404 404 404 404 404 404 302",
    "plans:decide": "200 404 404 404 404 404 404 302",
    "plans:contact_assign": "200 200 200 404 404 404 404 302",
    "plans:plan_list": "200 200 200 200 404 404 404 302",
    "plans:plan_create": "404 404 404 404 404 404 404 302",
    "plans:plan_detail": "404 404 404 404 404 404 404 302",
    "plans:plan_edit": "404 404 404 404 404 404 404 302",
    "plans:plan_add_part": "405 405 405 405 405 405 405 302",
    "plans:plan_approve": "405 405 405 405 405 405 405 302",
    "plans:plan_reopen": "405 405 405 405 405 405 405 302",
    "plans:hours_report": "404 404 404 404 404 404 404 302",
    "plans:activity_detail": "404 404 404 404 404 404 404 302",
    "plans:activity_remove": "405 405 405 405 405 405 405 302",
    "plans:activity_progress": "405 405 405 405 405 405 405 302",
    "plans:year_list": "200 200 200 200 404 404 404 302",
    "plans:year_detail": "404 404 404 404 404 404 404 302",
    "plans:screening_proposals": "404 404 404 404 404 404 404 302",
    "plans:follow_up_proposals": "200 200 200 404 404 404 404 302",
    "plans:proposal_add": "405 405 405 405 405 405 405 302",
    "plans:proposal_withdraw": "405 405 405 405 405 405 405 302",
    "plans:entry_edit": "404 404 404 404 404 404 404 302",
    "plans:year_launch": "405 405 405 405 405 405 405 302",
    "plans:year_transition": "405 405 405 405 405 405 405 302",
    "training:index": "200 200 200 200 404 404 404 302",
    "training:case_create": "200 404 200 404 404 404 404 302",
    "training:case_detail": "404 404 404 404 404 404 404 302",
    "training:new_version": "405 405 405 405 405 405 405 302",
    "training:version_edit": "404 404 404 404 404 404 404 302",
    "training:chain_edit": "404 404 404 404 404 404 404 302",
    "training:question_add": "404 404 404 404 404 404 404 302",
    "training:question_edit": "404 404 404 404 404 404 404 302",
    "training:question_delete": "405 405 405 405 405 405 405 302",
    "training:publish": "405 405 405 405 405 405 405 302",
    "training:session_start": "405 405 405 405 405 405 405 302",
    "training:study_start": "405 405 405 405 405 405 405 302",
    "training:facilitate": "404 404 404 404 404 404 404 302",
    "training:live": "404 404 404 404 404 404 404 302",
    "training:control": "405 405 405 405 405 405 405 302",
    "training:summary": "404 404 404 404 404 404 404 302",
    "training:export_csv": "404 404 404 404 404 404 404 302",
    "training:join": "200 200 200 200 200 200 200 200",
    "training:join_code": "200 200 200 200 200 200 200 200",
    "training:play": "404 404 404 404 404 404 404 404",
    "training:answer": "405 405 405 405 405 405 405 405",
    "training:study_history": "200 200 200 200 404 404 404 302",
    "training:attempt": "404 404 404 404 404 404 404 302",
    "training:feedback": "404 404 404 404 404 404 404 302",
    "reports:audit_log": "200 404 404 404 404 404 404 302",
    "reports:audit_log_export": "200 404 404 404 404 404 404 302",
    "reports:dashboard": "200 200 200 200 404 404 404 302",
    "reports:dataset_csv": "404 404 404 404 404 404 404 302",
    "reports:region": "404 404 404 404 404 404 404 302",
    "reports:report_list": "200 200 200 200 404 404 404 302",
    "reports:report_detail": "404 404 404 404 404 404 404 302",
    "reports:report_download": "404 404 404 404 404 404 404 302",
    "api:openapi-json": "200 200 200 200 200 200 200 200",
    "api:openapi-view": "200 200 200 200 200 200 200 200",
    "api:me": "200 200 200 200 200 200 200 401",
    "api:countries": "200 200 200 200 200 200 200 401",
    "api:categories": "200 200 200 200 200 200 200 401",
    "api:cpv_codes": "200 200 200 200 200 200 200 401",
    "api:supplier_list": "200 200 200 200 200 200 404 401",
    "api:supplier_detail": "422 422 422 422 422 422 422 401",
    "api:contract_list": "200 200 200 200 200 200 404 401",
    "api:contract_create": "200 200 200 200 200 200 404 401",
    "api:contract_detail": "422 422 422 422 422 422 422 401",
    "api:contract_update": "422 422 422 422 422 422 422 401",
    "api:contract_sites": "422 422 422 422 422 422 422 401",
    "api:ocds_releases": "200 200 200 200 200 200 404 401",
    "api:ocds_import": "405 405 405 405 405 405 405 405",
    "api:ocds_extension": "200 200 200 200 200 200 200 200",
    "api:ocds_extension_schema": "200 200 200 200 200 200 200 200",
    "api:case_list": "200 200 200 200 200 200 200 401",
    "api:case_detail": "422 422 422 422 422 422 422 401",
    "api:summary_list": "200 200 200 200 200 200 200 200",
    "api:summary_detail": "422 422 422 422 422 422 422 422",
    "api:analysis_list": "200 200 200 200 200 200 200 401",
    "api:analysis_detail": "422 422 422 422 422 422 422 401",
    "api:published_list": "200 200 200 200 200 200 200 200",
    "api:api-root": "404 404 404 404 404 404 404 404",
    "tokens:list": "200 200 200 200 200 200 200 302",
    "tokens:revoke": "405 405 405 405 405 405 405 302",
    "notifications:preferences": "200 200 200 200 200 200 200 302",
    "notifications:undelivered": "200 404 404 404 404 404 404 302",
    # One section of the inbox in full; "x" names no section of anyone's inbox.
    "notifications:inbox_section": "404 404 404 404 404 404 404 302",
    "grievance:start": "302 302 302 302 302 302 302 302",
    "watchlists:alert_list": "200 200 200 200 404 404 404 302",
    "watchlists:edition_list": "200 200 200 200 404 404 404 302",
    "watchlists:edition_load": "200 404 404 404 404 404 404 302",
    "watchlists:screen_now": "405 405 405 405 405 405 405 302",
    "watchlists:alert_detail": "404 404 404 404 404 404 404 302",
    "watchlists:accept_follow_up": "405 405 405 405 405 405 405 302",
    "grievance:handler_list": "200 404 404 404 404 404 404 302",
    "grievance:statistics": "200 404 404 404 404 404 404 302",
    "grievance:handler_detail": "404 404 404 404 404 404 404 302",
    "grievance:handler_do": "405 405 405 405 405 405 405 302",
    "grievance:attachment": "404 404 404 404 404 404 404 302",
    "grievance:supplier_requests": "404 404 404 404 200 200 404 302",
    "grievance:supplier_respond": "404 404 404 404 404 404 404 302",
    "grievance:report": "200 200 200 200 200 200 200 200",
    "grievance:receipt": "302 302 302 302 302 302 302 302",
    "grievance:follow": "200 200 200 200 200 200 200 200",
    "grievance:reporter_view": "302 302 302 302 302 302 302 302",
    "grievance:leave": "405 405 405 405 405 405 405 405",
    "admin:index": "302 302 302 302 302 302 302 302",
    "admin:login": "200 200 200 200 200 200 200 200",
    "admin:logout": "302 302 302 302 302 302 302 302",
    "admin:password_change": "302 302 302 302 302 302 302 302",
    "admin:password_change_done": "302 302 302 302 302 302 302 302",
    "admin:autocomplete": "302 302 302 302 302 302 302 302",
    "admin:jsi18n": "302 302 302 302 302 302 302 302",
    "admin:view_on_site": "302 302 302 302 302 302 302 302",
    "admin:auth_group_changelist": "302 302 302 302 302 302 302 302",
    "admin:auth_group_add": "302 302 302 302 302 302 302 302",
    "admin:auth_group_history": "302 302 302 302 302 302 302 302",
    "admin:auth_group_delete": "302 302 302 302 302 302 302 302",
    "admin:auth_group_change": "302 302 302 302 302 302 302 302",
    "admin:core_auditentry_changelist": "302 302 302 302 302 302 302 302",
    "admin:core_auditentry_add": "302 302 302 302 302 302 302 302",
    "admin:core_auditentry_history": "302 302 302 302 302 302 302 302",
    "admin:core_auditentry_delete": "302 302 302 302 302 302 302 302",
    "admin:core_auditentry_change": "302 302 302 302 302 302 302 302",
    "admin:django_tasks_database_dbtaskresult_changelist": "302 302 302 302 302 302 302 302",
    "admin:django_tasks_database_dbtaskresult_add": "302 302 302 302 302 302 302 302",
    "admin:django_tasks_database_dbtaskresult_history": "302 302 302 302 302 302 302 302",
    "admin:django_tasks_database_dbtaskresult_delete": "302 302 302 302 302 302 302 302",
    "admin:django_tasks_database_dbtaskresult_change": "302 302 302 302 302 302 302 302",
    "admin:organisations_user_changelist": "302 302 302 302 302 302 302 302",
    "admin:organisations_user_add": "302 302 302 302 302 302 302 302",
    "admin:organisations_user_history": "302 302 302 302 302 302 302 302",
    "admin:organisations_user_delete": "302 302 302 302 302 302 302 302",
    "admin:organisations_user_change": "302 302 302 302 302 302 302 302",
    "admin:organisations_organisation_changelist": "302 302 302 302 302 302 302 302",
    "admin:organisations_organisation_add": "302 302 302 302 302 302 302 302",
    "admin:organisations_organisation_history": "302 302 302 302 302 302 302 302",
    "admin:organisations_organisation_delete": "302 302 302 302 302 302 302 302",
    "admin:organisations_organisation_change": "302 302 302 302 302 302 302 302",
    "admin:organisations_procurementarea_changelist": "302 302 302 302 302 302 302 302",
    "admin:organisations_procurementarea_add": "302 302 302 302 302 302 302 302",
    "admin:organisations_procurementarea_history": "302 302 302 302 302 302 302 302",
    "admin:organisations_procurementarea_delete": "302 302 302 302 302 302 302 302",
    "admin:organisations_procurementarea_change": "302 302 302 302 302 302 302 302",
    "admin:organisations_areamembership_changelist": "302 302 302 302 302 302 302 302",
    "admin:organisations_areamembership_add": "302 302 302 302 302 302 302 302",
    "admin:organisations_areamembership_history": "302 302 302 302 302 302 302 302",
    "admin:organisations_areamembership_delete": "302 302 302 302 302 302 302 302",
    "admin:organisations_areamembership_change": "302 302 302 302 302 302 302 302",
    "admin:organisations_membership_changelist": "302 302 302 302 302 302 302 302",
    "admin:organisations_membership_add": "302 302 302 302 302 302 302 302",
    "admin:organisations_membership_history": "302 302 302 302 302 302 302 302",
    "admin:organisations_membership_delete": "302 302 302 302 302 302 302 302",
    "admin:organisations_membership_change": "302 302 302 302 302 302 302 302",
    "admin:organisations_areacoordinatorship_changelist": "302 302 302 302 302 302 302 302",
    "admin:organisations_areacoordinatorship_add": "302 302 302 302 302 302 302 302",
    "admin:organisations_areacoordinatorship_history": "302 302 302 302 302 302 302 302",
    "admin:organisations_areacoordinatorship_delete": "302 302 302 302 302 302 302 302",
    "admin:organisations_areacoordinatorship_change": "302 302 302 302 302 302 302 302",
    "admin:app_list": "302 302 302 302 302 302 302 302",
    "api:site_create": "422 422 422 422 422 422 422 401",
    "api:site_update": "405 405 405 405 405 405 405 405",
    "contracts:ocds_import": "200 200 200 404 404 404 404 302",
    "contracts:ocds_import_confirm": "405 405 405 405 405 405 405 302",
    "followup:portal_answer": "404 404 404 404 404 404 404 302",
    "followup:portal_answer_documents": "405 405 405 405 405 405 405 302",
    "followup:portal_request": "404 404 404 404 404 404 404 302",
    # An invitation link is its own key (anyone holding it may open it); an unknown one is 404.
    "followup:invitation_open": "404 404 404 404 404 404 404 404",
    "followup:invitation_password": "404 404 404 404 404 404 404 404",
    "followup:portal_request_confirm": "405 405 405 405 405 405 405 302",
    "followup:portal_request_update": "405 405 405 405 405 405 405 302",
    "suppliers:document_archive": "405 405 405 405 405 405 405 302",
    "suppliers:document_download": "404 404 404 404 404 404 404 302",
    "suppliers:library": "404 404 404 404 200 200 404 302",
    "suppliers:own_profile": "404 404 404 404 200 200 404 302",
    "suppliers:profile": "404 404 404 404 404 404 404 302",
}
