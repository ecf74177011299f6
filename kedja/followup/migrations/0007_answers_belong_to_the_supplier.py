"""Per-case self-assessments become the supplier's answers, losing no answer, file or review.

Each old answer sheet stays the same row (its answers and the reviewer's ratings keep pointing at
it); it gains the case's supplier and a version number, and the case now points at it. Its sending
data moves to a request. Two open sheets of one supplier for one questionnaire (the duplicate the
old model allowed) become one open request: the later sheet's answers fill the gaps of the earlier
one, its case joins that request, and the later sheet is kept, marked as merged. Evidence uploaded
for a question becomes a library document of the supplier (the same stored file, no copy) linked
from the answer; the case's evidence row stays as it was.
"""

from datetime import date

from django.db import migrations

VALID_MONTHS = 12


def _plus_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    days_in_month = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return date(year, month, min(day.day, days_in_month[month - 1]))


def forward(apps, schema_editor):
    SelfAssessment = apps.get_model("followup", "SelfAssessment")
    AnswerRequest = apps.get_model("followup", "AnswerRequest")
    Answer = apps.get_model("followup", "Answer")
    EvidenceDocument = apps.get_model("followup", "EvidenceDocument")
    FollowUpCase = apps.get_model("followup", "FollowUpCase")
    LibraryDocument = apps.get_model("suppliers", "LibraryDocument")

    numbers: dict[tuple[int, int], int] = {}
    open_requests: dict[tuple[int, int], object] = {}
    sheet_of_case: dict[int, object] = {}
    for sheet in SelfAssessment.objects.select_related("case").order_by("created_at", "pk"):
        case = sheet.case
        key = (case.supplier_id, sheet.questionnaire_id)
        numbers[key] = numbers.get(key, 0) + 1
        sheet.supplier_id, sheet.number = case.supplier_id, numbers[key]
        submitted = sheet.status == "submitted"
        if submitted:
            done_on = (sheet.submitted_at.date() if sheet.submitted_at else sheet.sent_on) or date.today()
            sheet.valid_until = _plus_months(done_on, VALID_MONTHS)
        kept = open_requests.get(key) if not submitted else None
        if kept is not None:
            _merge_into(Answer, sheet, kept.self_assessment)
            sheet.status = "superseded"
            kept.deadline = max(kept.deadline, sheet.deadline or kept.deadline)
            kept.reminders_sent = sorted(set(kept.reminders_sent) | set(sheet.reminders_sent or []))
            kept.save(update_fields=["deadline", "reminders_sent"])
            request, relied_on = kept, kept.self_assessment
        else:
            request = AnswerRequest.objects.create(
                supplier_id=case.supplier_id,
                questionnaire_id=sheet.questionnaire_id,
                kind="answer",
                status="completed" if submitted else "open",
                self_assessment=sheet,
                sent_on=sheet.sent_on or date.today(),
                deadline=sheet.deadline or date.today(),
                reminders_sent=sheet.reminders_sent or [],
                completed_at=sheet.submitted_at if submitted else None,
                completed_by_id=sheet.submitted_by_id if submitted else None,
            )
            if not submitted:
                open_requests[key] = request
            relied_on = sheet
        sheet.save()
        FollowUpCase.objects.filter(pk=case.pk).update(self_assessment=relied_on, answer_request=request)
        sheet_of_case[case.pk] = relied_on

    for document in EvidenceDocument.objects.filter(from_supplier=True).exclude(question=None):
        sheet = sheet_of_case.get(document.case_id)
        if sheet is None or document.question.questionnaire_id != sheet.questionnaire_id:
            continue
        library = LibraryDocument.objects.create(
            supplier_id=sheet.supplier_id,
            kind="other",
            title=(document.purpose or document.original_name)[:200],
            file=document.file.name,
            original_name=document.original_name,
            detected_type=document.detected_type,
            size=document.size,
            issued_on=document.document_date,
            valid_until=document.valid_until,
            uploaded_by_id=document.uploaded_by_id,
        )
        answer, _created = Answer.objects.get_or_create(
            self_assessment=sheet, question_id=document.question_id, defaults={"value": "uploaded"}
        )
        answer.documents.add(library)


def _merge_into(Answer, source, target) -> None:
    """Copy the source sheet's answers to questions the target has not answered (the target wins)."""
    answered = set(Answer.objects.filter(self_assessment=target).values_list("question_id", flat=True))
    for answer in Answer.objects.filter(self_assessment=source).exclude(question_id__in=answered):
        Answer.objects.create(
            self_assessment=target,
            question_id=answer.question_id,
            value=answer.value,
            not_applicable=answer.not_applicable,
            not_applicable_reason=answer.not_applicable_reason,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0006_answer_once_fields"),
        ("suppliers", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
