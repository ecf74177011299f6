"""Step 1 for the case team: reviewing the supplier's self-assessment and concluding it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.run import posted, run_action, valid_or_report
from kedja.organisations.queries import actor_for

from .. import actions, answer_queries, escalation, forms, queries
from ..models import CaseStatus


@login_required
def step1_review(request: HttpRequest, uuid) -> HttpResponse:
    """The reviewer's page: the supplier's answers, Kedja's proposal, ratings, and the conclusion."""
    case = queries.get_case_for_user(request.user, uuid)
    actor = actor_for(request.user)
    if not queries.may_see_confidential(actor, case) or case.self_assessment_id is None:
        raise Http404
    sheet = case.self_assessment
    rows = list(sheet.assessments.select_related("requirement", "assessed_by"))
    form = forms.assessment_form(rows, sheet.review_version, request.POST or None)
    if posted(request, form):
        # Saved or refused, the page is read afresh: after a refusal it shows the ratings saved by
        # whoever came first, not the reviewer's stale copy.
        _save_ratings(request, case, rows, form)
        return redirect("followup:step1_review", uuid=case.uuid)
    lead = answer_queries.review_lead(sheet)
    suggestion = escalation.suggestion_for(case) if case.status == CaseStatus.STEP1_SUBMITTED else None
    answers = {a.question_id: a for a in sheet.answers.prefetch_related("documents")}
    context = {
        "case": case,
        "sheet": sheet,
        "form": form,
        "answers": answers,
        "questions": answer_queries.visible_questions(sheet, answers),
        "changed": answer_queries.changed_since_previous(sheet),
        "relying": answer_queries.cases_relying_on(sheet),
        "outcome_form": _outcome_form(suggestion),
        "suggestion": suggestion,
        "return_form": forms.ReasonForm(auto_id="ret_%s"),
        "may_assess": queries.may_assess(actor, case),
        "may_review": answer_queries.may_review(actor, sheet, lead),
        "review_lead": lead,
        "rows": rows,
    }
    return render(request, "followup/step1_review.html", context)


def _outcome_form(suggestion) -> forms.Step1OutcomeForm:
    """Preset to Kedja's suggestion, so the outcome never defaults to "close" against it."""
    initial = {"outcome": suggestion.step} if suggestion else {}
    return forms.Step1OutcomeForm(initial=initial)


def _save_ratings(request, case, rows, form) -> None:
    ratings = {
        r.requirement_id: (
            form.cleaned_data[f"rating_{r.requirement_id}"],
            form.cleaned_data[f"comment_{r.requirement_id}"],
        )
        for r in rows
    }
    run_action(
        request,
        actions.assess_requirements,
        success=_("Ratings saved."),
        case=case,
        ratings=ratings,
        version=form.cleaned_data["version"],
    )


@login_required
@require_POST
def step1_conclude(request: HttpRequest, uuid) -> HttpResponse:
    case = queries.get_case_for_user(request.user, uuid)
    form = forms.Step1OutcomeForm(request.POST)
    if valid_or_report(request, form):
        outcome = run_action(
            request,
            actions.conclude_step1,
            success=_("The self-assessment review was concluded."),
            case=case,
            recommendation=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
            override_reason=form.cleaned_data["override_reason"],
        )
        if not outcome:
            return redirect("followup:step1_review", uuid=case.uuid)
    return redirect("followup:case_detail", uuid=case.uuid)
