from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kedja.followup import actions, answer_queries, tasks
from kedja.followup.models import CaseStatus, QuestionType, Rating

from . import factories
from .conftest import answer_and_submit, answer_everything


def test_questionnaire_is_built_from_the_clause_with_all_question_types(questionnaire):
    questions = list(questionnaire.questions.select_related("requirement"))
    keys = {q.requirement.key for q in questions}
    assert {"pr1-policies", "pr7-remediation", "coc-labour-rights"} <= keys
    assert {q.qtype for q in questions} == set(QuestionType.values)
    dependent = next(q for q in questions if q.key == "pr1-policies-document")
    assert dependent.depends_on.key == "pr1-policies-routine" and dependent.depends_value == "yes"
    assert next(q for q in questions if q.key == "pr7-remediation-routine").allow_not_applicable


def test_new_version_replaces_the_active_one(personas, questionnaire, clause):
    second = actions.build_questionnaire(acting_user=personas.sara, clause=clause)
    questionnaire.refresh_from_db()
    assert second.version == 2 and second.is_active and not questionnaire.is_active


def test_six_routines_version(personas):
    q = actions.build_questionnaire(acting_user=personas.sara, clause=factories.terms_2013())
    assert q.questions.filter(requirement__key="r6-deviations").exists()


def test_only_secretariat_builds_questionnaires(personas, clause):
    with pytest.raises(PermissionDenied):
        actions.build_questionnaire(acting_user=personas.stina, clause=clause)


def test_invitation_mail_goes_to_the_supplier_contacts(personas, sent_case):
    assert sent_case.status == CaseStatus.STEP1_SENT
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [personas.lev.email]
    assert f"/followup/invitations/{sent_case.answer_request.invitations.get().uuid}/" in mail.outbox[0].body


def test_dependent_questions_appear_only_after_the_answer(personas, sent_case):
    sheet = sent_case.self_assessment
    shown = {q.key for q in answer_queries.visible_questions(sheet)}
    assert "pr1-policies-document" not in shown
    actions.save_answers(
        acting_user=personas.lev, sheet=sent_case.self_assessment, values={"pr1-policies-routine": "yes"}
    )
    assert "pr1-policies-document" in {q.key for q in answer_queries.visible_questions(sheet)}


def test_bad_answers_change_nothing(personas, sent_case):
    with pytest.raises(ValidationError) as error:
        actions.save_answers(
            acting_user=personas.lev,
            sheet=sent_case.self_assessment,
            values={"pr1-policies-routine": "yes", "pr2-identify-assess-risk-suppliers": "many"},
        )
    assert "pr2-identify-assess-risk-suppliers" in error.value.message_dict
    assert not sent_case.self_assessment.answers.exists()


def test_not_applicable_needs_a_reason_and_permission(personas, sent_case):
    for refused in ({"pr1-policies-routine": "n/a"}, {"pr7-remediation-routine": " "}):
        with pytest.raises(ValidationError):
            actions.save_answers(
                acting_user=personas.lev, sheet=sent_case.self_assessment, values={}, not_applicable=refused
            )
    actions.save_answers(
        acting_user=personas.lev,
        sheet=sent_case.self_assessment,
        values={},
        not_applicable={"pr7-remediation-routine": "We neither cause nor contribute."},
    )
    assert sent_case.self_assessment.answers.get(question__key="pr7-remediation-routine").not_applicable


def test_other_supplier_cannot_answer(personas, sent_case):
    with pytest.raises(PermissionDenied):
        actions.save_answers(
            acting_user=personas.lisa, sheet=sent_case.self_assessment, values={"pr1-policies-routine": "yes"}
        )


def test_submit_requires_required_answers_then_prefills_proposals(personas, sent_case):
    with pytest.raises(ValidationError):
        actions.submit_self_assessment(acting_user=personas.lev, sheet=sent_case.self_assessment)
    answer_and_submit(sent_case, personas.lev)
    sheet = sent_case.self_assessment
    assert sent_case.status == CaseStatus.STEP1_SUBMITTED and sheet.submitted_by == personas.lev
    proposals = {a.requirement.key: a.proposal for a in sheet.assessments.select_related("requirement")}
    assert proposals["pr1-policies"] == Rating.FULFILLED
    with pytest.raises(ValidationError):
        actions.save_answers(
            acting_user=personas.lev, sheet=sent_case.self_assessment, values={"pr1-policies-routine": "no"}
        )


def test_proposal_reflects_no_answers(personas, sent_case):
    answer_everything(sent_case, personas.lev, value="no")
    actions.submit_self_assessment(acting_user=personas.lev, sheet=sent_case.self_assessment)
    proposals = {
        a.requirement.key: a.proposal
        for a in sent_case.self_assessment.assessments.select_related("requirement")
    }
    assert proposals["pr1-policies"] == Rating.NOT_FULFILLED
    assert proposals["pr2-identify-assess"] == Rating.PARTLY  # the number of risk suppliers still matches


def test_conclusion_needs_all_ratings_and_the_assessor_role(personas, submitted_case):
    with pytest.raises(PermissionDenied):
        actions.conclude_step1(
            acting_user=personas.olle, case=submitted_case, recommendation="close", reason="ok"
        )
    sheet = submitted_case.self_assessment
    sheet.assessments.update(rating="")
    with pytest.raises(ValidationError):
        actions.conclude_step1(
            acting_user=personas.stina, case=submitted_case, recommendation="close", reason="ok"
        )


def test_return_for_completion(personas, submitted_case):
    actions.return_self_assessment(
        acting_user=personas.stina, case=submitted_case, reason="Upload the policy"
    )
    submitted_case.refresh_from_db()
    assert submitted_case.status == CaseStatus.STEP1_SENT


def test_reminders_before_and_after_the_deadline_are_sent_once(personas, sent_case):
    mail.outbox.clear()
    request = sent_case.answer_request
    today = timezone.localdate()
    request.deadline = today + timedelta(days=7)
    request.save()
    tasks.send_due_reminders.enqueue()
    tasks.send_due_reminders.enqueue()
    assert len(mail.outbox) == 1 and "before-7" in request.__class__.objects.get(pk=request.pk).reminders_sent
    request.refresh_from_db()
    request.deadline = today - timedelta(days=1)
    request.save()
    tasks.send_due_reminders.enqueue()
    assert len(mail.outbox) == 2 and mail.outbox[1].to == [personas.lev.email]
    assert sent_case.events.filter(kind="reminder").count() == 2


def test_no_reminder_after_submission(personas, submitted_case):
    mail.outbox.clear()
    request = submitted_case.answer_request
    request.deadline = timezone.localdate() + timedelta(days=1)
    request.save()
    tasks.send_due_reminders.enqueue()
    assert mail.outbox == []
