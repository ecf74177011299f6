"""Step 1 on the buyers' side: questionnaire versions, Kedja's proposals and the shared review.

The supplier's side (requests, answers, confirmation) is in `answers`.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.core.audit import record
from kedja.organisations.models import User
from kedja.organisations.queries import actor_for
from kedja.reference.models import Requirement, RequirementDocument, RequirementSection
from kedja.reference.queries import first_version, latest_published

from .. import questionnaire_content as content
from ..answer_queries import QuestionnaireNotBuilt, may_build, may_review, proposals, review_lead
from ..escalation import suggestion_for
from ..models import (
    AnswerRequest,
    AnswerRequestStatus,
    CaseStatus,
    EventKind,
    FollowUpCase,
    Question,
    Questionnaire,
    QuestionType,
    Rating,
    Recommendation,
    RequestKind,
    RequirementAssessment,
    SelfAssessment,
    SelfAssessmentStatus,
)
from ._common import (
    check_may_assess,
    check_may_change,
    enter_step,
    event,
    require_status,
    submitted_sheet,
    transition,
)

ROUTINE_SECTIONS = [RequirementSection.PROCESS_REQUIREMENT, RequirementSection.ROUTINE_REQUIREMENT]


@transaction.atomic
def build_questionnaire(
    *, acting_user: User, clause: RequirementDocument, code_of_conduct: RequirementDocument | None = None
) -> Questionnaire:
    """Build a new questionnaire version from a contract-clause version and a code-of-conduct
    version (default: the latest published version of the code the clause refers to). It replaces the
    questionnaire of the same two versions; those of other versions stay in use for the contracts
    pinned to them."""
    if not actor_for(acting_user).is_secretariat:
        raise PermissionDenied(_("Only the secretariat maintains questionnaires."))
    if not may_build(clause):
        raise ValidationError(_("Kedja has no question content for this clause version."))
    if clause.is_draft or (code_of_conduct is not None and code_of_conduct.is_draft):
        raise ValidationError(_("A questionnaire is built from published versions only."))
    code = code_of_conduct
    if code is None:
        first = RequirementDocument.objects.filter(
            key=content.QUESTIONNAIRES[first_version(clause).key][1]
        ).first()
        code = latest_published(first) if first else None
    return _build(clause, code, acting_user)


def _build(clause: RequirementDocument, code: RequirementDocument | None, acting_user: User) -> Questionnaire:
    key, _code_line, title_sv, title_en = content.QUESTIONNAIRES[first_version(clause).key]
    if clause.previous_id or (code is not None and code.previous_id):
        versions = {"clause": clause.version, "code": code.version if code else "–"}
        title_sv, title_en = (
            title_sv + content.VERSIONS_SV % versions,
            title_en + content.VERSIONS_EN % versions,
        )
    latest = Questionnaire.objects.filter(key=key).order_by("-version").first()
    Questionnaire.objects.filter(key=key, clause_version=clause, code_of_conduct=code).update(is_active=False)
    questionnaire = Questionnaire.objects.create(
        key=key,
        version=(latest.version + 1) if latest else 1,
        title_sv=title_sv,
        title_en=title_en,
        clause_version=clause,
        code_of_conduct=code,
    )
    order = 0
    commitments = code.requirements.filter(section=RequirementSection.COMMITMENT) if code else []
    for requirement in commitments:
        order = _add_questions(questionnaire, requirement, [content.COMMITMENT_QUESTION], order)
    # A requirement whose content is not public (the PR5 placeholder) is never asked of suppliers;
    # once the secretariat enters its text, the next questionnaire version asks it.
    routines = clause.requirements.filter(section__in=ROUTINE_SECTIONS, is_placeholder=False)
    for requirement in routines.order_by("order"):
        specs = content.YES_NO_DOCUMENT + content.SPECIFIC.get(requirement.key, [])
        order = _add_questions(questionnaire, requirement, specs, order)
    changes = {"clause": f"{clause.key} {clause.version}", "code_of_conduct": code.version if code else ""}
    record("followup.questionnaire.built", questionnaire, actor=acting_user, changes=changes)
    return questionnaire


def _built_for(missing: QuestionnaireNotBuilt, acting_user: User) -> Questionnaire:
    """The questionnaire of versions no case has needed before, built by the one sending step 1.

    Its questions follow from the published texts and Kedja's question content alone, so there is
    nothing for the secretariat to decide: a new clause or code-of-conduct version needs no manual
    step before its contracts can be followed up. Without question content, the refusal stands."""
    if not may_build(missing.clause):
        raise ValidationError(_("Kedja has no question content for this clause version."))
    existing = Questionnaire.objects.filter(
        clause_version=missing.clause, code_of_conduct=missing.code_of_conduct, is_active=True
    ).first()
    return existing or _build(missing.clause, missing.code_of_conduct, acting_user)


def _build_missing(found: Iterable[object], acting_user: User) -> bool:
    """Build the questionnaires send-out found missing (`_built_for`); whether any was built."""
    missing = [m for m in found if isinstance(m, QuestionnaireNotBuilt) and may_build(m.clause)]
    for one in missing:
        _built_for(one, acting_user)
    return bool(missing)


def _add_questions(
    questionnaire: Questionnaire, requirement: Requirement, specs: list[content.QuestionSpec], order: int
) -> int:
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
            allow_not_applicable=requirement.key in content.NOT_APPLICABLE_ALLOWED,
            depends_on=depends,
            depends_value=spec.get("depends_value", ""),
            expected=spec.get("expected", ""),
        )
    return order


def _prefill_assessments(sheet: SelfAssessment) -> None:
    """Kedja's proposal per requirement, for the reviewer to confirm or change."""
    for requirement_id, proposal in proposals(sheet).items():
        RequirementAssessment.objects.update_or_create(
            self_assessment=sheet, requirement_id=requirement_id, defaults={"proposal": proposal}
        )


