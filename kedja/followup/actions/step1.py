"""Step 1: questionnaires, the supplier's answers and evidence, reminders, and the reviewer's assessment."""

from datetime import date
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.core.audit import record
from kedja.organisations.queries import actor_for
from kedja.reference.models import RequirementDocument, RequirementSection

from .. import questionnaire_content as content
from ..models import (
    Answer,
    CaseStatus,
    EventKind,
    EvidenceDocument,
    FollowUpCase,
    Question,
    Questionnaire,
    QuestionType,
    Rating,
    RequirementAssessment,
    SelfAssessment,
    SelfAssessmentStatus,
)
from ..rules import proposal_from_answers
from ._common import (
    check_is_supplier,
    check_may_assess,
    check_may_change,
    event,
    require_status,
    save_document,
    transition,
)

ROUTINE_SECTIONS = [RequirementSection.PROCESS_REQUIREMENT, RequirementSection.ROUTINE_REQUIREMENT]


@transaction.atomic
def build_questionnaire(*, acting_user, clause: RequirementDocument) -> Questionnaire:
    """Build a new questionnaire version from a contract-clause version and its code of conduct."""
    if not actor_for(acting_user).is_secretariat:
        raise PermissionDenied(_("Only the secretariat maintains questionnaires."))
    if clause.key not in content.QUESTIONNAIRES:
        raise ValidationError(_("Kedja has no question content for this clause version."))
    key, coc_key, title_sv, title_en = content.QUESTIONNAIRES[clause.key]
    latest = Questionnaire.objects.filter(key=key).order_by("-version").first()
    Questionnaire.objects.filter(key=key).update(is_active=False)
    questionnaire = Questionnaire.objects.create(
        key=key,
        version=(latest.version + 1) if latest else 1,
        title_sv=title_sv,
        title_en=title_en,
        clause_version=clause,
    )
    order = 0
    coc = RequirementDocument.objects.filter(key=coc_key).first()
    commitments = coc.requirements.filter(section=RequirementSection.COMMITMENT) if coc else []
    for requirement in commitments:
        order = _add_questions(questionnaire, requirement, [content.COMMITMENT_QUESTION], order)
    for requirement in clause.requirements.filter(section__in=ROUTINE_SECTIONS).order_by("order"):
        specs = content.YES_NO_DOCUMENT + content.SPECIFIC.get(requirement.key, [])
        order = _add_questions(questionnaire, requirement, specs, order)
    record("followup.questionnaire.built", questionnaire, actor=acting_user, changes={"clause": clause.key})
    return questionnaire


def _add_questions(questionnaire, requirement, specs, order: int) -> int:
    created: dict[str, Question] = {}
    for spec in specs:
        order += 1
        depends = created.get(spec.get("depends_on", ""))
        created[spec["suffix"]] = Question.objects.create(
            questionnaire=questionnaire,
            requirement=requirement,
            key=f"{requirement.key}-{spec['suffix']}",
            order=order,
            qtype=spec["qtype"],
            text_sv=spec["sv"] % {"title": requirement.title_sv},
            text_en=spec["en"] % {"title": requirement.title_en},
            choices=spec.get("choices", []),
            required=spec["qtype"] != QuestionType.TEXT or depends is not None,
            allow_not_applicable=requirement.key in content.NOT_APPLICABLE_ALLOWED
            or requirement.is_placeholder,
            depends_on=depends,
            depends_value=spec.get("depends_value", ""),
            expected=spec.get("expected", ""),
        )
    return order


@transaction.atomic
def send_self_assessment(
    *, acting_user, case: FollowUpCase, questionnaire: Questionnaire, deadline: date
) -> SelfAssessment:
    """Send step 1 to the supplier: create the answer sheet and e-mail an invitation to its contacts."""
    check_may_change(acting_user, case)
    require_status(case, [CaseStatus.DRAFT])
    if deadline <= timezone.localdate():
        raise ValidationError(_("The deadline must be in the future."))
    sheet = SelfAssessment.objects.create(
        case=case, questionnaire=questionnaire, sent_on=timezone.localdate(), deadline=deadline
    )
    transition(case, CaseStatus.STEP1_SENT, acting_user=acting_user, step=1)
    event(
        case,
        EventKind.INVITED,
        gettext_noop("Self-assessment sent; answers due %(deadline)s."),
        actor=acting_user,
        deadline=deadline.isoformat(),
    )
    from .. import tasks

    transaction.on_commit(partial(tasks.send_invitation.enqueue, sheet.pk))
    return sheet


