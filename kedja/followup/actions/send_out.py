"""Step 1 for many cases at once (the yearly and national send-out), set-based.

The same outcome as `send_self_assessment` case by case — one open request per supplier and
questionnaire, joined when it exists, invitations for contacts without accounts, a timeline and an
audit trail per case — in a constant number of statements whatever the number of suppliers: bulk
reads, bulk creates, the audit entries and timeline events batched, and one e-mail task.
"""

from datetime import date
from functools import partial
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.contracts.models import SupplierContact
from kedja.core.audit import record_many
from kedja.organisations.models import Membership, Organisation, Role, User

from ..answer_queries import Reach, is_reachable, questionnaires_for_cases, reachability
from ..models import (
    AnswerRequest,
    AnswerRequestStatus,
    CaseEvent,
    CaseStatus,
    EventKind,
    FollowUpCase,
    Invitation,
    Questionnaire,
    RequestKind,
    SelfAssessment,
    SelfAssessmentStatus,
)
from ._common import check_may_change, require_status
from .answers import SendOut, _attach, _prefill, _sent_message
from .step1 import _build_missing

# A case to send with its questionnaire; (supplier, questionnaire) → (open request, joined); an audit entry.
_Pending = tuple[FollowUpCase, Questionnaire]
_Opened = dict[tuple[int, int], tuple[AnswerRequest, bool]]
_Entry = tuple[str, Model, dict[str, Any]]


@transaction.atomic
def send_self_assessments(*, acting_user: User, cases: list[FollowUpCase], deadline: date) -> SendOut:
    """Step 1 for many draft cases at once (the yearly send-out). Cases of suppliers nobody can be
    reached at stay in draft and are reported as `unreachable`, never sent to no one; cases whose
    questionnaire cannot be told are reported as `refused` with the reason."""
    result: SendOut = {"sent": [], "unreachable": [], "refused": []}
    if not cases:
        return result
    if deadline is None or deadline <= timezone.localdate():
        raise ValidationError(_("The deadline must be in the future."))
    for case in cases:
        check_may_change(acting_user, case)
        require_status(case, [CaseStatus.DRAFT])
    facts = reachability({c.supplier_id for c in cases})
    questionnaires = questionnaires_for_cases(cases)
    if _build_missing(questionnaires.values(), acting_user):
        questionnaires = questionnaires_for_cases(cases)
    todo: list[_Pending] = []
    for case in cases:
        found = questionnaires[case.pk]
        if not is_reachable(facts[case.supplier_id]):
            result["unreachable"].append(case)
        elif isinstance(found, ValidationError):
            result["refused"].append((case, " ".join(found.messages)))
        else:
            todo.append((case, found))
    try:
        with transaction.atomic():
            requests = _requests_for(todo, deadline, acting_user, facts)
    except IntegrityError:
        # Another send-out opened one of these requests at the same moment: case by case, joining.
        result["sent"] = [_attach(c, q, deadline, acting_user, facts[c.supplier_id]) for c, q in todo]
        return result
    _mark_sent(todo, requests, acting_user)
    result["sent"] = [requests[(c.supplier_id, q.pk)][0] for c, q in todo]
    return result


def _requests_for(
    todo: list[_Pending], deadline: date, acting_user: User, facts: dict[int, Reach]
) -> _Opened:
    """(supplier, questionnaire) → (its open request, whether it was open before)."""
    keys = {(c.supplier_id, q.pk) for c, q in todo}
    open_requests = AnswerRequest.objects.select_for_update().select_related("self_assessment")
    found = {
        (r.supplier_id, r.questionnaire_id): (r, True)
        for r in open_requests.filter(
            supplier_id__in={s for s, _q in keys},
            questionnaire_id__in={q for _s, q in keys},
            status=AnswerRequestStatus.OPEN,
        )
        if (r.supplier_id, r.questionnaire_id) in keys
    }
    missing: dict[tuple[int, int], tuple[Organisation, Questionnaire]] = {}
    for case, questionnaire in todo:
        key = (case.supplier_id, questionnaire.pk)
        if key not in found:
            missing[key] = (case.supplier, questionnaire)
    if missing:
        for request in _open_requests(list(missing.values()), deadline, acting_user, facts):
            found[(request.supplier_id, request.questionnaire_id)] = (request, False)
    return found


