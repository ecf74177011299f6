"""Step 1 answered once for all regions: one request per supplier and questionnaire version, reuse
within the validity period, a fresh prefilled answer after it, and a shared review."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kedja.followup import actions, answer_queries
from kedja.followup.models import (
    AnswerRequest,
    AnswerRequestStatus,
    CaseStatus,
    RequestKind,
    SelfAssessment,
    SelfAssessmentStatus,
)

from . import factories
from .conftest import answer_and_submit, answer_everything, assert_sending_refused

DEADLINE = timezone.localdate() + timedelta(days=30)


@pytest.fixture
def three_contracts(personas, clause):
    """Supplier A has one 2024-clause contract in each of Stockholm, Skåne and Uppsala."""
    return [
        factories.contract(personas.supplier_a, [region], reference=f"A-{region.code}", clause=clause)
        for region in (personas.stockholm, personas.skane, personas.uppsala)
    ]


def _start_and_send(personas, contract, lead, user=None, captured=None):
    case = actions.start_case_from_contract(acting_user=user or personas.sara, contract=contract, lead=lead)
    actions.send_self_assessment(acting_user=user or personas.sara, case=case, deadline=DEADLINE)
    case.refresh_from_db()
    return case


@pytest.fixture
def three_cases(personas, questionnaire, three_contracts, django_capture_on_commit_callbacks):
    stockholm, skane, uppsala = three_contracts
    with django_capture_on_commit_callbacks(execute=True):
        return [
            _start_and_send(personas, stockholm, personas.stockholm, personas.olle),
            _start_and_send(personas, skane, personas.skane, personas.stina),
            _start_and_send(personas, uppsala, personas.uppsala),
        ]


def test_three_regions_get_one_request_and_one_email(personas, three_cases):
    assert AnswerRequest.objects.count() == 1
    request = AnswerRequest.objects.get()
    assert request.kind == RequestKind.ANSWER and request.is_open
    assert {c.answer_request_id for c in three_cases} == {request.pk}
    assert {c.self_assessment_id for c in three_cases} == {request.self_assessment_id}
    assert all(c.status == CaseStatus.STEP1_SENT for c in three_cases)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [personas.lev.email]
    assert f"/followup/invitations/{request.invitations.get().uuid}/" in mail.outbox[0].body
    joined = three_cases[1].events.filter(message__startswith="Joined the supplier's open request")
    assert joined.exists()


def test_answering_once_moves_every_region_case_to_review(personas, three_cases):
    sheet = three_cases[0].self_assessment
    answer_everything(three_cases[0], personas.lev)
    actions.submit_self_assessment(acting_user=personas.lev, sheet=sheet)
    for case in three_cases:
        case.refresh_from_db()
        assert case.status == CaseStatus.STEP1_SUBMITTED and case.self_assessment_id == sheet.pk
    sheet.refresh_from_db()
    assert sheet.valid_until == answer_queries.valid_until_from(timezone.localdate())
    assert AnswerRequest.objects.get().status == AnswerRequestStatus.COMPLETED


def test_one_review_serves_every_region(personas, three_cases):
    stockholm_case, skane_case, _uppsala = three_cases
    answer_and_submit(skane_case, personas.lev)
    ratings = {
        a.requirement_id: ("fulfilled", "Checked") for a in skane_case.self_assessment.assessments.all()
    }
    # Stockholm's case relied on the answer first, so the shared review is the secretariat's or
    # Stockholm's (see test_shared_review.py); the secretariat makes it here.
    actions.assess_requirements(acting_user=personas.sara, case=skane_case, ratings=ratings, version=0)
    stockholm_case.refresh_from_db()
    assert set(stockholm_case.self_assessment.assessments.values_list("rating", flat=True)) == {"fulfilled"}
    actions.conclude_step1(
        acting_user=personas.sara,
        case=stockholm_case,
        recommendation="close",
        reason="Shared review",
        override_reason="Fine",
    )
    stockholm_case.refresh_from_db()
    assert stockholm_case.status == CaseStatus.STEP1_ASSESSED


@pytest.fixture
def answered(personas, three_cases):
    answer_everything(three_cases[0], personas.lev)
    return actions.submit_self_assessment(acting_user=personas.lev, sheet=three_cases[0].self_assessment)


def test_a_fourth_region_within_validity_asks_only_for_confirmation(personas, answered, clause):
    fourth = factories.contract(personas.supplier_a, [personas.skane], reference="A-4", clause=clause)
    case = _start_and_send(personas, fourth, personas.skane, personas.stina)
    request = case.answer_request
    assert request.kind == RequestKind.CONFIRM and request.self_assessment_id == answered.pk
    assert case.status == CaseStatus.STEP1_SENT
    with pytest.raises(ValidationError):
        actions.save_answers(acting_user=personas.lev, sheet=answered, values={"pr1-policies-routine": "no"})
    actions.confirm_answer(acting_user=personas.lev, request=request)
    case.refresh_from_db()
    assert case.status == CaseStatus.STEP1_SUBMITTED and case.self_assessment_id == answered.pk
    assert SelfAssessment.objects.count() == 1


def test_confirmation_can_become_an_update_of_what_changed(personas, answered, clause):
    fourth = factories.contract(personas.supplier_a, [personas.skane], reference="A-4", clause=clause)
    case = _start_and_send(personas, fourth, personas.skane, personas.stina)
    draft = actions.update_answer(acting_user=personas.lev, request=case.answer_request)
    assert (
        draft.number == 2 and draft.based_on_id == answered.pk and draft.status == SelfAssessmentStatus.DRAFT
    )
    assert draft.answers.count() == answered.answers.count()
    actions.save_answers(acting_user=personas.lev, sheet=draft, values={"pr6-grievance-channel": "msi"})
    changed = answer_queries.changed_since_previous(draft)
    changed_keys = {q.key for q in draft.questionnaire.questions.all() if changed.get(q.pk)}
    assert changed_keys == {"pr6-grievance-channel"}
    actions.submit_self_assessment(acting_user=personas.lev, sheet=draft)
    case.refresh_from_db()
    assert case.status == CaseStatus.STEP1_SUBMITTED and case.self_assessment_id == draft.pk


def test_after_the_validity_a_fresh_answer_is_asked_for_prefilled(personas, answered, clause):
    SelfAssessment.objects.filter(pk=answered.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    fourth = factories.contract(personas.supplier_a, [personas.skane], reference="A-4", clause=clause)
    case = _start_and_send(personas, fourth, personas.skane, personas.stina)
    request = case.answer_request
    assert request.kind == RequestKind.ANSWER
    fresh = request.self_assessment
    assert (
        fresh.number == 2 and fresh.based_on_id == answered.pk and fresh.status == SelfAssessmentStatus.DRAFT
    )
    before = {a.question.key: a.value for a in answered.answers.select_related("question")}
    after = {a.question.key: a.value for a in fresh.answers.select_related("question")}
    assert after == before
    assert not answer_queries.missing_answers(fresh)
    with pytest.raises(ValidationError):
        actions.confirm_answer(acting_user=personas.lev, request=request)


def test_validity_is_configurable(personas, settings):
    settings.KEDJA_SELF_ASSESSMENT_VALID_MONTHS = 24
    day = timezone.localdate().replace(month=2, day=28)
    assert answer_queries.valid_until_from(day) == day.replace(year=day.year + 2)


# No duplicate open request, by any path -----------------------------------------------------------


def test_the_database_refuses_a_second_open_request(personas, three_cases):
    request = AnswerRequest.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerRequest.objects.create(
            supplier=request.supplier,
            questionnaire=request.questionnaire,
            kind=RequestKind.ANSWER,
            self_assessment=request.self_assessment,
            sent_on=request.sent_on,
            deadline=request.deadline,
        )


def test_yearly_send_out_joins_the_open_request(personas, three_cases, three_contracts):
    category = three_contracts[0].category
    cases = actions.start_cases_for_category(acting_user=personas.sara, category=category, year=2030)
    result = actions.send_self_assessments(acting_user=personas.sara, cases=cases, deadline=DEADLINE)
    assert len(result["sent"]) == 1 and not result["unreachable"]
    assert AnswerRequest.objects.filter(status=AnswerRequestStatus.OPEN).count() == 1
    joint = cases[0]
    joint.refresh_from_db()
    assert joint.answer_request_id == three_cases[0].answer_request_id
    assert set(joint.participating_regions.values_list("pk", flat=True)) == {
        personas.stockholm.pk,
        personas.skane.pk,
        personas.uppsala.pk,
    }


def test_joint_case_and_region_case_share_the_request(personas, questionnaire, contract_a):
    joint = actions.start_case_for_supplier(
        acting_user=personas.sara,
        supplier=personas.supplier_a,
        lead=personas.secretariat,
        contracts=[contract_a],
    )
    actions.send_self_assessment(acting_user=personas.sara, case=joint, deadline=DEADLINE)
    regional = actions.start_case_from_contract(
        acting_user=personas.olle, contract=contract_a, lead=personas.stockholm
    )
    actions.send_self_assessment(acting_user=personas.olle, case=regional, deadline=DEADLINE)
    assert AnswerRequest.objects.count() == 1
    assert AnswerRequest.objects.get().cases.count() == 2


def test_yearly_plan_launch_joins_the_open_request(personas, three_cases, three_contracts, questionnaire):
    from kedja.plans.actions import yearly

    year_plan = yearly.open_year_plan(acting_user=personas.sara, year=timezone.localdate().year + 1)
    yearly.propose(
        acting_user=personas.olle,
        year_plan=year_plan,
        region=personas.stockholm,
        supplier=personas.supplier_a,
        category=three_contracts[0].category,
    )
    yearly.consolidate(acting_user=personas.sara, year_plan=year_plan)
    yearly.approve_year_plan(acting_user=personas.sara, year_plan=year_plan)
    started = yearly.launch_year_plan(
        acting_user=personas.sara, year_plan=year_plan, questionnaire=questionnaire, deadline=DEADLINE
    )
    assert started[0].status == CaseStatus.STEP1_SENT
    assert AnswerRequest.objects.filter(status=AnswerRequestStatus.OPEN).count() == 1


def test_cancelling_the_last_waiting_case_withdraws_the_request(personas, sent_case):
    actions.cancel_case(acting_user=personas.stina, case=sent_case, reason="Started by mistake")
    assert AnswerRequest.objects.get().status == AnswerRequestStatus.WITHDRAWN
    again = actions.start_case_from_contract(
        acting_user=personas.stina, contract=sent_case.contracts.get(), lead=personas.skane
    )
    actions.send_self_assessment(acting_user=personas.stina, case=again, deadline=DEADLINE)
    assert AnswerRequest.objects.filter(status=AnswerRequestStatus.OPEN).count() == 1
    # The draft answers of the withdrawn request are kept and asked again, not thrown away.
    assert again.self_assessment_id == sent_case.self_assessment_id


# The questionnaire matches the clause version -----------------------------------------------------


def test_old_terms_contract_gets_the_six_routine_questionnaire(personas, questionnaire):
    terms = factories.terms_2013()
    old_questionnaire = actions.build_questionnaire(acting_user=personas.sara, clause=terms)
    old = factories.contract(personas.supplier_b, [personas.skane], reference="OLD-1", clause=terms)
    case = actions.start_case_from_contract(acting_user=personas.stina, contract=old, lead=personas.skane)
    with pytest.raises(ValidationError):
        actions.send_self_assessment(
            acting_user=personas.stina, case=case, deadline=DEADLINE, questionnaire=questionnaire
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT and not AnswerRequest.objects.exists()
    request = actions.send_self_assessment(acting_user=personas.stina, case=case, deadline=DEADLINE)
    assert request.questionnaire == old_questionnaire


def test_2024_contract_never_gets_the_old_questionnaire(personas, questionnaire, contract_a):
    old_questionnaire = actions.build_questionnaire(acting_user=personas.sara, clause=factories.terms_2013())
    case = actions.start_case_from_contract(
        acting_user=personas.stina, contract=contract_a, lead=personas.skane
    )
    with pytest.raises(ValidationError):
        actions.send_self_assessment(
            acting_user=personas.stina, case=case, deadline=DEADLINE, questionnaire=old_questionnaire
        )
    assert (
        actions.send_self_assessment(acting_user=personas.stina, case=case, deadline=DEADLINE).questionnaire
        == questionnaire
    )


def test_a_case_mixing_clause_versions_is_refused(personas, questionnaire, contract_a):
    terms = factories.terms_2013()
    actions.build_questionnaire(acting_user=personas.sara, clause=terms)
    old = factories.contract(personas.supplier_a, [personas.skane], reference="OLD-A", clause=terms)
    assert_sending_refused(personas, [contract_a, old], "different clause versions")


def test_the_pr5_placeholder_is_never_asked(personas, questionnaire, sent_case):
    assert not questionnaire.questions.filter(requirement__key="pr5-unknown").exists()
    shown = {
        q.requirement.key
        for q in answer_queries.visible_questions(sent_case.self_assessment)
        if q.requirement
    }
    assert "pr5-unknown" not in shown


def test_pr5_is_asked_once_the_secretariat_has_entered_its_text(personas, clause):
    pr5 = clause.requirements.get(key="pr5-unknown")
    pr5.is_placeholder, pr5.text_sv, pr5.text_en = False, "Text", "Text"
    pr5.save()
    rebuilt = actions.build_questionnaire(acting_user=personas.sara, clause=clause)
    assert rebuilt.questions.filter(requirement=pr5).exists()


# Refusals ----------------------------------------------------------------------------------------


def test_supplier_cannot_answer_for_another_supplier(personas, sent_case):
    with pytest.raises(PermissionDenied):
        actions.save_answers(acting_user=personas.lisa, sheet=sent_case.self_assessment, values={})
    with pytest.raises(PermissionDenied):
        actions.confirm_answer(acting_user=personas.lisa, request=sent_case.answer_request)


def test_supplier_cannot_link_another_suppliers_document(personas, sent_case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kedja.suppliers import actions as library

    other = library.add_document(
        acting_user=personas.lisa,
        supplier=personas.supplier_b,
        uploaded=SimpleUploadedFile("b.pdf", b"%PDF-1.4 b", content_type="application/pdf"),
    )
    sheet = sent_case.self_assessment
    actions.save_answers(acting_user=personas.lev, sheet=sheet, values={"pr1-policies-routine": "yes"})
    question = sheet.questionnaire.questions.get(key="pr1-policies-document")
    with pytest.raises(ValidationError):
        actions.link_documents(acting_user=personas.lev, sheet=sheet, question=question, documents=[other])
    assert not sheet.answers.filter(documents=other).exists()


def test_returning_the_shared_answer_reopens_it_for_every_case(personas, three_cases):
    answer_everything(three_cases[0], personas.lev)
    actions.submit_self_assessment(acting_user=personas.lev, sheet=three_cases[0].self_assessment)
    three_cases[1].refresh_from_db()
    # Returning changes the shared answer: the review's lead (here the secretariat) does it.
    actions.return_self_assessment(
        acting_user=personas.sara, case=three_cases[1], reason="Add the policy date"
    )
    assert AnswerRequest.objects.get().is_open
    for case in three_cases:
        case.refresh_from_db()
        assert case.status == CaseStatus.STEP1_SENT
    assert case.self_assessment.status == SelfAssessmentStatus.DRAFT


def test_reuse_decision_closes_the_regions_own_waiting_case(personas, clause, questionnaire):
    from kedja.followup.models import ReuseDecisionKind

    source_contract = factories.contract(
        personas.supplier_a, [personas.skane], reference="SRC", clause=clause
    )
    source = actions.start_case_from_contract(
        acting_user=personas.stina, contract=source_contract, lead=personas.skane
    )
    actions.send_self_assessment(acting_user=personas.stina, case=source, deadline=DEADLINE)
    source.refresh_from_db()
    answer_and_submit(source, personas.lev)
    ratings = {a.requirement_id: ("fulfilled", "") for a in source.self_assessment.assessments.all()}
    actions.assess_requirements(acting_user=personas.stina, case=source, ratings=ratings, version=0)
    actions.conclude_step1(
        acting_user=personas.stina, case=source, recommendation="close", reason="Fine", override_reason="Fine"
    )
    actions.close_case(acting_user=personas.stina, case=source)
    own_contract = factories.contract(
        personas.supplier_a, [personas.stockholm], reference="OWN", clause=clause
    )
    own = actions.start_case_from_contract(
        acting_user=personas.olle, contract=own_contract, lead=personas.stockholm
    )
    actions.send_self_assessment(acting_user=personas.olle, case=own, deadline=DEADLINE)
    actions.decide_reuse(
        acting_user=personas.olle,
        source_case=source,
        decided_for=personas.stockholm,
        decision=ReuseDecisionKind.ACCEPTED,
        needed_level="advanced_2024",
        needed_step=1,
    )
    own.refresh_from_db()
    assert own.status == CaseStatus.CLOSED and own.answer_request_id is None
    assert own.events.filter(params__source_case=str(source.uuid)).exists()
    assert AnswerRequest.objects.get(kind=RequestKind.CONFIRM).status == AnswerRequestStatus.WITHDRAWN


# Pages ---------------------------------------------------------------------------------------------


def test_request_page_costs_the_same_queries_with_more_versions_and_documents(
    personas, answered, clause, client_for, django_assert_max_num_queries
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(personas.lev)
    fourth = factories.contract(personas.supplier_a, [personas.skane], reference="A-4", clause=clause)
    SelfAssessment.objects.update(valid_until=timezone.localdate() - timedelta(days=1))
    request = _start_and_send(personas, fourth, personas.skane, personas.stina).answer_request
    url = f"/followup/portal/self-assessments/{request.uuid}/"
    with django_assert_max_num_queries(40) as first:
        assert client.get(url).status_code == 200
    sheet = request.self_assessment
    question = sheet.questionnaire.questions.get(key="pr1-policies-document")
    for n in range(10):
        actions.upload_answer_document(
            acting_user=personas.lev,
            sheet=sheet,
            question=question,
            uploaded=SimpleUploadedFile(f"d{n}.pdf", b"%PDF-1.4 d", content_type="application/pdf"),
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)


def test_supplier_portal_lists_the_request_with_every_buyer(personas, three_cases, client_for):
    body = client_for(personas.lev).get("/followup/portal/").content.decode()
    request = three_cases[0].answer_request
    assert f"/followup/portal/self-assessments/{request.uuid}/" in body
    for region in ("Region Stockholm", "Region Skåne", "Region Uppsala"):
        assert region in body


def test_other_supplier_cannot_open_the_request_or_answer(personas, three_cases, client_for):
    request = three_cases[0].answer_request
    client = client_for(personas.lisa)
    assert client.get(f"/followup/portal/self-assessments/{request.uuid}/").status_code == 404
    assert client.post(f"/followup/portal/self-assessments/{request.uuid}/confirm/").status_code == 404
    assert client.get(f"/followup/portal/answers/{request.self_assessment.uuid}/").status_code == 404
    assert client.get("/followup/portal/self-assessments/not-a-uuid/").status_code == 404


def test_bad_document_ids_change_nothing(personas, three_cases, client_for):
    request = three_cases[0].answer_request
    url = f"/followup/portal/self-assessments/{request.uuid}/documents/pr1-policies-document/"
    client = client_for(personas.lev)
    assert client.post(url, {"documents": ["not-a-uuid"]}).status_code == 302
    assert client.post(url, {"unlink": "not-a-uuid"}).status_code == 404
    assert not request.self_assessment.answers.filter(documents__isnull=False).exists()


def test_a_send_out_racing_another_joins_instead_of_duplicating(personas, sent_case, contract_a, monkeypatch):
    """Two send-outs at the same moment: the one that loses the race on the named constraint
    joins the request the other opened."""
    from kedja.followup.actions import answers

    real = answers._open_request_of
    calls = []

    def blind_first(supplier_id, questionnaire_id):
        calls.append(1)
        return None if len(calls) == 1 else real(supplier_id, questionnaire_id)

    monkeypatch.setattr(answers, "_open_request_of", blind_first)
    other = actions.start_case_from_contract(
        acting_user=personas.olle, contract=contract_a, lead=personas.stockholm
    )
    request = actions.send_self_assessment(acting_user=personas.olle, case=other, deadline=DEADLINE)
    assert request.pk == sent_case.answer_request_id
    assert AnswerRequest.objects.count() == 1


def test_a_linked_document_records_the_requirement_it_supports(personas, sent_case):
    document = factories.policy_document(personas, sent_case)
    assert list(document.requirements.values_list("key", flat=True)) == ["pr1-policies"]