def visible_questions(sheet: SelfAssessment, answers: dict[int, Answer] | None = None) -> list[Question]:
    """The questions shown: those without a condition, and those whose condition holds."""
    answers = answers if answers is not None else {a.question_id: a for a in sheet.answers.all()}
    shown = []
    for question in sheet.questionnaire.questions.all():
        if question.depends_on_id is not None:
            parent = answers.get(question.depends_on_id)
            if parent is None or str(parent.value) != question.depends_value:
                continue
        shown.append(question)
    return shown


def _coerce(question: Question, raw):
    """Check and normalise one raw answer for its question type; raise ValidationError when wrong."""
    if raw in (None, "", []):
        return None
    qtype = question.qtype
    if qtype == QuestionType.YES_NO and raw not in ("yes", "no"):
        raise ValidationError(_("Answer yes or no."))
    if qtype == QuestionType.SINGLE and raw not in {c["value"] for c in question.choices}:
        raise ValidationError(_("Choose one of the options."))
    if qtype == QuestionType.MULTIPLE:
        values = list(raw) if isinstance(raw, (list, tuple)) else [raw]
        if not set(values) <= {c["value"] for c in question.choices}:
            raise ValidationError(_("Choose among the options."))
        return values
    if qtype == QuestionType.NUMBER:
        try:
            return float(raw) if "." in str(raw) else int(raw)
        except ValueError:
            raise ValidationError(_("Enter a number.")) from None
    if qtype == QuestionType.DATE:
        return raw.isoformat() if isinstance(raw, date) else date.fromisoformat(str(raw)).isoformat()
    return raw


def _editable_sheet(acting_user, case: FollowUpCase) -> SelfAssessment:
    check_is_supplier(acting_user, case)
    require_status(case, [CaseStatus.STEP1_SENT])
    return case.self_assessment


@transaction.atomic
def save_answers(
    *,
    acting_user,
    case: FollowUpCase,
    values: dict[str, object],
    not_applicable: dict[str, str] | None = None,
) -> SelfAssessment:
    """Save the supplier's draft answers (by question key). Nothing is saved if one answer is wrong."""
    sheet = _editable_sheet(acting_user, case)
    questions = {q.key: q for q in sheet.questionnaire.questions.all()}
    not_applicable = not_applicable or {}
    errors, cleaned = {}, {}
    for key, raw in values.items():
        question = questions.get(key)
        if question is None:
            continue
        try:
            cleaned[key] = _coerce(question, raw)
        except (ValidationError, ValueError) as error:
            errors[key] = error.messages if isinstance(error, ValidationError) else [_("Enter a valid date.")]
    for key, reason in not_applicable.items():
        if key in questions and not questions[key].allow_not_applicable:
            errors[key] = [_("This question cannot be answered “not applicable”.")]
        elif key in questions and not reason.strip():
            errors[key] = [_("Give a reason why the question does not apply.")]
    if errors:
        raise ValidationError(errors)
    for key in set(cleaned) | set(not_applicable):
        reason = not_applicable.get(key, "").strip()
        Answer.objects.update_or_create(
            self_assessment=sheet,
            question=questions[key],
            defaults={
                "value": None if reason else cleaned.get(key),
                "not_applicable": bool(reason),
                "not_applicable_reason": reason,
            },
        )
    record("followup.answers.saved", sheet, actor=acting_user, changes={"questions": sorted(cleaned)})
    return sheet


