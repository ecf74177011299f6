"""Self-study: one user works through a case alone, with feedback per answer and a score."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kedja.core.pagination import paginate
from kedja.core.run import posted, run_action
from kedja.organisations.queries import actor_who_may
from kedja.training import actions, queries
from kedja.training.forms import AnswerForm


@login_required
@require_POST
def study_start(request: HttpRequest, uuid) -> HttpResponse:
    version = queries.get_version_for_user(request.user, uuid)
    started = run_action(request, actions.start_attempt, version=version)
    if not started:
        return redirect("training:case_detail", uuid=version.case.uuid)
    return redirect("training:attempt", uuid=started.result.uuid)


def _next_question(attempt):
    return (
        queries.questions_of(attempt.version)
        .exclude(study_answers__attempt=attempt)
        .order_by("position")
        .first()
    )


@login_required
def attempt(request: HttpRequest, uuid) -> HttpResponse:
    attempt = queries.get_attempt_for_user(request.user, uuid)
    question = _next_question(attempt)
    if question is None:
        answers = (
            attempt.answers.select_related("question")
            .prefetch_related("options")
            .order_by("question__position")
        )
        return render(request, "training/study_result.html", {"attempt": attempt, "answers": answers})
    form = AnswerForm(request.POST or None, question=question)
    if posted(request, form) and run_action(
        request,
        actions.answer_study_question,
        form=form,
        attempt=attempt,
        question=question,
        option_ids=form.option_ids(),
        justification=form.cleaned_data.get("justification", ""),
    ):
        return redirect("training:feedback", uuid=attempt.uuid, position=question.position)
    context = {"attempt": attempt, "question": question, "form": form, "total": attempt.max_score}
    return render(request, "training/study_question.html", context)


@login_required
def feedback(request: HttpRequest, uuid, position: int) -> HttpResponse:
    attempt = queries.get_attempt_for_user(request.user, uuid)
    answer = (
        attempt.answers.filter(question__position=position)
        .select_related("question")
        .prefetch_related("options", "question__options")
        .first()
    )
    if answer is None:
        raise Http404
    chosen = {o.pk for o in answer.options.all()}
    context = {"attempt": attempt, "answer": answer, "question": answer.question, "chosen": chosen}
    return render(request, "training/study_feedback.html", context)


@login_required
def history(request: HttpRequest) -> HttpResponse:
    actor_who_may(request.user, queries.may_train)
    page = paginate(request, queries.attempts_of(request.user))
    return render(request, "training/study_history.html", {"page": page})