def _latest_submitted(
    pairs: list[tuple[Organisation, Questionnaire]],
) -> dict[tuple[int, str], SelfAssessment]:
    """Per (supplier, questionnaire key): the last submitted answer, in one query."""
    rows = SelfAssessment.objects.filter(
        supplier_id__in={s.pk for s, _q in pairs},
        questionnaire__key__in={q.key for _s, q in pairs},
        status=SelfAssessmentStatus.SUBMITTED,
    ).select_related("questionnaire")
    latest: dict[tuple[int, str], SelfAssessment] = {}
    for sheet in rows.order_by("-submitted_at", "-pk"):
        latest.setdefault((sheet.supplier_id, sheet.questionnaire.key), sheet)
    return latest


def _open_requests(
    pairs: list[tuple[Organisation, Questionnaire]],
    deadline: date,
    acting_user: User,
    facts: dict[int, Reach],
) -> list[AnswerRequest]:
    """New open requests for (supplier, questionnaire) pairs: a confirmation of a valid answer, else
    a fresh version (the existing draft, or a new one prefilled from the last answer)."""
    today = timezone.localdate()
    latest = _latest_submitted(pairs)
    sheets: dict[tuple[int, int], tuple[str, SelfAssessment]] = {}
    answer_pairs: list[tuple[Organisation, Questionnaire, SelfAssessment | None]] = []
    for supplier, questionnaire in pairs:
        last = latest.get((supplier.pk, questionnaire.key))
        if last is not None and last.questionnaire_id == questionnaire.pk and last.is_valid_on(today):
            sheets[(supplier.pk, questionnaire.pk)] = (RequestKind.CONFIRM, last)
        else:
            answer_pairs.append((supplier, questionnaire, last))
    for key, draft in _drafts_for(answer_pairs).items():
        sheets[key] = (RequestKind.ANSWER, draft)
    created_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    requests = AnswerRequest.objects.bulk_create(
        [
            AnswerRequest(
                supplier=supplier,
                questionnaire=questionnaire,
                kind=sheets[(supplier.pk, questionnaire.pk)][0],
                self_assessment=sheets[(supplier.pk, questionnaire.pk)][1],
                sent_on=today,
                deadline=deadline,
                created_by=created_by,
            )
            for supplier, questionnaire in pairs
        ],
        batch_size=500,
    )
    audit: list[_Entry] = [
        ("followup.request.opened", r, {"kind": r.kind, "answer": r.self_assessment.number}) for r in requests
    ]
    audit += _invite_all(requests, facts)
    record_many(audit, actor=acting_user)
    from .. import tasks

    transaction.on_commit(partial(tasks.send_invitations.enqueue, [r.pk for r in requests]))
    return requests


def _drafts_for(
    pairs: list[tuple[Organisation, Questionnaire, SelfAssessment | None]],
) -> dict[tuple[int, int], SelfAssessment]:
    """The open draft per (supplier, questionnaire), new ones created numbered after the last."""
    if not pairs:
        return {}
    suppliers, questionnaires = {s.pk for s, _q, _l in pairs}, {q.pk for _s, q, _l in pairs}
    mine = SelfAssessment.objects.filter(supplier_id__in=suppliers, questionnaire_id__in=questionnaires)
    drafts = {(d.supplier_id, d.questionnaire_id): d for d in mine.filter(status=SelfAssessmentStatus.DRAFT)}
    tops = {
        (row["supplier_id"], row["questionnaire_id"]): row["n"]
        for row in mine.values("supplier_id", "questionnaire_id").annotate(n=Max("number"))
    }
    new = [
        SelfAssessment(supplier=s, questionnaire=q, number=(tops.get((s.pk, q.pk)) or 0) + 1, based_on=last)
        for s, q, last in pairs
        if (s.pk, q.pk) not in drafts
    ]
    for draft in SelfAssessment.objects.bulk_create(new, batch_size=500):
        drafts[(draft.supplier_id, draft.questionnaire_id)] = draft
        if draft.based_on is not None:
            # Only a supplier whose earlier answer has lapsed: its answers are copied over.
            _prefill(draft, draft.based_on)
    return drafts