@transaction.atomic
def upload_answer_document(
    *, acting_user, case: FollowUpCase, question: Question, uploaded, document_date=None, valid_until=None
) -> EvidenceDocument:
    """Attach evidence to a document question (size and real type checked)."""
    sheet = _editable_sheet(acting_user, case)
    if question.questionnaire_id != sheet.questionnaire_id or question.qtype != QuestionType.DOCUMENT:
        raise ValidationError(_("This question does not take documents."))
    if document_date and valid_until and valid_until < document_date:
        raise ValidationError(_("The document cannot expire before it was dated."))
    return save_document(
        acting_user=acting_user,
        case=case,
        uploaded=uploaded,
        from_supplier=True,
        question=question,
        document_date=document_date,
        valid_until=valid_until,
    )


def missing_answers(sheet: SelfAssessment) -> list[Question]:
    answers = {a.question_id: a for a in sheet.answers.all()}
    documents = set(sheet.case.documents.exclude(question=None).values_list("question_id", flat=True))
    missing = []
    for question in visible_questions(sheet, answers):
        answer = answers.get(question.pk)
        if not question.required or (answer and answer.not_applicable):
            continue
        if question.qtype == QuestionType.DOCUMENT:
            if question.pk not in documents:
                missing.append(question)
        elif answer is None or answer.value in (None, "", []):
            missing.append(question)
    return missing


@transaction.atomic
def submit_self_assessment(*, acting_user, case: FollowUpCase) -> SelfAssessment:
    """The supplier submits; every required visible question must be answered (or marked not applicable)."""
    sheet = _editable_sheet(acting_user, case)
    missing = missing_answers(sheet)
    if missing:
        raise ValidationError(
            _("%(count)d required questions are not answered yet, e.g. “%(first)s”.")
            % {"count": len(missing), "first": missing[0].text}
        )
    sheet.status, sheet.submitted_at, sheet.submitted_by = (
        SelfAssessmentStatus.SUBMITTED,
        timezone.now(),
        acting_user,
    )
    sheet.save()
    _prefill_assessments(sheet)
    transition(case, CaseStatus.STEP1_SUBMITTED, acting_user=acting_user)
    event(
        case,
        EventKind.SUBMITTED,
        gettext_noop("The supplier submitted the self-assessment."),
        actor=acting_user,
    )
    return sheet


def _matches(
    question: Question, answer: Answer | None, documents: dict[int, list[EvidenceDocument]], today
) -> bool | None:
    if answer is not None and answer.not_applicable:
        return None
    if question.qtype == QuestionType.DOCUMENT:
        return any(d.valid_until is None or d.valid_until >= today for d in documents.get(question.pk, []))
    if answer is None or answer.value in (None, "", []):
        return False
    if question.qtype == QuestionType.NUMBER:
        return float(answer.value) >= float(question.expected)
    if question.qtype == QuestionType.MULTIPLE:
        return question.expected in answer.value
    return str(answer.value) == question.expected


def proposals(sheet: SelfAssessment) -> dict[int, str]:
    """Kedja's proposed rating per requirement, from the expected answers (see rules.proposal_from_answers)."""
    today = timezone.localdate()
    answers = {a.question_id: a for a in sheet.answers.all()}
    documents: dict[int, list[EvidenceDocument]] = {}
    for document in sheet.case.documents.exclude(question=None):
        documents.setdefault(document.question_id, []).append(document)
    by_requirement: dict[int, list[bool | None]] = {}
    for question in sheet.questionnaire.questions.exclude(requirement=None):
        by_requirement.setdefault(question.requirement_id, [])
    for question in visible_questions(sheet, answers):
        if question.requirement_id and question.expected:
            by_requirement[question.requirement_id].append(
                _matches(question, answers.get(question.pk), documents, today)
            )
    return {rid: proposal_from_answers(m) or Rating.NOT_FULFILLED for rid, m in by_requirement.items()}


def _prefill_assessments(sheet: SelfAssessment) -> None:
    for requirement_id, proposal in proposals(sheet).items():
        RequirementAssessment.objects.update_or_create(
            self_assessment=sheet, requirement_id=requirement_id, defaults={"proposal": proposal}
        )


