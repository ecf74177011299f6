"""Reads of step 1 answered once: the supplier's requests and answer versions, which questionnaire a
case gets, who at the supplier can be reached, and who sees what.

A supplier's contacts reach their own organisation's requests and answers; the case team reaches
an answer through a case that relies on it (`queries.get_case_for_user` + `may_see_confidential`).
"""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal, NotRequired, TypedDict
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.contracts.models import Contract, ContractStatus, SupplierContact
from kedja.core.dates import add_months
from kedja.organisations.models import Membership, Organisation, Role, User
from kedja.organisations.queries import ActingUser, Actor, actor_for, get_or_404
from kedja.reference.models import RequirementDocument
from kedja.reference.queries import first_version
from kedja.suppliers.models import Freshness, LibraryDocument

from . import questionnaire_content as content
from .models import (
    Answer,
    AnswerRequest,
    AnswerRequestStatus,
    CaseStatus,
    FollowUpCase,
    Invitation,
    Question,
    Questionnaire,
    QuestionType,
    Rating,
    SelfAssessment,
    SelfAssessmentStatus,
)
from .rules import proposal_from_answers


def valid_until_from(day: date) -> date:
    """The last day a self-assessment submitted on `day` serves new cases."""
    return add_months(day, settings.KEDJA_SELF_ASSESSMENT_VALID_MONTHS)


type Pinned = tuple[RequirementDocument, RequirementDocument | None]


class QuestionnaireNotBuilt(ValidationError):
    """No questionnaire exists yet for the versions the case's contracts are pinned to."""

    def __init__(self, clause: RequirementDocument, code_of_conduct: RequirementDocument | None):
        super().__init__(
            _("There is no questionnaire for “%(clause)s” yet; the secretariat builds it.")
            % {"clause": clause.title}
        )
        self.clause, self.code_of_conduct = clause, code_of_conduct


def may_build(clause: RequirementDocument) -> bool:
    """Whether Kedja has question content for the clause's line, so sending can build the
    questionnaire of a newly published version (`actions.step1.built_for`)."""
    return first_version(clause).key in content.QUESTIONNAIRES


def _versions_in_scope(case: FollowUpCase) -> set[Pinned]:
    """The (clause version, code-of-conduct version) pairs of the case's contracts, else of the
    supplier's active ones: what those contracts were signed under."""
    contracts = list(case.contracts.select_related("clause_version", "code_of_conduct"))
    if not contracts:
        contracts = list(
            Contract.objects.filter(supplier=case.supplier, status=ContractStatus.ACTIVE).select_related(
                "clause_version", "code_of_conduct"
            )
        )
    return {(c.clause_version, c.code_of_conduct) for c in contracts}


def _one_pair(pairs: set[Pinned]) -> Pinned:
    clauses = {clause for clause, _code in pairs}
    if len(clauses) > 1:
        raise ValidationError(
            _(
                "The contracts in scope use different clause versions (%(clauses)s): follow them up in separate cases."
            )
            % {"clauses": ", ".join(sorted(f"{c.title} {c.version}" for c in clauses))}
        )
    if len(pairs) > 1:
        raise ValidationError(
            _(
                "The contracts in scope agree to different versions of the code of conduct (%(versions)s): "
                "follow them up in separate cases."
            )
            % {"versions": ", ".join(sorted(code.version if code else "–" for _clause, code in pairs))}
        )
    return next(iter(pairs))


def _check_requested(
    requested: Questionnaire, clause: RequirementDocument, code: RequirementDocument | None
) -> None:
    other_clause = requested.clause_version_id != clause.pk
    other_code = code is not None and requested.code_of_conduct_id != code.pk
    if other_clause or other_code:
        raise ValidationError(
            _("This questionnaire belongs to “%(asked)s”, but the contracts in scope use “%(clause)s”.")
            % {"asked": requested.title, "clause": f"{clause.title} {clause.version}"}
        )


def questionnaire_for_case(case: FollowUpCase, requested: Questionnaire | None = None) -> Questionnaire:
    """The questionnaire of the versions the case's contracts are pinned to (else the supplier's
    active ones): the clause version gives the routine questions and the code-of-conduct version the
    commitments, so a contract signed under an older version keeps its questions when a new version is
    published, and a 2024-clause contract never gets the older six-routine questionnaire."""
    pairs = _versions_in_scope(case)
    if not pairs:
        if requested is None:
            raise ValidationError(
                _("The supplier has no contract whose clause version tells which questionnaire to send.")
            )
        return requested
    clause, code = _one_pair(pairs)
    if requested is not None:
        _check_requested(requested, clause, code)
        return requested
    candidates = Questionnaire.objects.filter(clause_version=clause, is_active=True)
    if code is not None:
        candidates = candidates.filter(code_of_conduct=code)
    questionnaire = candidates.order_by("-version").first()
    if questionnaire is None:
        raise QuestionnaireNotBuilt(clause, code)
    return questionnaire


