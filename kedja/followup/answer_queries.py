"""Reads of step 1 answered once: the supplier's requests and answer versions, and who sees them.

A supplier's contacts reach their own organisation's requests and answers; the case team reaches
an answer through a case that relies on it (`queries.get_case_for_user` + `may_see_confidential`).
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from kedja.organisations.queries import actor_for

from .models import (
    AnswerRequest,
    AnswerRequestStatus,
    FollowUpCase,
    Invitation,
    SelfAssessment,
    SelfAssessmentStatus,
)


def requests_of(supplier_ids) -> QuerySet[AnswerRequest]:
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


def get_request_for_supplier(user, uuid) -> AnswerRequest:
    """A request to the user's own supplier organisation; otherwise 404."""
    try:
        return (
            AnswerRequest.objects.select_related(
                "supplier", "questionnaire", "self_assessment__questionnaire"
            )
            .filter(supplier_id__in=actor_for(user).supplier_ids)
            .get(uuid=uuid)
        )
    except (AnswerRequest.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_answer_for_supplier(user, uuid) -> SelfAssessment:
    """One version of the user's own supplier's answer; otherwise 404."""
    try:
        return (
            SelfAssessment.objects.select_related("supplier", "questionnaire", "submitted_by")
            .filter(supplier_id__in=actor_for(user).supplier_ids)
            .get(uuid=uuid)
        )
    except (SelfAssessment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


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


def before_sending(case: FollowUpCase) -> dict:
    """What sending step 1 of a draft case would do, shown before anyone presses the button: the
    questionnaire (or why none fits), who would get the e-mail or an invitation, and whether the
    case would join an open request or only ask for a confirmation."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from .actions.answers import is_reachable, latest_submitted, questionnaire_for_case, reachability

    facts = {
        "contacts": reachability([case.supplier_id])[case.supplier_id],
        "questionnaire": None,
        "problem": "",
    }
    facts["reachable"] = is_reachable(facts["contacts"])
    try:
        questionnaire = questionnaire_for_case(case)
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
