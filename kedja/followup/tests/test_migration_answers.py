"""The data migration that makes per-case self-assessments the supplier's answers: no answer, file
or review is lost, and two open sheets of one supplier become one open request."""

from datetime import UTC, date, datetime

import pytest

from .migrating import migrate_to

BEFORE = [("followup", "0006_answer_once_fields"), ("suppliers", "0001_initial")]
AFTER = [("followup", "0008_answers_keyed_by_supplier")]


def _old_world(apps):
    """Two draft sheets of supplier A for one questionnaire (the old duplicate), one submitted and
    reviewed sheet, an evidence file and a reminder."""
    Organisation = apps.get_model("organisations", "Organisation")
    User = apps.get_model("organisations", "User")
    Document = apps.get_model("reference", "RequirementDocument")
    Requirement = apps.get_model("reference", "Requirement")
    Questionnaire = apps.get_model("followup", "Questionnaire")
    Question = apps.get_model("followup", "Question")
    Case = apps.get_model("followup", "FollowUpCase")
    Sheet = apps.get_model("followup", "SelfAssessment")
    Answer = apps.get_model("followup", "Answer")
    Evidence = apps.get_model("followup", "EvidenceDocument")
    Assessment = apps.get_model("followup", "RequirementAssessment")

    supplier = Organisation.objects.create(kind="supplier", name="A AB", slug="a-ab")
    regions = [
        Organisation.objects.create(kind="region", name=f"R{i}", slug=f"r{i}", code=f"SE-{i}")
        for i in range(3)
    ]
    lev = User.objects.create(email="lev@a.test", full_name="Lev")
    clause = Document.objects.create(
        kind="contract_clause", key="clause-2024", title_sv="c", title_en="c", version="1"
    )
    requirement = Requirement.objects.create(
        document=clause, key="pr1-policies", section="process_requirement", title_sv="p", title_en="p"
    )
    questionnaire = Questionnaire.objects.create(
        key="self-assessment-2024", title_sv="q", title_en="q", clause_version=clause
    )

    def question(key, qtype, text):
        return Question.objects.create(
            questionnaire=questionnaire,
            requirement=requirement,
            key=key,
            qtype=qtype,
            text_sv=text,
            text_en=text,
        )

    routine = question("pr1-routine", "yes_no", "r")
    document_q = question("pr1-document", "document", "d")
    text_q = question("pr1-applied", "text", "t")

    def case_with_sheet(region, case_status, **sheet_fields):
        case = Case.objects.create(
            supplier=supplier, lead_organisation=region, origin="contract", year=2025, status=case_status
        )
        sheet = Sheet.objects.create(
            case=case,
            questionnaire=questionnaire,
            sent_on=date(2025, 1, 10),
            deadline=date(2025, 2, 10),
            **sheet_fields,
        )
        return case, sheet

    submitted_case, submitted = case_with_sheet(
        regions[0],
        "step1_assessed",
        status="submitted",
        submitted_at=datetime(2025, 1, 20, tzinfo=UTC),
        submitted_by=lev,
    )
    Answer.objects.create(self_assessment=submitted, question=routine, value="yes")
    Assessment.objects.create(
        self_assessment=submitted,
        requirement=requirement,
        proposal="fulfilled",
        rating="partly",
        comment="Internal note",
    )
    first_case, first = case_with_sheet(regions[1], "step1_sent", reminders_sent=["before-7"])
    Answer.objects.create(self_assessment=first, question=routine, value="yes")
    Evidence.objects.create(
        case=first_case,
        question=document_q,
        file="followup/evidence/abc.pdf",
        original_name="policy.pdf",
        detected_type="pdf",
        size=10,
        from_supplier=True,
        valid_until=date(2026, 1, 1),
    )
    second_case, second = case_with_sheet(regions[2], "step1_sent", reminders_sent=["after-1"])
    Answer.objects.create(self_assessment=second, question=routine, value="no")
    Answer.objects.create(self_assessment=second, question=text_q, value="We train buyers.")
    return {
        "submitted": submitted.pk,
        "first": first.pk,
        "second": second.pk,
        "cases": [submitted_case.pk, first_case.pk, second_case.pk],
    }


@pytest.mark.django_db(transaction=True)
def test_per_case_sheets_become_the_suppliers_answers_without_loss(back_to_latest):
    ids = _old_world(migrate_to(BEFORE))
    apps = migrate_to(AFTER)
    Sheet = apps.get_model("followup", "SelfAssessment")
    Request = apps.get_model("followup", "AnswerRequest")
    Case = apps.get_model("followup", "FollowUpCase")
    Answer = apps.get_model("followup", "Answer")
    Assessment = apps.get_model("followup", "RequirementAssessment")
    Evidence = apps.get_model("followup", "EvidenceDocument")
    Library = apps.get_model("suppliers", "LibraryDocument")

    submitted, first, second = (Sheet.objects.get(pk=ids[k]) for k in ("submitted", "first", "second"))
    assert [s.number for s in (submitted, first, second)] == [1, 2, 3]
    assert {s.supplier_id for s in (submitted, first, second)} == {submitted.supplier_id}
    assert submitted.valid_until == date(2026, 1, 20)
    # The review is kept on the submitted answer.
    review = Assessment.objects.get(self_assessment=submitted)
    assert (review.rating, review.comment) == ("partly", "Internal note")
    # The two open sheets are one open request; the earlier sheet wins and gets the gaps filled.
    open_request = Request.objects.get(status="open")
    assert open_request.self_assessment_id == first.pk and first.status == "draft"
    assert second.status == "superseded"
    assert sorted(open_request.reminders_sent) == ["after-1", "before-7"]
    merged = {
        a.question.key: a.value
        for a in Answer.objects.filter(self_assessment=first).select_related("question")
    }
    assert merged["pr1-routine"] == "yes" and merged["pr1-applied"] == "We train buyers."
    # Every original answer row still exists.
    assert Answer.objects.filter(self_assessment=second).count() == 2
    # Cases point at what they rely on and at their request.
    cases = {c.pk: c for c in Case.objects.filter(pk__in=ids["cases"])}
    assert cases[ids["cases"][0]].self_assessment_id == submitted.pk
    assert (
        cases[ids["cases"][1]].answer_request_id
        == cases[ids["cases"][2]].answer_request_id
        == open_request.pk
    )
    assert cases[ids["cases"][2]].self_assessment_id == first.pk
    assert Request.objects.get(self_assessment=submitted).status == "completed"
    # The evidence file is in the supplier's library (same stored file) and linked from the answer.
    library = Library.objects.get()
    assert library.file.name == "followup/evidence/abc.pdf" and library.valid_until == date(2026, 1, 1)
    assert Answer.objects.get(self_assessment=first, question__key="pr1-document").documents.get() == library
    assert Evidence.objects.count() == 1
