"""The start page with each person's inbox, notification settings (each person's own) and the
secretariat's list of e-mails not delivered."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kedja.core.pagination import paginate
from kedja.core.run import run_form
from kedja.organisations.queries import actor_for, actor_who_may

from . import actions, inbox, queries
from .forms import PreferenceForm


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """The start page: for a signed-in person, what needs them now; for everyone, where to go."""
    actor = actor_for(request.user)
    sections = inbox.sections_for(actor, timezone.localdate()) if actor.is_authenticated else []
    context = {"inbox": sections, "inbox_empty": not any(s.total for s in sections)}
    return render(request, "core/home.html", context)


@login_required
@require_safe
def inbox_section(request: HttpRequest, key: str) -> HttpResponse:
    """Every item of one section of the person's inbox (the start page shows the first few)."""
    today = timezone.localdate()
    source = inbox.source_of(actor_for(request.user), today, key)
    if source is None:
        raise Http404
    page = paginate(request, source.rows)
    items = [source.item(row) for row in page]
    return render(
        request, "notifications/inbox_section.html", {"section": source, "page": page, "items": items}
    )


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    current = queries.preference_of(request.user)
    initial = {"delivery": current.delivery, "language": current.language}
    form = PreferenceForm(request.POST or None, initial=initial)
    done = run_form(
        request, form, actions.set_preference, user=request.user, success=_("Your choice was saved.")
    )
    if done:
        return redirect("notifications:preferences")
    context = {"form": form, "notifications": queries.recent_for(request.user)}
    return render(request, "notifications/preferences.html", context)


@login_required
@require_safe
def undelivered(request: HttpRequest) -> HttpResponse:
    actor = actor_who_may(request.user, lambda a: a.is_secretariat)
    page = paginate(request, queries.undelivered(actor))
    return render(request, "notifications/undelivered.html", {"page": page})
