"""Workshop mode: the facilitator's screen and controls, and participants joining without an account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core import ratelimit
from kedja.core.exports import csv_text
from kedja.core.files import attachment
from kedja.core.htmx import render_page
from kedja.core.run import posted, run_action
from kedja.training import actions, queries
from kedja.training.forms import AnswerForm, JoinForm

STEPS = {
    "advance": actions.advance,
    "close": actions.close_question,
    "reveal": actions.reveal,
    "end": actions.end_session,
}


@login_required
@require_POST
def session_start(request: HttpRequest, uuid) -> HttpResponse:
    version = queries.get_version_for_user(request.user, uuid)
    started = run_action(
        request, actions.start_session, version=version, group_mode=bool(request.POST.get("group_mode"))
    )
    if not started:
        return redirect("training:case_detail", uuid=version.case.uuid)
    return redirect("training:facilitate", uuid=started.result.uuid)


def _live_context(session) -> dict:
    question = session.current_question
    return {
        "session": session,
        "question": question,
        "options": queries.spread(session, question) if question else [],
        "answered": queries.answer_count(session, question) if question else 0,
        "participants": list(session.participants.all()),
    }


@login_required
def facilitate(request: HttpRequest, uuid) -> HttpResponse:
    session = queries.get_session_for_user(request.user, uuid)
    if session.is_ended:
        return redirect("training:summary", uuid=session.uuid)
    context = _live_context(session)
    context["join_url"] = request.build_absolute_uri(reverse("training:join_code", args=[session.code]))
    context["short_join_url"] = request.build_absolute_uri(reverse("training:join"))
    context["is_last"] = not session.version.questions.filter(
        position__gt=session.current_question.position if session.current_question else 0
    ).exists()
    return render(request, "training/facilitate.html", context)


@login_required
def live(request: HttpRequest, uuid) -> HttpResponse:
    """The spread of answers, polled by the facilitator's screen every two seconds."""
    session = queries.get_session_for_user(request.user, uuid)
    return render(request, "training/_live.html", _live_context(session))


@login_required
@require_POST
def control(request: HttpRequest, uuid, step: str) -> HttpResponse:
    session = queries.get_session_for_user(request.user, uuid)
    if step not in STEPS:
        raise Http404
    run_action(request, STEPS[step], session=session)
    if session.is_ended:
        messages.success(request, _("The session has ended. Participants' names have been removed."))
        return redirect("training:summary", uuid=session.uuid)
    return redirect("training:facilitate", uuid=session.uuid)


@login_required
def summary(request: HttpRequest, uuid) -> HttpResponse:
    session = queries.get_session_for_user(request.user, uuid)
    if not session.is_ended:
        return redirect("training:facilitate", uuid=session.uuid)
    context = {"session": session, "summary": queries.session_summary(session)}
    return render(request, "training/summary.html", context)


@login_required
def export_csv(request: HttpRequest, uuid) -> HttpResponse:
    session = queries.get_session_for_user(request.user, uuid)
    if not session.is_ended:
        raise Http404
    rows = [[_("Question"), _("Kind"), _("Text"), _("Option"), _("Expert answer"), _("Answers")]]
    for item in queries.session_summary(session):
        q = item["question"]
        for option in item["options"]:
            expert = _("yes") if option.is_correct else ""
            rows.append([q.position, q.get_kind_display(), q.prompt, option.text, expert, option.votes])
        for text in item["justifications"]:
            rows.append([q.position, q.get_kind_display(), q.prompt, _("Justification"), "", text])
    return attachment(csv_text(rows), filename=f"workshop-{session.code}.csv")


def join(request: HttpRequest, code: str = "") -> HttpResponse:
    form = JoinForm(request.POST or None, initial={"code": code})
    if request.method == "POST" and ratelimit.is_limited(request, ratelimit.WORKSHOP_JOIN):
        minutes = settings.ADDRESS_FAILURE_MINUTES
        form.add_error(
            None,
            _("Too many wrong codes from your network. Wait %(minutes)s minutes.") % {"minutes": minutes},
        )
    elif posted(request, form):
        live_session = queries.live_session_by_code(form.cleaned_data["code"])
        already = live_session and queries.participant_for(request, live_session)
        if already:
            return redirect("training:play", uuid=live_session.uuid)
        joined = run_action(request, actions.join_session, form=form, **form.cleaned_data)
        if joined:
            queries.remember_participant(request, joined.result)
            return redirect("training:play", uuid=joined.result.session.uuid)
        if form.has_error("code"):
            ratelimit.record_failure(request, ratelimit.WORKSHOP_JOIN)
    return render(request, "training/join.html", {"form": form})


def _participant_or_join(request: HttpRequest, uuid):
    session = queries.get_session_by_uuid_for_participant(uuid)
    return session, queries.participant_for(request, session)


def play(request: HttpRequest, uuid) -> HttpResponse:
    """The participant's phone screen. Polls cheaply: nothing is sent back until the state changes."""
    session, participant = _participant_or_join(request, uuid)
    if participant is None:
        messages.info(request, _("Join the session with its code first."))
        return redirect("training:join")
    if request.htmx and request.GET.get("state") == session.state_key:
        return HttpResponse(status=204)
    question = session.current_question
    own = queries.answer_of(participant, question) if question else None
    context = {"session": session, "participant": participant, "question": question, "own": own}
    if question and session.accepts_answers:
        context["form"] = _answer_form(question, own)
    if question and session.is_revealed:
        context["options"] = queries.spread(session, question)
    return render_page(request, "training/play.html", context)


def _answer_form(question, own) -> AnswerForm:
    """The answer form, filled with the participant's earlier answer so they can change it."""
    if own is None:
        return AnswerForm(question=question)
    chosen = [o.pk for o in own.options.all()]
    initial = {"options": chosen if question.multiple else chosen[0], "justification": own.justification}
    return AnswerForm(question=question, initial=initial)


def _posted_question(session, raw):
    try:
        return session.version.questions.prefetch_related("options").filter(position=int(raw)).first()
    except (TypeError, ValueError):
        return None


@require_POST
def answer(request: HttpRequest, uuid) -> HttpResponse:
    session, participant = _participant_or_join(request, uuid)
    if participant is None:
        raise Http404
    question = _posted_question(session, request.POST.get("question"))
    form = AnswerForm(request.POST, question=question) if question else None
    if form is None or not form.is_valid():
        messages.error(request, _("Choose an option before sending."))
        return redirect("training:play", uuid=session.uuid)
    run_action(
        request,
        actions.submit_answer,
        participant=participant,
        question=question,
        option_ids=form.option_ids(),
        justification=form.cleaned_data.get("justification", ""),
        success=_("Your answer is saved. You can change it while the question is open."),
    )
    return redirect("training:play", uuid=session.uuid)