def questionnaires_for_cases(cases: list[FollowUpCase]) -> dict[int, Questionnaire | ValidationError]:
    """`questionnaire_for_case` for many cases in two queries: per case its questionnaire, or why none
    fits. The uncommon cases (no contract, mixed versions, no questionnaire yet) are answered by
    `questionnaire_for_case` itself, so the rule stays in one place."""
    through = FollowUpCase.contracts.through
    pairs: dict[int, set[tuple[int, int | None]]] = {c.pk: set() for c in cases}
    for case_id, clause_id, code_id in through.objects.filter(followupcase_id__in=list(pairs)).values_list(
        "followupcase_id", "contract__clause_version_id", "contract__code_of_conduct_id"
    ):
        pairs[case_id].add((clause_id, code_id))
    active: dict[tuple[int, int | None], Questionnaire] = {}
    candidates = Questionnaire.objects.filter(
        clause_version_id__in={clause for found in pairs.values() for clause, _code in found}, is_active=True
    )
    for questionnaire in candidates.order_by("-version"):
        active.setdefault((questionnaire.clause_version_id, questionnaire.code_of_conduct_id), questionnaire)
        # A contract pinned to no code-of-conduct version takes its clause's latest questionnaire.
        active.setdefault((questionnaire.clause_version_id, None), questionnaire)
    result: dict[int, Questionnaire | ValidationError] = {}
    for case in cases:
        found = pairs[case.pk]
        if len(found) == 1 and next(iter(found)) in active:
            result[case.pk] = active[next(iter(found))]
            continue
        try:
            result[case.pk] = questionnaire_for_case(case)
        except ValidationError as error:
            result[case.pk] = error
    return result


class Reach(TypedDict):
    """Who at one supplier step 1 reaches (see `reachability`)."""

    members: list[User]
    to_invite: list[SupplierContact]
    blocked: list[SupplierContact]


def reachability(supplier_ids: Iterable[int]) -> dict[int, Reach]:
    """Per supplier: its contacts with an account (`members`), due-diligence contacts without one
    who will be invited (`to_invite`), and named contacts whose address belongs to someone who is
    not the supplier's contact (`blocked`: never given access by an e-mail address alone)."""
    supplier_ids = list(supplier_ids)
    result: dict[int, Reach] = {pk: {"members": [], "to_invite": [], "blocked": []} for pk in supplier_ids}
    members = Membership.objects.filter(
        organisation_id__in=supplier_ids, role=Role.SUPPLIER_CONTACT, user__is_active=True
    ).select_related("user")
    member_emails: dict[int, set[str]] = {pk: set() for pk in supplier_ids}
    for membership in members.order_by("user__email"):
        result[membership.organisation_id]["members"].append(membership.user)
        member_emails[membership.organisation_id].add(membership.user.email.lower())
    contacts = list(
        SupplierContact.objects.filter(supplier_id__in=supplier_ids, is_due_diligence_contact=True).order_by(
            "email"
        )
    )
    with_account = set(
        User.objects.filter(email__in={c.email.lower() for c in contacts}).values_list("email", flat=True)
    )
    for contact in contacts:
        email = contact.email.lower()
        if not email or email in member_emails[contact.supplier_id]:
            continue
        bucket: Literal["blocked", "to_invite"] = "blocked" if email in with_account else "to_invite"
        if all(c.email.lower() != email for c in result[contact.supplier_id][bucket]):
            result[contact.supplier_id][bucket].append(contact)
    return result


def is_reachable(facts: Reach) -> bool:
    return bool(facts["members"] or facts["to_invite"])


def unreachable_message(supplier: Organisation) -> str:
    return _(
        "%(supplier)s has no reachable contact: name a due-diligence contact with an e-mail address "
        "on the supplier's page before sending."
    ) % {"supplier": supplier.name}


def latest_submitted(supplier_id: int, questionnaire: Questionnaire) -> SelfAssessment | None:
    """The supplier's last submitted answer to this questionnaire (any version of it for prefill)."""
    return (
        SelfAssessment.objects.filter(
            supplier_id=supplier_id,
            questionnaire__key=questionnaire.key,
            status=SelfAssessmentStatus.SUBMITTED,
        )
        .order_by("-submitted_at", "-pk")
        .first()
    )


