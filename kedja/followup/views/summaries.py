"""Preparing, publishing and withdrawing the published summary of a case (docs/domain-rules.md §6)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.run import run_action

from .. import actions, forms, queries
from ..pdf import summary_pdf


@login_required
def summary_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Prepare (rebuild from the case) the summary; the secretariat also edits both texts."""
    case = queries.get_case_for_user(request.user, uuid, write=True)
    summary = getattr(case, "summary", None)
    initial = {"text_sv": summary.text_sv, "text_en": summary.text_en} if summary else {}
    form = forms.SummaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_summary(request, case, summary, form):
        return redirect("followup:summary_edit", uuid=case.uuid)
    context = {
        "case": case,
        "form": form,
        "summary": summary,
        "withdraw_form": forms.ReasonForm(auto_id="wd_%s"),
        # The preview is the public page's own body, and publication is refused for these problems.
        "problems": [queries.problem_text(f, n) for f, n in queries.publication_problems(summary)]
        if summary
        else [],
    }
    return render(request, "followup/summary_form.html", context)


@login_required
def summary_preview_pdf(request: HttpRequest, uuid) -> HttpResponse:
    """The PDF exactly as the public will get it, for the case team before publishing."""
    summary = queries.get_summary_for_user(request.user, uuid, write=True)
    response = HttpResponse(summary_pdf(summary), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="kedja-summary-preview.pdf"'
    return response


def _save_summary(request: HttpRequest, case, summary, form) -> bool:
    if summary is None or "rebuild" in request.POST:
        return run_action(
            request,
            actions.prepare_summary,
            form=form,
            success=_("The summary was prepared."),
            case=case,
            **form.cleaned_data,
        )
    return run_action(
        request,
        actions.edit_summary_texts,
        form=form,
        success=_("The summary texts were saved."),
        summary=summary,
        **form.cleaned_data,
    )


@login_required
@require_POST
def summary_withdraw(request: HttpRequest, uuid) -> HttpResponse:
    summary = queries.get_summary_for_user(request.user, uuid)
    form = forms.ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    run_action(
        request,
        actions.withdraw_summary,
        success=_("The summary was withdrawn from the public pages."),
        summary=summary,
        reason=reason,
    )
    return redirect("followup:summary_edit", uuid=summary.case.uuid)


@login_required
@require_POST
def summary_publish(request: HttpRequest, uuid) -> HttpResponse:
    summary = queries.get_summary_for_user(request.user, uuid)
    run_action(request, actions.publish_summary, success=_("The summary is now public."), summary=summary)
    return redirect("followup:summary_edit", uuid=summary.case.uuid)
