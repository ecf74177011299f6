"""Step 1 answered once for all regions: requests to the supplier, its answer versions, confirmation.

A supplier answers one questionnaire version once. Every case that needs that answer joins the one
open request (a named constraint allows no second), and a new case within the answer's validity
only asks the supplier to confirm it still holds. After the validity ends a fresh answer is asked
for, prefilled from the last one.
"""

from datetime import date
from functools import partial
from typing import Any, TypedDict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.core.audit import record, record_many
from kedja.notifications import events as notify
from kedja.organisations.models import Membership, Organisation, Role, User
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category
from kedja.suppliers import actions as library
from kedja.suppliers.models import DocumentKind, Freshness, LibraryDocument

from ..answer_queries import (
    QuestionnaireNotBuilt,
    Reach,
    is_reachable,
    latest_submitted,
    missing_answers,
    questionnaire_for_case,
    reachability,
    unreachable_message,
    valid_until_from,
)
from ..models import (
    OPEN_STATUSES,
    Answer,
    AnswerRequest,
    AnswerRequestStatus,
    CaseStatus,
    EventKind,
    FollowUpCase,
    Invitation,
    Question,
    Questionnaire,
    QuestionType,
    RequestKind,
    SelfAssessment,
    SelfAssessmentStatus,
)
from ._common import check_may_change, event, require_status, transition
from .step1 import _built_for

# Sending ----------------------------------------------------------------------------------------


@transaction.atomic
def send_self_assessment(
    *, acting_user: User, case: FollowUpCase, deadline: date, questionnaire: Questionnaire | None = None
) -> AnswerRequest:
    """Ask the supplier for step 1 of this case: join its open request for the questionnaire, or open
    one (a confirmation while an earlier answer is valid, else a fresh answer, prefilled).

    Refused before anything is sent when no contact at the supplier can be reached."""
    check_may_change(acting_user, case)
    require_status(case, [CaseStatus.DRAFT])
    if deadline <= timezone.localdate():
        raise ValidationError(_("The deadline must be in the future."))
    try:
        questionnaire = questionnaire_for_case(case, questionnaire)
    except QuestionnaireNotBuilt as missing:
        questionnaire = _built_for(missing, acting_user)
    facts = reachability([case.supplier_id])[case.supplier_id]
    if not is_reachable(facts):
        raise ValidationError(unreachable_message(case.supplier))
    return _attach(case, questionnaire, deadline, acting_user, facts)


def _attach(
    case: FollowUpCase, questionnaire: Questionnaire, deadline: date, acting_user: User, facts: Reach
) -> AnswerRequest:
    request = _open_request_of(case.supplier_id, questionnaire.pk)
    joined = request is not None
    if request is None:
        try:
            with transaction.atomic():
                request = _new_request(case.supplier, questionnaire, deadline, acting_user)
        except IntegrityError:
            # Another send-out opened it at the same moment: join that one.
            existing = _open_request_of(case.supplier_id, questionnaire.pk)
            if existing is None:
                raise  # the conflict was not an open request: nothing to join
            request, joined = existing, True
        else:
            _invite(request, facts, acting_user)
    case.answer_request, case.self_assessment = request, request.self_assessment
    case.save(update_fields=["answer_request", "self_assessment", "updated_at"])
    transition(case, CaseStatus.STEP1_SENT, acting_user=acting_user, step=1)
    _log_sent(case, request, joined, acting_user)
    return request


def _open_request_of(supplier_id: int, questionnaire_id: int) -> AnswerRequest | None:
    return (
        AnswerRequest.objects.select_for_update()
        .select_related("self_assessment")
        .filter(supplier_id=supplier_id, questionnaire_id=questionnaire_id, status=AnswerRequestStatus.OPEN)
        .first()
    )


def _log_sent(case: FollowUpCase, request: AnswerRequest, joined: bool, acting_user: User) -> None:
    message, params = _sent_message(request, joined)
    event(case, EventKind.INVITED, message, actor=acting_user, **params)


class SentParams(TypedDict):
    sent: str
    deadline: str
    version: str


def _sent_message(request: AnswerRequest, joined: bool) -> tuple[str, SentParams]:
    """The timeline entry of a case sent to `request` (joined: the request was open before), case by
    case or in the bulk send-out: the untranslated message and its parameters."""
    if joined:
        message = gettext_noop(
            "Joined the supplier's open request sent on %(sent)s; answers due %(deadline)s."
        )
    elif request.kind == RequestKind.CONFIRM:
        message = gettext_noop(
            "The supplier was asked to confirm its valid answer (version %(version)s); due %(deadline)s."
        )
    else:
        message = gettext_noop("Self-assessment sent; answers due %(deadline)s.")
    params: SentParams = {
        "sent": request.sent_on.isoformat(),
        "deadline": request.deadline.isoformat(),
        "version": str(request.self_assessment.number),
    }
    return message, params