def visible_questions(sheet: SelfAssessment, answers: dict[int, Answer] | None = None) -> list[Question]:
    """The questions shown: those without a condition and those whose condition holds, never a
    requirement whose content is not yet known (the PR5 placeholder) until its text is entered."""
    answers = answers if answers is not None else {a.question_id: a for a in sheet.answers.all()}
    shown = []
    for question in sheet.questionnaire.questions.select_related("requirement"):
        if question.requirement is not None and question.requirement.is_placeholder:
            continue
        if question.depends_on_id is not None:
            parent = answers.get(question.depends_on_id)
            if parent is None or str(parent.value) != question.depends_value:
                continue
        shown.append(question)
    return shown


def missing_answers(sheet: SelfAssessment) -> list[Question]:
    """Required visible questions without an answer (a document question needs a linked document)."""
    answers = {a.question_id: a for a in sheet.answers.prefetch_related("documents")}
    missing = []
    for question in visible_questions(sheet, answers):
        answer = answers.get(question.pk)
        if not question.required or (answer and answer.not_applicable):
            continue
        if question.qtype == QuestionType.DOCUMENT:
            if answer is None or not answer.documents.all():
                missing.append(question)
        elif answer is None or answer.value in (None, "", []):
            missing.append(question)
    return missing


def changed_since_previous(sheet: SelfAssessment) -> dict[int, bool]:
    """Per question id of this version: True when the answer differs from the version it was based
    on (what the reviewer should look at again). Empty when there is no earlier version."""
    based_on = sheet.based_on
    if based_on is None:
        return {}
    earlier = {
        a.question.key: a for a in based_on.answers.select_related("question").prefetch_related("documents")
    }
    changed = {}
    for answer in sheet.answers.select_related("question").prefetch_related("documents"):
        before = earlier.get(answer.question.key)
        changed[answer.question_id] = before is None or _fingerprint(before) != _fingerprint(answer)
    return changed


def _fingerprint(answer: Answer) -> tuple[object, bool, str, list[int]]:
    return (
        answer.value,
        answer.not_applicable,
        answer.not_applicable_reason,
        sorted(d.pk for d in answer.documents.all()),
    )


def expiring_answers(today: date, days: int) -> QuerySet[SelfAssessment]:
    """Submitted answers that cases rely on whose validity ends within `days` (or has ended)."""
    return SelfAssessment.objects.filter(
        status=SelfAssessmentStatus.SUBMITTED, valid_until__lte=today + timedelta(days=days)
    ).select_related("supplier", "questionnaire")


def expiry_key(valid_until: date, today: date) -> str:
    """ "expired-<date>" once the validity has ended, else "soon-<date>" (a new date, a new notice)."""
    return f"{'expired' if valid_until < today else 'soon'}-{valid_until.isoformat()}"


def requests_of(supplier_ids: Iterable[int]) -> QuerySet[AnswerRequest]:
    """A supplier's requests, open before completed (withdrawn ones left out), with the cases
    (buyers) each serves."""
    cases = FollowUpCase.objects.select_related("lead_organisation").prefetch_related("participating_regions")
    return (
        AnswerRequest.objects.filter(supplier_id__in=supplier_ids)
        .exclude(status=AnswerRequestStatus.WITHDRAWN)
        .select_related("questionnaire", "self_assessment")
        .prefetch_related(Prefetch("cases", queryset=cases))
        .order_by("-status", "-sent_on", "-pk")
    )


def get_request_for_supplier(user: ActingUser, uuid: UUID | str) -> AnswerRequest:
    """A request to the user's own supplier organisation; otherwise 404."""
    requests = AnswerRequest.objects.select_related(
        "supplier", "questionnaire", "self_assessment__questionnaire"
    )
    return get_or_404(requests.filter(supplier_id__in=actor_for(user).supplier_ids), uuid)


def get_answer_for_supplier(user: ActingUser, uuid: UUID | str) -> SelfAssessment:
    """One version of the user's own supplier's answer; otherwise 404."""
    sheets = SelfAssessment.objects.select_related("supplier", "questionnaire", "submitted_by")
    return get_or_404(sheets.filter(supplier_id__in=actor_for(user).supplier_ids), uuid)


def cases_served(request: AnswerRequest) -> list[FollowUpCase]:
    """The cases (buyers, joint cases) a request's answer serves."""
    return list(
        request.cases.select_related("lead_organisation")
        .prefetch_related("participating_regions")
        .order_by("created_at")
    )


def cases_relying_on(sheet: SelfAssessment) -> list[FollowUpCase]:
    return list(
        sheet.cases.select_related("lead_organisation")
        .prefetch_related("participating_regions")
        .order_by("created_at")
    )


def review_lead(sheet: SelfAssessment) -> Organisation | None:
    """Who makes the one shared review of an answer: the lead of the (earliest) joint case relying
    on it — the secretariat or a region — else the lead of the first case that relied on it. The
    secretariat may always review; other regions read the review and may add their own step 2."""
    cases = sheet.cases.exclude(status=CaseStatus.CANCELLED).select_related("lead_organisation")
    joint = cases.filter(participating_regions__isnull=False).order_by("created_at", "pk").first()
    first = joint or cases.order_by("created_at", "pk").first()
    return first.lead_organisation if first is not None else None