@transaction.atomic
def return_self_assessment(*, acting_user: User, case: FollowUpCase, reason: str) -> SelfAssessment:
    """Send the answers back to the supplier for completion; every case waiting on the same answer
    goes back with it. Refused once another case has concluded its review on that answer."""
    check_may_assess(acting_user, case)
    require_status(case, [CaseStatus.STEP1_SUBMITTED])
    if not reason.strip():
        raise ValidationError(_("Tell the supplier what to complete."))
    sheet = submitted_sheet(case)
    _check_review_lead(acting_user, sheet)
    relying = sheet.cases.exclude(status__in=[CaseStatus.STEP1_SUBMITTED, CaseStatus.CANCELLED])
    if relying.exists():
        raise ValidationError(
            _(
                "Another case has already concluded its review on this answer; ask the supplier to update it instead."
            )
        )
    request = case.answer_request
    if (
        request is None
        or AnswerRequest.objects.filter(
            supplier_id=sheet.supplier_id,
            questionnaire_id=sheet.questionnaire_id,
            status=AnswerRequestStatus.OPEN,
        ).exists()
    ):
        raise ValidationError(_("The supplier already has an open request for this questionnaire."))
    sheet.status, sheet.valid_until = SelfAssessmentStatus.DRAFT, None
    sheet.save(update_fields=["status", "valid_until", "updated_at"])
    request.kind, request.self_assessment, request.status = (
        RequestKind.ANSWER,
        sheet,
        AnswerRequestStatus.OPEN,
    )
    request.completed_at = request.completed_by = None
    request.return_message = reason.strip()
    request.save()
    for waiting in sheet.cases.filter(status=CaseStatus.STEP1_SUBMITTED):
        waiting.answer_request = request
        waiting.save(update_fields=["answer_request", "updated_at"])
        transition(waiting, CaseStatus.STEP1_SENT, acting_user=acting_user, reason=reason)
        event(
            waiting,
            EventKind.SUBMITTED,
            gettext_noop("Answers returned to the supplier for completion: %(reason)s"),
            actor=acting_user,
            reason=reason.strip(),
        )
    return sheet


def _check_review_lead(acting_user: User, sheet: SelfAssessment) -> None:
    lead = review_lead(sheet)
    if not may_review(actor_for(acting_user), sheet, lead):
        raise ValidationError(
            _(
                "The shared review of this answer is made by %(lead)s. You can read it here and add "
                "your own step 2 to your case."
            )
            % {"lead": lead.name if lead else "–"}
        )