@transaction.atomic
def return_self_assessment(*, acting_user, case: FollowUpCase, reason: str) -> SelfAssessment:
    """Send the answers back to the supplier for completion."""
    check_may_assess(acting_user, case)
    require_status(case, [CaseStatus.STEP1_SUBMITTED])
    if not reason.strip():
        raise ValidationError(_("Tell the supplier what to complete."))
    sheet = case.self_assessment
    sheet.status = SelfAssessmentStatus.DRAFT
    sheet.save(update_fields=["status", "updated_at"])
    transition(case, CaseStatus.STEP1_SENT, acting_user=acting_user, reason=reason)
    return sheet


@transaction.atomic
def assess_requirements(
    *, acting_user, case: FollowUpCase, ratings: dict[int, tuple[str, str]]
) -> list[RequirementAssessment]:
    """Record the reviewer's rating and comment per requirement (by requirement id)."""
    check_may_assess(acting_user, case)
    require_status(case, [CaseStatus.STEP1_SUBMITTED])
    rows = {a.requirement_id: a for a in case.self_assessment.assessments.all()}
    for requirement_id, (rating, comment) in ratings.items():
        if requirement_id not in rows:
            raise ValidationError(_("This requirement is not part of the questionnaire."))
        if rating and rating not in Rating.values:
            raise ValidationError(_("Unknown rating."))
        row = rows[requirement_id]
        changes = {"rating": [row.rating, rating], "comment": [row.comment, comment]}
        row.rating, row.comment, row.assessed_by = rating, comment, acting_user
        row.save()
        record("followup.assessment.rated", row, actor=acting_user, changes=changes)
    return list(rows.values())


@transaction.atomic
def conclude_step1(*, acting_user, case: FollowUpCase, recommendation: str, reason: str) -> FollowUpCase:
    """Conclude the review with a recommendation (close or escalate to step 2) and a reason."""
    check_may_assess(acting_user, case)
    require_status(case, [CaseStatus.STEP1_SUBMITTED])
    if case.self_assessment.assessments.filter(rating="").exists():
        raise ValidationError(_("Rate every requirement before concluding."))
    if recommendation not in ("close", "escalate") or not reason.strip():
        raise ValidationError(_("Choose a recommendation and give a reason."))
    case.step1_recommendation, case.step1_reason = recommendation, reason.strip()
    case.save(update_fields=["step1_recommendation", "step1_reason", "updated_at"])
    transition(case, CaseStatus.STEP1_ASSESSED, acting_user=acting_user, reason=reason)
    return case


@transaction.atomic
def escalate_to_step2(*, acting_user, case: FollowUpCase, reason: str, product: str) -> FollowUpCase:
    """Go on to the office audit of one product (insufficient self-assessment or high-risk product)."""
    check_may_change(acting_user, case)
    require_status(case, [CaseStatus.STEP1_ASSESSED])
    if not reason.strip() or not product.strip():
        raise ValidationError(_("Name the product and give a reason for the office audit."))
    case.step2_reason = reason.strip()
    case.products = case.products or product.strip()
    case.save(update_fields=["step2_reason", "products", "updated_at"])
    transition(case, CaseStatus.STEP2, acting_user=acting_user, step=2, reason=reason)
    return case


@transaction.atomic
def note_reminder_sent(*, sheet: SelfAssessment, key: str, acting_user=None) -> bool:
    """Mark a reminder as sent (once per key); False when it had already been sent."""
    sheet = SelfAssessment.objects.select_for_update().get(pk=sheet.pk)
    if key in sheet.reminders_sent:
        return False
    sheet.reminders_sent = [*sheet.reminders_sent, key]
    sheet.save(update_fields=["reminders_sent", "updated_at"])
    record("followup.reminder.sent", sheet, actor=acting_user, changes={"reminder": key})
    event(sheet.case, EventKind.REMINDER, gettext_noop("Reminder sent to the supplier (%(key)s)."), key=key)
    return True