def _new_request(
    supplier: Organisation, questionnaire: Questionnaire, deadline: date, acting_user: User
) -> AnswerRequest:
    today = timezone.localdate()
    last = latest_submitted(supplier.pk, questionnaire)
    if last is not None and last.questionnaire_id == questionnaire.pk and last.is_valid_on(today):
        kind, sheet = RequestKind.CONFIRM, last
    else:
        kind, sheet = RequestKind.ANSWER, _draft_of(supplier, questionnaire, based_on=last)
    request = AnswerRequest.objects.create(
        supplier=supplier,
        questionnaire=questionnaire,
        kind=kind,
        self_assessment=sheet,
        sent_on=today,
        deadline=deadline,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    record(
        "followup.request.opened", request, actor=acting_user, changes={"kind": kind, "answer": sheet.number}
    )
    return request


def _draft_of(
    supplier: Organisation, questionnaire: Questionnaire, *, based_on: SelfAssessment | None
) -> SelfAssessment:
    """The open draft of this questionnaire, or a new version prefilled from `based_on`."""
    draft = SelfAssessment.objects.filter(
        supplier=supplier, questionnaire=questionnaire, status=SelfAssessmentStatus.DRAFT
    ).first()
    if draft is not None:
        return draft
    top = SelfAssessment.objects.filter(supplier=supplier, questionnaire=questionnaire).aggregate(
        n=Max("number")
    )["n"]
    draft = SelfAssessment.objects.create(
        supplier=supplier, questionnaire=questionnaire, number=(top or 0) + 1, based_on=based_on
    )
    if based_on is not None:
        _prefill(draft, based_on)
    return draft


def _prefill(draft: SelfAssessment, source: SelfAssessment) -> None:
    """Copy the earlier answers (matched by question key, so a newer questionnaire version works)."""
    questions = {q.key: q for q in draft.questionnaire.questions.all()}
    for answer in source.answers.select_related("question").prefetch_related("documents"):
        question = questions.get(answer.question.key)
        if question is None:
            continue
        copy = Answer.objects.create(
            self_assessment=draft,
            question=question,
            value=answer.value,
            not_applicable=answer.not_applicable,
            not_applicable_reason=answer.not_applicable_reason,
        )
        copy.documents.set([d for d in answer.documents.all() if not d.is_archived])


def _invite(request: AnswerRequest, facts: Reach, acting_user: User) -> list[Invitation]:
    """Invitations for the supplier's contacts; a due-diligence contact without an account gets one
    (the e-mail carries a link to choose a password). The e-mails go out after commit."""
    invitations = [Invitation(request=request, user=user, email=user.email) for user in facts["members"]]
    for contact in facts["to_invite"]:
        user = User.objects.create_user(email=contact.email, full_name=contact.name)
        Membership.objects.create(
            user=user,
            organisation=request.supplier,
            role=Role.SUPPLIER_CONTACT,
            title=contact.role,
            is_due_diligence_contact=True,
        )
        record(
            "organisations.membership.invited",
            request.supplier,
            actor=acting_user,
            changes={"email": user.email, "role": Role.SUPPLIER_CONTACT, "for": "self-assessment"},
        )
        invitations.append(Invitation(request=request, user=user, email=user.email, created_account=True))
    Invitation.objects.bulk_create(invitations)
    from .. import tasks

    transaction.on_commit(partial(tasks.send_request_invitations.enqueue, request.pk))
    return invitations


class SendOut(TypedDict):
    """What a send-out did: the requests sent (or joined), the cases left in draft and why."""

    sent: list[AnswerRequest]
    unreachable: list[FollowUpCase]
    refused: list[tuple[FollowUpCase, str]]


class CategorySendOut(SendOut):
    cases: list[FollowUpCase]


# The supplier answers ---------------------------------------------------------------------------


def _check_answers_for(acting_user: User, supplier_id: int) -> None:
    if supplier_id not in actor_for(acting_user).supplier_ids:
        raise PermissionDenied(_("Only the supplier's own contacts may answer for it."))


def _editable(acting_user: User, sheet: SelfAssessment) -> SelfAssessment:
    _check_answers_for(acting_user, sheet.supplier_id)
    if sheet.status != SelfAssessmentStatus.DRAFT:
        raise ValidationError(_("This answer is submitted; it can no longer be changed."))
    return sheet


def _coerce(question: Question, raw: object) -> object:
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
        text = str(raw)
        try:
            return float(text) if "." in text else int(text)
        except ValueError:
            raise ValidationError(_("Enter a number.")) from None
    if qtype == QuestionType.DATE:
        return raw.isoformat() if isinstance(raw, date) else date.fromisoformat(str(raw)).isoformat()
    return raw


@transaction.atomic
def save_answers(
    *,
    acting_user: User,
    sheet: SelfAssessment,
    values: dict[str, object],
    not_applicable: dict[str, str] | None = None,
) -> SelfAssessment:
    """Save the supplier's draft answers (by question key). Nothing is saved if one answer is wrong."""
    _editable(acting_user, sheet)
    questions = {q.key: q for q in sheet.questionnaire.questions.all()}
    not_applicable = not_applicable or {}
    errors, cleaned = {}, {}
    for key, raw in values.items():
        if key not in questions:
            continue
        try:
            cleaned[key] = _coerce(questions[key], raw)
        except (ValidationError, ValueError) as error:
            errors[key] = error.messages if isinstance(error, ValidationError) else [_("Enter a valid date.")]
    for key, reason in not_applicable.items():
        if key in questions and not questions[key].allow_not_applicable:
            errors[key] = [_("This question cannot be answered “not applicable”.")]
        elif key in questions and not reason.strip():
            errors[key] = [_("Give a reason why the question does not apply.")]
    if errors:
        raise ValidationError(errors)
    keys = set(cleaned) | set(not_applicable)
    before = {
        a.question.key: a for a in sheet.answers.filter(question__key__in=keys).select_related("question")
    }
    overwritten = []
    for key in keys:
        reason = not_applicable.get(key, "").strip()
        answer, _created = Answer.objects.update_or_create(
            self_assessment=sheet,
            question=questions[key],
            defaults={
                "value": None if reason else cleaned.get(key),
                "not_applicable": bool(reason),
                "not_applicable_reason": reason,
            },
        )
        changes = _overwritten(before.get(key), answer)
        if changes:
            overwritten.append(("followup.answer.changed", answer, changes))
    record("followup.answers.saved", sheet, actor=acting_user, changes={"questions": sorted(cleaned)})
    record_many(overwritten, actor=acting_user)
    return sheet


def _overwritten(old: Answer | None, new: Answer) -> dict[str, Any]:
    """What a saved answer overwrote, as [old, new]: the versions its history keeps."""
    if old is None:
        return {}
    changes = {}
    if old.value != new.value:
        changes["answer"] = [old.value, new.value]
    if old.not_applicable_reason != new.not_applicable_reason:
        changes["reason_not_applicable"] = [old.not_applicable_reason, new.not_applicable_reason]
    return changes


def _document_answer(sheet: SelfAssessment, question: Question) -> Answer:
    if question.questionnaire_id != sheet.questionnaire_id or question.qtype != QuestionType.DOCUMENT:
        raise ValidationError(_("This question does not take documents."))
    answer, _created = Answer.objects.get_or_create(self_assessment=sheet, question=question)
    return answer


@transaction.atomic
def link_documents(
    *, acting_user: User, sheet: SelfAssessment, question: Question, documents: list[LibraryDocument]
) -> Answer:
    """Answer a document question with documents already in the supplier's library."""
    _editable(acting_user, sheet)
    if any(d.supplier_id != sheet.supplier_id or d.is_archived for d in documents):
        raise ValidationError(_("Choose documents from your own library."))
    answer = _document_answer(sheet, question)
    answer.documents.add(*documents)
    if question.requirement_id is not None:
        # The library then shows which requirements each document supports.
        for document in documents:
            document.requirements.add(question.requirement_id)
    record(
        "followup.answer.documents_linked",
        sheet,
        actor=acting_user,
        changes={question.key: [d.pk for d in documents]},
    )
    return answer


@transaction.atomic
def unlink_document(
    *, acting_user: User, sheet: SelfAssessment, question: Question, document: LibraryDocument
) -> Answer:
    """Take a document off an answer; it stays in the library."""
    _editable(acting_user, sheet)
    answer = _document_answer(sheet, question)
    answer.documents.remove(document)
    record("followup.answer.document_unlinked", sheet, actor=acting_user, changes={question.key: document.pk})
    return answer


@transaction.atomic
def upload_answer_document(
    *,
    acting_user: User,
    sheet: SelfAssessment,
    question: Question,
    uploaded: UploadedFile[bytes],
    title: str = "",
    kind: str = DocumentKind.OTHER,
    issued_on: date | None = None,
    valid_until: date | None = None,
) -> LibraryDocument:
    """Upload a document into the supplier's library and link it from this answer in one step."""
    _editable(acting_user, sheet)
    _document_answer(sheet, question)
    document = library.add_document(
        acting_user=acting_user,
        supplier=sheet.supplier,
        uploaded=uploaded,
        title=title,
        kind=kind,
        issued_on=issued_on,
        valid_until=valid_until,
    )
    link_documents(acting_user=acting_user, sheet=sheet, question=question, documents=[document])
    return document


@transaction.atomic
def submit_self_assessment(*, acting_user: User, sheet: SelfAssessment) -> SelfAssessment:
    """The supplier submits its answer; every case waiting on it moves on to review at once."""
    _editable(acting_user, sheet)
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
    sheet.valid_until = valid_until_from(timezone.localdate())
    sheet.save()
    from .step1 import _prefill_assessments

    _prefill_assessments(sheet)
    record("followup.answers.submitted", sheet, actor=acting_user, changes={"valid_until": sheet.valid_until})
    for request in sheet.requests.filter(status=AnswerRequestStatus.OPEN):
        _complete(request, acting_user, gettext_noop("The supplier submitted the self-assessment."))
    return sheet


def _complete(request: AnswerRequest, acting_user: User, message: str) -> None:
    request.status, request.completed_at, request.completed_by = (
        AnswerRequestStatus.COMPLETED,
        timezone.now(),
        acting_user,
    )
    request.save(update_fields=["status", "completed_at", "completed_by", "updated_at"])
    for case in request.cases.filter(status=CaseStatus.STEP1_SENT):
        case.self_assessment = request.self_assessment
        case.save(update_fields=["self_assessment", "updated_at"])
        transition(case, CaseStatus.STEP1_SUBMITTED, acting_user=acting_user)
        event(case, EventKind.SUBMITTED, message, actor=acting_user, version=request.self_assessment.number)
        notify.self_assessment_submitted(case)


def _open_request_for_supplier(acting_user: User, request: AnswerRequest) -> AnswerRequest:
    _check_answers_for(acting_user, request.supplier_id)
    request = AnswerRequest.objects.select_for_update().select_related("self_assessment").get(pk=request.pk)
    if not request.is_open:
        raise ValidationError(_("This request is already completed."))
    return request


@transaction.atomic
def confirm_answer(*, acting_user: User, request: AnswerRequest) -> AnswerRequest:
    """The supplier confirms that its valid earlier answer still holds; the cases use it as it is."""
    request = _open_request_for_supplier(acting_user, request)
    if request.kind != RequestKind.CONFIRM:
        raise ValidationError(_("This request asks for answers, not a confirmation."))
    if not request.self_assessment.is_valid_on(timezone.localdate()):
        raise ValidationError(_("The earlier answer is no longer valid: update it instead."))
    record(
        "followup.request.confirmed",
        request,
        actor=acting_user,
        changes={"answer": request.self_assessment.number},
    )
    _complete(
        request, acting_user, gettext_noop("The supplier confirmed that its earlier answer still holds.")
    )
    return request


@transaction.atomic
def update_answer(*, acting_user: User, request: AnswerRequest) -> SelfAssessment:
    """Instead of confirming, the supplier updates what changed: a new version prefilled from the
    earlier one; the request then waits for that version."""
    request = _open_request_for_supplier(acting_user, request)
    if request.kind != RequestKind.CONFIRM:
        return request.self_assessment
    draft = _draft_of(request.supplier, request.questionnaire, based_on=request.self_assessment)
    request.kind, request.self_assessment = RequestKind.ANSWER, draft
    request.save(update_fields=["kind", "self_assessment", "updated_at"])
    request.cases.filter(status=CaseStatus.STEP1_SENT).update(self_assessment=draft)
    record("followup.request.updating", request, actor=acting_user, changes={"answer": draft.number})
    return draft


# Leaving and reminding --------------------------------------------------------------------------


@transaction.atomic
def leave_request(*, acting_user: User, case: FollowUpCase) -> None:
    """The case no longer waits on the supplier (cancelled, or a reused result); the request is
    withdrawn when no other case waits on it."""
    request = case.answer_request
    if request is None or not request.is_open:
        return
    case.answer_request = None
    case.save(update_fields=["answer_request", "updated_at"])
    if not request.cases.filter(status=CaseStatus.STEP1_SENT).exclude(pk=case.pk).exists():
        request.status = AnswerRequestStatus.WITHDRAWN
        request.save(update_fields=["status", "updated_at"])
        record("followup.request.withdrawn", request, actor=acting_user, changes={"case": case.pk})


@transaction.atomic
def note_reminder_sent(
    *, request: AnswerRequest, key: str, recipients: list[str], acting_user: User | None = None
) -> bool:
    """Mark a reminder as sent (once per key) on every case waiting and on the invitations of the
    people it goes to; False when it had already been sent."""
    request = AnswerRequest.objects.select_for_update().get(pk=request.pk)
    if key in request.reminders_sent:
        return False
    request.reminders_sent = [*request.reminders_sent, key]
    request.save(update_fields=["reminders_sent", "updated_at"])
    request.invitations.filter(email__in=recipients).update(
        reminders=F("reminders") + 1, last_reminded_at=timezone.now()
    )
    record("followup.reminder.sent", request, actor=acting_user, changes={"reminder": key})
    for case in request.cases.all():
        event(case, EventKind.REMINDER, gettext_noop("Reminder sent to the supplier (%(key)s)."), key=key)
    return True


@transaction.atomic
def note_expiry_notice(*, sheet: SelfAssessment, key: str, acting_user: User | None = None) -> bool:
    """Mark an expiry notice of the supplier's answer as sent (once per key) and flag it on every
    open case relying on it; False when it had already been sent."""
    sheet = SelfAssessment.objects.select_for_update().get(pk=sheet.pk)
    if key in sheet.expiry_notices or sheet.valid_until is None:
        return False
    sheet.expiry_notices = [*sheet.expiry_notices, key]
    sheet.save(update_fields=["expiry_notices", "updated_at"])
    record("followup.answers.expiry_noticed", sheet, actor=acting_user, changes={"notice": key})
    message = (
        gettext_noop(
            "The supplier's self-assessment expired on %(day)s: a new case will ask for a fresh answer."
        )
        if key.startswith("expired")
        else gettext_noop("The supplier's self-assessment expires on %(day)s.")
    )
    for case in sheet.cases.filter(status__in=OPEN_STATUSES):
        event(case, EventKind.REMINDER, message, day=sheet.valid_until.isoformat())
    return True


@transaction.atomic
def flag_document_expiry(
    *, document: LibraryDocument, key: str, acting_user: User | None = None
) -> list[FollowUpCase]:
    """Flag an expiring library document on the open cases whose answers rely on it."""
    cases = list(
        FollowUpCase.objects.filter(
            status__in=OPEN_STATUSES, self_assessment__answers__documents=document
        ).distinct()
    )
    message, day, months = _document_flag(document, key)
    for case in cases:
        event(case, EventKind.REMINDER, message, title=document.title, day=day, months=months)
    record(
        "followup.document_expiry.flagged",
        document,
        actor=acting_user,
        changes={"cases": len(cases), "key": key},
    )
    return cases


def _document_flag(document: LibraryDocument, key: str) -> tuple[str, str, str]:
    """The timeline message of a document notice (by its key), the day it names and, for a
    revision notice, the months since issue that made it."""
    if key.startswith((Freshness.OUT_OF_DATE, Freshness.REVISION_DUE)):
        out_of_date = key.startswith(Freshness.OUT_OF_DATE)
        months = (
            settings.KEDJA_DOCUMENT_OUT_OF_DATE_MONTHS
            if out_of_date
            else settings.KEDJA_DOCUMENT_REVISION_DUE_MONTHS
        )
        message = (
            gettext_noop(
                "A document the supplier's answer relies on (%(title)s) is out of date: issued on %(day)s, more than %(months)s months ago."
            )
            if out_of_date
            else gettext_noop(
                "A document the supplier's answer relies on (%(title)s) is due for revision: issued on %(day)s, more than %(months)s months ago."
            )
        )
        issued = document.issued_on
        return message, issued.isoformat() if issued else "", str(months)
    message = (
        gettext_noop("A document the supplier's answer relies on (%(title)s) expired on %(day)s.")
        if key.startswith("expired")
        else gettext_noop("A document the supplier's answer relies on (%(title)s) expires on %(day)s.")
    )
    valid_until = document.valid_until
    return message, valid_until.isoformat() if valid_until else "", ""


@transaction.atomic
def send_out_category(
    *, acting_user: User, category: Category, year: int, deadline: date | None = None
) -> CategorySendOut:
    """The yearly send-out of a category: the joint cases, and with a deadline step 1 at once.
    Suppliers that already have an open request join it; the unreachable are reported, not sent."""
    from .cases import start_cases_for_category
    from .send_out import send_self_assessments

    cases = start_cases_for_category(acting_user=acting_user, category=category, year=year)
    result: SendOut = (
        send_self_assessments(acting_user=acting_user, cases=cases, deadline=deadline)
        if deadline
        else {"sent": [], "unreachable": [], "refused": []}
    )
    return {**result, "cases": cases}