@transaction.atomic
def assess_requirements(
    *, acting_user: User, case: FollowUpCase, ratings: dict[int, tuple[str, str]], version: int
) -> list[RequirementAssessment]:
    """Record the reviewer's rating and comment per requirement (by requirement id). The ratings
    belong to the supplier's answer, so one review serves every case that relies on it; it is made
    by the review's lead (`review_lead`). `version` is the review version the reviewer started
    from: a save made after someone else's is refused and changes nothing."""
    check_may_assess(acting_user, case)
    require_status(case, [CaseStatus.STEP1_SUBMITTED])
    sheet = SelfAssessment.objects.select_for_update().get(pk=submitted_sheet(case).pk)
    _check_review_lead(acting_user, sheet)
    if sheet.review_version != version:
        raise ValidationError(
            _(
                "Someone else saved this review after you opened it. Nothing of yours was saved: "
                "the page now shows their ratings; make your changes again."
            )
        )
    rows = {a.requirement_id: a for a in sheet.assessments.all()}
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
    sheet.review_version += 1
    sheet.save(update_fields=["review_version", "updated_at"])
    return list(rows.values())


@transaction.atomic
def conclude_step1(
    *, acting_user: User, case: FollowUpCase, recommendation: str, reason: str, override_reason: str = ""
) -> FollowUpCase:
    """Conclude the review with a recommendation (close, step 2, or straight to step 3) and a reason.

    Kedja's suggestion (`escalation.suggestion_for`) is recorded with it; choosing otherwise needs a
    written reason for not following it."""
    check_may_assess(acting_user, case)
    require_status(case, [CaseStatus.STEP1_SUBMITTED])
    if submitted_sheet(case).assessments.filter(rating="").exists():
        raise ValidationError(_("Rate every requirement before concluding."))
    if recommendation not in Recommendation.values or not reason.strip():
        raise ValidationError(_("Choose a recommendation and give a reason."))
    suggestion = suggestion_for(case)
    overridden = suggestion is not None and suggestion.step != recommendation
    if overridden and not override_reason.strip():
        raise ValidationError({"override_reason": _("You chose otherwise than Kedja suggested: say why.")})
    case.step1_recommendation, case.step1_reason = recommendation, reason.strip()
    case.step1_suggestion = suggestion.step if suggestion else ""
    case.step1_suggestion_reasons = suggestion.as_json() if suggestion else []
    case.step1_override_reason = override_reason.strip() if overridden else ""
    case.save()
    record(
        "followup.step1.concluded",
        case,
        actor=acting_user,
        changes={
            "recommendation": recommendation,
            "suggestion": case.step1_suggestion,
            "overridden": overridden,
            "override_reason": case.step1_override_reason,
        },
    )
    transition(case, CaseStatus.STEP1_ASSESSED, acting_user=acting_user, reason=reason)
    return case


@transaction.atomic
def escalate_to_step2(*, acting_user: User, case: FollowUpCase, reason: str, product: str) -> FollowUpCase:
    """Go on to the office audit of one product (insufficient self-assessment or high-risk product)."""
    missing = _("Name the product and give a reason for the office audit.")
    return _escalate(acting_user, case, 2, reason=reason, product=product, missing=missing)


@transaction.atomic
def escalate_to_step3(*, acting_user: User, case: FollowUpCase, reason: str, product: str) -> FollowUpCase:
    """Go straight from step 1 to an on-site audit of one product (a high-risk site is known)."""
    missing = _("Name the product and give a reason for the on-site audit.")
    return _escalate(acting_user, case, 3, reason=reason, product=product, missing=missing)


def _escalate(
    acting_user: User, case: FollowUpCase, step: int, *, reason: str, product: str, missing: str
) -> FollowUpCase:
    """From the assessed self-assessment to step 2 or 3, for one product, with the reason kept;
    `missing` says what to give when the product or the reason is left out."""
    check_may_change(acting_user, case)
    require_status(case, [CaseStatus.STEP1_ASSESSED])
    if not reason.strip() or not product.strip():
        raise ValidationError(missing)
    case.products = case.products or product.strip()
    case.save(update_fields=["products"])
    enter_step(case, step, acting_user=acting_user, reason=reason)
    return case