def _invite_all(requests: list[AnswerRequest], facts: dict[int, Reach]) -> list[_Entry]:
    """Invitations for every new request; due-diligence contacts without an account get one (bulk),
    with the audit entries to record."""
    contacts: list[tuple[AnswerRequest, SupplierContact]] = [
        (r, c) for r in requests for c in facts[r.supplier_id]["to_invite"]
    ]
    users = User.objects.bulk_create(
        [
            User(
                email=User.objects.normalize_email(c.email).lower(),
                full_name=c.name,
                password=make_password(None),
            )
            for _r, c in contacts
        ],
        batch_size=500,
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user=u,
                organisation_id=r.supplier_id,
                role=Role.SUPPLIER_CONTACT,
                title=c.role,
                is_due_diligence_contact=True,
            )
            for u, (r, c) in zip(users, contacts, strict=True)
        ],
        batch_size=500,
    )
    invitations = [
        Invitation(request=r, user=u, email=u.email)
        for r in requests
        for u in facts[r.supplier_id]["members"]
    ]
    invitations += [
        Invitation(request=r, user=u, email=u.email, created_account=True)
        for u, (r, _c) in zip(users, contacts, strict=True)
    ]
    Invitation.objects.bulk_create(invitations, batch_size=500)
    return [
        (
            "organisations.membership.invited",
            r.supplier,
            {"email": u.email, "role": Role.SUPPLIER_CONTACT, "for": "self-assessment"},
        )
        for u, (r, _c) in zip(users, contacts, strict=True)
    ]


def _mark_sent(todo: list[_Pending], requests: _Opened, acting_user: User) -> None:
    """Every case relies on its request and moves to "self-assessment sent": one bulk update, its
    audit entries and timeline events batched."""
    now = timezone.now()
    audit: list[_Entry] = []
    events: list[CaseEvent] = []
    for case, questionnaire in todo:
        request, joined = requests[(case.supplier_id, questionnaire.pk)]
        old_status = case.status
        case.answer_request, case.self_assessment = request, request.self_assessment
        case.status, case.current_step, case.updated_at = CaseStatus.STEP1_SENT, 1, now
        changes = {"status": [old_status, case.status], "current_step": [1, 1]}
        audit.append(("followup.case.transitioned", case, changes))
        events += _sent_events(case, request, joined, old_status, acting_user)
    FollowUpCase.objects.bulk_update(
        [c for c, _q in todo],
        ["answer_request", "self_assessment", "status", "current_step", "updated_at"],
        batch_size=500,
    )
    record_many(audit, actor=acting_user)
    CaseEvent.objects.bulk_create(events, batch_size=500)


def _sent_events(
    case: FollowUpCase, request: AnswerRequest, joined: bool, old_status: str, acting_user: User
) -> list[CaseEvent]:
    actor = acting_user if getattr(acting_user, "is_authenticated", False) else None
    message, params = _sent_message(request, joined)
    return [
        CaseEvent(
            case=case,
            kind=EventKind.TRANSITION,
            message=gettext_noop("Status changed from “%(old)s” to “%(new)s”."),
            params={"old": old_status, "new": CaseStatus.STEP1_SENT},
            actor=actor,
        ),
        CaseEvent(case=case, kind=EventKind.INVITED, message=message, params=params, actor=actor),
    ]
