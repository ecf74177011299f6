"""The supplier portal's step 1: one request per questionnaire, answered once for every buyer.

The supplier sees which buyers (and joint cases) the answer serves, every missing answer by
question, its documents from the library, and earlier versions read-only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.run import run_action, valid_or_report
from kedja.suppliers.forms import LibraryUploadForm
from kedja.suppliers.queries import documents_of, own_documents

from .. import actions, forms
from .. import answer_queries as queries
from ..models import RequestKind, SelfAssessmentStatus
from ..queries import question_of


@login_required
def request_page(request: HttpRequest, uuid) -> HttpResponse:
    """Answer (or confirm) one request; a POST saves the answers and, with "submit", submits them."""
    answer_request = queries.get_request_for_supplier(request.user, uuid)
    sheet = answer_request.self_assessment
    answers = {a.question_id: a for a in sheet.answers.prefetch_related("documents")}
    questions = queries.visible_questions(sheet, answers)
    editable = answer_request.is_open and sheet.status == SelfAssessmentStatus.DRAFT
    form = forms.answer_form(questions, answers, request.POST or None)
    if request.method == "POST" and editable and form.is_valid():
        if _save(request, sheet, questions, form) and "submit" in request.POST:
            run_action(
                request,
                actions.submit_self_assessment,
                sheet=sheet,
                success=_("Thank you! Your answers were submitted; every buyer listed here sees them."),
            )
        return redirect("followup:portal_request", uuid=answer_request.uuid)
    context = {
        "req": answer_request,
        "sheet": sheet,
        "questions": questions,
        "answers": answers,
        "form": form,
        "editable": editable,
        "confirming": answer_request.is_open and answer_request.kind == RequestKind.CONFIRM,
        "missing": queries.missing_answers(sheet) if editable else [],
        "served": queries.cases_served(answer_request),
        "library": documents_of(sheet.supplier) if editable else [],
        "upload_form": LibraryUploadForm(prefix="new"),
        "versions": queries.versions_of(sheet),
    }
    return render(request, "followup/portal_request.html", context)


def _save(request, sheet, questions, form) -> bool:
    values, not_applicable = {}, {}
    for q in questions:
        if f"q_{q.key}" in form.cleaned_data:
            value = form.cleaned_data[f"q_{q.key}"]
            values[q.key] = str(value) if value is not None and q.qtype == "number" else value
        reason = form.cleaned_data.get(f"na_{q.key}", "")
        if reason:
            not_applicable[q.key] = reason
    return bool(
        run_action(
            request,
            actions.save_answers,
            sheet=sheet,
            values=values,
            not_applicable=not_applicable,
            success=_("Your answers were saved."),
        )
    )


@login_required
@require_POST
def request_confirm(request: HttpRequest, uuid) -> HttpResponse:
    success = _("Thank you! You confirmed that your answer still holds.")
    return _on_request(request, uuid, actions.confirm_answer, success)


@login_required
@require_POST
def request_update(request: HttpRequest, uuid) -> HttpResponse:
    success = _("A new version of your answer was prefilled: change what is no longer true and submit.")
    return _on_request(request, uuid, actions.update_answer, success)


def _on_request(request: HttpRequest, uuid, action, success: str) -> HttpResponse:
    """Run a button's `action` on the supplier's request, back to the request's page."""
    answer_request = queries.get_request_for_supplier(request.user, uuid)
    run_action(request, action, request=answer_request, success=success)
    return redirect("followup:portal_request", uuid=answer_request.uuid)


@login_required
def answer_detail(request: HttpRequest, uuid) -> HttpResponse:
    """One version of the supplier's answer, read-only, with the other versions listed."""
    sheet = queries.get_answer_for_supplier(request.user, uuid)
    answers = {a.question_id: a for a in sheet.answers.prefetch_related("documents")}
    context = {
        "sheet": sheet,
        "questions": queries.visible_questions(sheet, answers),
        "answers": answers,
        "versions": queries.versions_of(sheet),
        "served": queries.cases_relying_on(sheet),
    }
    return render(request, "followup/portal_answer.html", context)


@login_required
@require_POST
def answer_documents(request: HttpRequest, uuid, question_key: str) -> HttpResponse:
    """Upload a new document to the library for this answer, link library documents, or unlink one."""
    answer_request = queries.get_request_for_supplier(request.user, uuid)
    sheet = answer_request.self_assessment
    question = question_of(sheet, question_key)
    if "unlink" in request.POST:
        documents = own_documents(sheet.supplier, [request.POST["unlink"]])
        if not documents:
            raise Http404
        run_action(
            request,
            actions.unlink_document,
            sheet=sheet,
            question=question,
            document=documents[0],
            success=_("The document was taken off the answer; it stays in your library."),
        )
    elif request.FILES:
        _upload(request, sheet, question)
    else:
        chosen = own_documents(sheet.supplier, request.POST.getlist("documents"))
        if not chosen:
            messages.error(request, _("Choose at least one document from your library."))
        else:
            run_action(
                request,
                actions.link_documents,
                sheet=sheet,
                question=question,
                documents=chosen,
                success=_("The documents were linked to your answer."),
            )
    return redirect(reverse("followup:portal_request", args=[answer_request.uuid]) + f"#doc-{question.key}")


def _upload(request, sheet, question) -> None:
    form = LibraryUploadForm(request.POST, request.FILES, prefix="new")
    if not valid_or_report(request, form):
        return
    data = dict(form.cleaned_data)
    run_action(
        request,
        actions.upload_answer_document,
        sheet=sheet,
        question=question,
        uploaded=data.pop("file"),
        **data,
        success=_("The document was added to your library and linked to your answer."),
    )
