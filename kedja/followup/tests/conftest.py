"""Fixtures of the follow-up tests: a contract, a questionnaire and cases at given steps."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kedja.followup import actions, answer_queries
from kedja.followup.models import FollowUpCase

from . import factories
from .migrating import migrate_to_latest


@pytest.fixture(autouse=True)
def no_comment_period(settings):
    """Most tests publish at once; tests of the supplier's comment period set their own number."""
    settings.KEDJA_SUMMARY_COMMENT_DAYS = 0


@pytest.fixture
def clause(db):
    return factories.clause_2024()


@pytest.fixture
def questionnaire(personas, clause):
    return actions.build_questionnaire(acting_user=personas.sara, clause=clause)


@pytest.fixture
def contract_a(personas, clause):
    """Supplier A's contract, owned by Region Skåne (Stina's region) and Region Stockholm."""
    return factories.contract(
        personas.supplier_a,
        [personas.skane, personas.stockholm],
        clause=clause,
        penalty_per_week_sek=10000,
        penalty_cap_weeks=10,
        reporting_deadline_days=14,
        is_framework_agreement=True,
        call_off_stop_months=3,
    )


@pytest.fixture
def case_a(personas, contract_a) -> FollowUpCase:
    """A draft case led by Region Skåne for supplier A."""
    return actions.start_case_from_contract(
        acting_user=personas.stina, contract=contract_a, lead=personas.skane
    )


@pytest.fixture
def sent_case(personas, case_a, questionnaire, django_capture_on_commit_callbacks) -> FollowUpCase:
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_self_assessment(
            acting_user=personas.stina,
            case=case_a,
            questionnaire=questionnaire,
            deadline=timezone.localdate() + timedelta(days=30),
        )
    case_a.refresh_from_db()
    return case_a


def answer_everything(case, user, value="yes", *, skip: tuple[str, ...] = ()):
    """Answer every question of the sheet the simple way (documents as a tiny PDF), except those
    whose key starts with one of `skip` (a browser test answers them by hand)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    sheet = case.answer_request.self_assessment
    values = {}
    for q in sheet.questionnaire.questions.all():
        if skip and q.key.startswith(skip):
            continue
        values[q.key] = {
            "yes_no": value,
            "text": "We do.",
            "number": "3",
            "date": "2024-05-01",
            "single": q.choices[0]["value"] if q.choices else "",
            "multiple": [q.choices[0]["value"]] if q.choices else [],
        }.get(q.qtype)
    values = {k: v for k, v in values.items() if v is not None}
    actions.save_answers(acting_user=user, sheet=sheet, values=values)
    for q in answer_queries.visible_questions(sheet):
        if q.qtype == "document" and not (skip and q.key.startswith(skip)):
            actions.upload_answer_document(
                acting_user=user,
                sheet=sheet,
                question=q,
                uploaded=SimpleUploadedFile("policy.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
            )


def answer_and_submit(case, user, value="yes") -> None:
    """Answer the case's open request as in answer_everything and submit it; the case is reloaded."""
    answer_everything(case, user, value)
    actions.submit_self_assessment(acting_user=user, sheet=case.self_assessment)
    case.refresh_from_db()


def assert_sending_refused(personas, contracts, match: str) -> None:
    """Region Skåne's case of supplier A over `contracts` cannot be sent: the error says `match`."""
    case = actions.start_case_for_supplier(
        acting_user=personas.stina, supplier=personas.supplier_a, lead=personas.skane, contracts=contracts
    )
    with translation.override("en"), pytest.raises(ValidationError, match=match):
        actions.send_self_assessment(
            acting_user=personas.stina, case=case, deadline=timezone.localdate() + timedelta(days=30)
        )


@pytest.fixture
def submitted_case(personas, sent_case) -> FollowUpCase:
    answer_and_submit(sent_case, personas.lev)
    return sent_case


@pytest.fixture
def assessed_case(personas, submitted_case) -> FollowUpCase:
    sheet = submitted_case.self_assessment
    ratings = {
        a.requirement_id: (a.proposal or "fulfilled", "Internal: looks fine") for a in sheet.assessments.all()
    }
    actions.assess_requirements(
        acting_user=personas.stina, case=submitted_case, ratings=ratings, version=sheet.review_version
    )
    actions.conclude_step1(
        acting_user=personas.stina,
        case=submitted_case,
        recommendation="escalate",
        reason="Gloves are a high-risk product.",
        override_reason="Gloves are a high-risk product.",
    )
    submitted_case.refresh_from_db()
    return submitted_case


@pytest.fixture
def step2_case(personas, assessed_case) -> FollowUpCase:
    actions.escalate_to_step2(
        acting_user=personas.stina, case=assessed_case, reason="High-risk product", product="Nitrile gloves"
    )
    assessed_case.refresh_from_db()
    return assessed_case


@pytest.fixture
def step3_case(personas, step2_case) -> FollowUpCase:
    actions.open_office_audit(acting_user=personas.stina, case=step2_case, product="Nitrile gloves")
    actions.conclude_office_audit(
        acting_user=personas.stina,
        case=step2_case,
        outcome="escalate",
        reason="Migrant workforce at the dipping site.",
    )
    step2_case.refresh_from_db()
    return step2_case


def submit_in_browser(page, form: str = "main form") -> None:
    """Submit the first form the selector `form` finds on the page, and wait for the answer."""
    page.locator(f"{form} button[type=submit]").first.click()
    page.wait_for_load_state()


def post_in_browser(page, action_part: str) -> None:
    """Submit the first form on the page whose action contains `action_part`, and wait for the answer."""
    submit_in_browser(page, f"form[action*='{action_part}']")


def answer_policy_in_browser(page, applied: str) -> None:
    """On the supplier's open answer page: the policy routine answered "yes" and saved, which shows
    the follow-up questions; then how the policy is applied and its adoption date, saved."""
    page.select_option("#id_q_pr1-policies-routine", "yes")
    page.click("button[name=save]")
    page.wait_for_load_state()
    page.fill("#id_q_pr1-policies-applied", applied)
    page.fill("#id_q_pr1-policies-adopted-on", "2024-03-01")
    page.click("button[name=save]")
    page.wait_for_load_state()


def upload_policy_in_browser(page, path, **fields: str) -> None:
    """On the supplier's open answer page: a PDF at `path` uploaded to the library from the policy
    document question, with the upload form's other `fields` (by name, without the prefix)."""
    path.write_bytes(b"%PDF-1.4 policy")
    card = page.locator("#doc-pr1-policies-document")
    card.locator("summary").click()
    upload = card.locator("form[enctype='multipart/form-data']")
    upload.locator("input[type=file]").set_input_files(str(path))
    for name, value in fields.items():
        upload.locator(f"input[name='new-{name}']").fill(value)
    upload.locator("button[type=submit]").click()
    page.wait_for_load_state()


@pytest.fixture
def back_to_latest():
    """Later tests in the same run need the schema every migration makes, whatever a data
    migration's test migrated back to."""
    yield
    migrate_to_latest()
