"""Case exercises: the training index, reading a case, and authoring and versioning (authors only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.audit import history
from kedja.core.htmx import render_page
from kedja.core.pagination import paginate
from kedja.core.params import uuid_param
from kedja.core.run import posted, run_action
from kedja.organisations.queries import actor_for, actor_who_may
from kedja.reference.models import Category
from kedja.training import actions, queries
from kedja.training.forms import (
    CaseForm,
    OptionFormSet,
    QuestionForm,
    StageFormSet,
    option_initial,
    question_data,
    stage_data,
    stage_initial,
)


def _require_trainee(request: HttpRequest):
    return actor_who_may(request.user, queries.may_train)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    actor = _require_trainee(request)
    query, category = request.GET.get("q", "").strip(), request.GET.get("category", "")
    cases = queries.search_cases(queries.cases_visible_to(actor), query, category).distinct()
    context = {
        "page": paginate(request, cases),
        "query": query,
        "category": category,
        "categories": Category.objects.filter(training_cases__isnull=False).distinct(),
        "may_author": queries.may_author(actor),
        "sessions": queries.sessions_visible_to(actor).filter(facilitator=request.user)[:5],
        "attempts": queries.attempts_of(request.user)[:5],
    }
    return render_page(request, "training/index.html", context)


@login_required
def case_detail(request: HttpRequest, uuid) -> HttpResponse:
    case = queries.get_case_for_user(request.user, uuid)
    actor = actor_for(request.user)
    may_author = queries.may_author(actor)
    chosen = uuid_param(request.GET, "version")
    if "version" in request.GET and chosen is None:
        raise Http404
    version = queries.get_version_for_user(request.user, chosen) if chosen else case.display_version
    if version.case_id != case.pk:
        raise Http404
    context = {
        "case": case,
        "version": version,
        "stages": queries.stages_of(version),
        "questions": queries.questions_of(version),
        "may_author": may_author,
        "versions": case.versions.order_by("-number") if may_author else [],
        "history": history(case)[:30] if may_author else [],
    }
    return render(request, "training/case_detail.html", context)


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    actor_who_may(request.user, queries.may_author)
    form = CaseForm(request.POST or None)
    if posted(request, form):
        created = run_action(
            request,
            actions.create_case,
            form=form,
            success=_("Case created as a draft. Add the chain and the questions."),
            data=form.version_data(),
            category=form.cleaned_data["category"],
        )
        if created:
            return redirect("training:case_detail", uuid=created.result.uuid)
    return render(request, "training/case_form.html", {"form": form})


@login_required
def version_edit(request: HttpRequest, uuid) -> HttpResponse:
    version = queries.get_draft_for_user(request.user, uuid)
    form = CaseForm(request.POST or None, initial=CaseForm.initial_for(version))
    if posted(request, form) and run_action(
        request,
        actions.update_version,
        form=form,
        success=_("Draft saved."),
        version=version,
        data=form.version_data(),
        category=form.cleaned_data["category"],
    ):
        return redirect("training:case_detail", uuid=version.case.uuid)
    return render(request, "training/case_form.html", {"form": form, "version": version})


@login_required
def chain_edit(request: HttpRequest, uuid) -> HttpResponse:
    version = queries.get_draft_for_user(request.user, uuid)
    formset = StageFormSet(request.POST or None, initial=stage_initial(version), prefix="stages")
    if (
        request.method == "POST"
        and formset.is_valid()
        and run_action(
            request,
            actions.save_chain,
            success=_("Supply chain saved."),
            version=version,
            stages=stage_data(formset),
        )
    ):
        return redirect("training:case_detail", uuid=version.case.uuid)
    return render(request, "training/chain_form.html", {"formset": formset, "version": version})


@login_required
def question_edit(request: HttpRequest, uuid, position: int | None = None) -> HttpResponse:
    version = queries.get_draft_for_user(request.user, uuid)
    question = queries.get_question_of_draft(version, position) if position else None
    initial = QuestionForm.initial_for(question) if question else {}
    form = QuestionForm(request.POST or None, initial=initial)
    formset = OptionFormSet(request.POST or None, initial=option_initial(question), prefix="options")
    if (
        posted(request, form)
        and formset.is_valid()
        and run_action(
            request,
            actions.save_question,
            form=form,
            success=_("Question saved."),
            version=version,
            data=question_data(form, formset),
            question=question,
        )
    ):
        return redirect("training:case_detail", uuid=version.case.uuid)
    context = {"form": form, "formset": formset, "version": version, "question": question}
    return render(request, "training/question_form.html", context)


@login_required
@require_POST
def question_delete(request: HttpRequest, uuid, position: int) -> HttpResponse:
    version = queries.get_draft_for_user(request.user, uuid)
    run_action(
        request,
        actions.delete_question,
        question=queries.get_question_of_draft(version, position),
        success=_("Question removed."),
    )
    return redirect("training:case_detail", uuid=version.case.uuid)


@login_required
@require_POST
def publish(request: HttpRequest, uuid) -> HttpResponse:
    version = queries.get_draft_for_user(request.user, uuid)
    run_action(
        request,
        actions.publish_version,
        version=version,
        success=_("Version %(number)s is published.") % {"number": version.number},
    )
    return redirect("training:case_detail", uuid=version.case.uuid)


@login_required
@require_POST
def new_version(request: HttpRequest, uuid) -> HttpResponse:
    case = queries.get_case_for_user(request.user, uuid, write=True)
    started = run_action(request, actions.start_new_version, case=case)
    if started:
        number = started.result.number
        messages.success(request, _("Version %(number)s started as a draft.") % {"number": number})
    return redirect("training:case_detail", uuid=case.uuid)