def may_review(actor: Actor, sheet: SelfAssessment, lead: Organisation | None) -> bool:
    """The secretariat, or a strategist of the review's lead region (`review_lead`)."""
    return actor.is_secretariat or (lead is not None and lead.pk in actor.strategist_region_ids)


def versions_of(sheet: SelfAssessment) -> QuerySet[SelfAssessment]:
    """Every version of the supplier's answer to this questionnaire (earlier ones stay readable)."""
    return (
        SelfAssessment.objects.filter(
            supplier_id=sheet.supplier_id, questionnaire__key=sheet.questionnaire.key
        )
        .exclude(status=SelfAssessmentStatus.SUPERSEDED)
        .select_related("questionnaire")
        .order_by("-number", "-pk")
    )


def invitations_of(case: FollowUpCase) -> QuerySet[Invitation]:
    """Who was invited for the request the case relies on: when, sent or failed, link used."""
    if case.answer_request_id is None:
        return Invitation.objects.none()
    return Invitation.objects.filter(request_id=case.answer_request_id).select_related("user")


def stale_documents(case: FollowUpCase) -> list[LibraryDocument]:
    """The library documents the case's answer links that are expired, due for revision or out of
    date today (§4.5), for the case team."""
    if case.self_assessment_id is None:
        return []
    documents = LibraryDocument.objects.filter(answers__self_assessment_id=case.self_assessment_id).distinct()
    return [d for d in documents.order_by("issued_on", "pk") if d.freshness != Freshness.CURRENT]


def invitation_by_link(uuid: UUID | str) -> Invitation:
    """The invitation an e-mailed link names (its UUID is the secret of the link): 404 if none."""
    return get_object_or_404(Invitation.objects.select_related("user", "request__supplier"), uuid=uuid)


class SendingPreview(TypedDict):
    """What `before_sending` shows; the last two only once a questionnaire fits."""

    contacts: Reach
    reachable: bool
    questionnaire: Questionnaire | None
    problem: str
    to_build: NotRequired[QuestionnaireNotBuilt]
    open_request: NotRequired[AnswerRequest | None]
    valid_answer: NotRequired[SelfAssessment | None]


def before_sending(case: FollowUpCase) -> SendingPreview:
    """What sending step 1 of a draft case would do, shown before anyone presses the button: the
    questionnaire (or why none fits), who would get the e-mail or an invitation, and whether the
    case would join an open request or only ask for a confirmation."""
    contacts = reachability([case.supplier_id])[case.supplier_id]
    facts: SendingPreview = {
        "contacts": contacts,
        "reachable": is_reachable(contacts),
        "questionnaire": None,
        "problem": "",
    }
    try:
        questionnaire = questionnaire_for_case(case)
    except QuestionnaireNotBuilt as missing:
        if may_build(missing.clause):
            facts["to_build"] = missing
        else:
            facts["problem"] = _("Kedja has no question content for this clause version.")
        return facts
    except ValidationError as error:
        facts["problem"] = " ".join(error.messages)
        return facts
    facts["questionnaire"] = questionnaire
    facts["open_request"] = (
        AnswerRequest.objects.filter(
            supplier_id=case.supplier_id, questionnaire=questionnaire, status=AnswerRequestStatus.OPEN
        )
        .select_related("self_assessment")
        .first()
    )
    last = latest_submitted(case.supplier_id, questionnaire)
    facts["valid_answer"] = (
        last
        if last and last.questionnaire_id == questionnaire.pk and last.is_valid_on(timezone.localdate())
        else None
    )
    return facts


def _matches(question: Question, answer: Answer | None, today: date) -> bool | None:
    if answer is not None and answer.not_applicable:
        return None
    if question.qtype == QuestionType.DOCUMENT:
        documents = answer.documents.all() if answer is not None else []
        return any(d.valid_until is None or d.valid_until >= today for d in documents)
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
    answers = {a.question_id: a for a in sheet.answers.prefetch_related("documents")}
    by_requirement: dict[int, list[bool | None]] = {}
    for question in sheet.questionnaire.questions.exclude(requirement=None):
        if question.requirement_id is not None:
            by_requirement.setdefault(question.requirement_id, [])
    for question in visible_questions(sheet, answers):
        if question.requirement_id and question.expected:
            by_requirement[question.requirement_id].append(
                _matches(question, answers.get(question.pk), today)
            )
    return {rid: proposal_from_answers(m) or Rating.NOT_FULFILLED for rid, m in by_requirement.items()}
