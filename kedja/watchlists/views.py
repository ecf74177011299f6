"""Watch-list pages: the alerts of one's case teams with the dashboard, the lists, and loading."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.pagination import paginate
from kedja.core.run import run_action, run_upload_form
from kedja.organisations.queries import actor_for, actor_who_may

from . import actions, forms, queries
from .models import AlertStatus, ListSource


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    actor = actor_who_may(request.user, queries.may_see_lists)
    status = request.GET.get("status", AlertStatus.OPEN)
    source = request.GET.get("source", "")
    alerts = queries.filter_alerts(queries.alerts_visible_to(actor), status=status, source=source)
    context = {
        "page": paginate(request, alerts),
        "dashboard": queries.dashboard(actor),
        "status": status,
        "source": source,
        "statuses": AlertStatus.choices,
        "sources": ListSource.choices,
        "on_case_team": queries.may_see_alerts(actor),
    }
    return render(request, "watchlists/alert_list.html", context)


@login_required
def alert_detail(request: HttpRequest, uuid) -> HttpResponse:
    alert = queries.get_alert_for_user(request.user, uuid)
    form = forms.DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.decide_alert,
            form=form,
            alert=alert,
            confirm=form.cleaned_data["decision"] == "confirm",
            note=form.cleaned_data["note"],
            success=_("The decision was saved."),
        )
        if done:
            return redirect("watchlists:alert_detail", uuid=alert.uuid)
    context = {
        "alert": alert,
        "form": form,
        "contracts": queries.contracts_concerned(alert),
        "open": alert.status == AlertStatus.OPEN,
        "evidence": alert.evidence.select_related("item__issue", "item__country", "item__analysis__category"),
        "may_accept": queries.may_accept_follow_up(actor_for(request.user), alert),
        "entry_countries": queries.country_names(alert.entry.countries),
        "supplier_country": queries.country_names([alert.supplier.country_code] if alert.supplier else []),
    }
    return render(request, "watchlists/alert_detail.html", context)


@login_required
@require_POST
def accept_follow_up(request: HttpRequest, uuid) -> HttpResponse:
    alert = queries.get_alert_for_user(request.user, uuid)
    run_action(
        request,
        actions.accept_follow_up,
        alert=alert,
        success=_("The follow-up case was started."),
    )
    return redirect("watchlists:alert_detail", uuid=alert.uuid)


@login_required
def edition_list(request: HttpRequest) -> HttpResponse:
    actor = actor_who_may(request.user, queries.may_see_lists)
    context = {
        "current": queries.current_editions(),
        "page": paginate(request, queries.all_editions()),
        "runs": queries.latest_runs(),
        "may_manage": queries.may_manage_lists(actor),
    }
    return render(request, "watchlists/edition_list.html", context)


@login_required
def edition_load(request: HttpRequest) -> HttpResponse:
    actor_who_may(request.user, queries.may_manage_lists)
    form = forms.LoadEditionForm(request.POST or None, request.FILES or None)
    success = _("The list was loaded; suppliers and sites are being screened against it.")
    if run_upload_form(request, form, actions.load_list_edition, success=success):
        return redirect("watchlists:edition_list")
    return render(request, "watchlists/edition_load.html", {"form": form})


@login_required
@require_POST
def screen_now(request: HttpRequest) -> HttpResponse:
    actor_who_may(request.user, queries.may_manage_lists)
    run_action(
        request, actions.request_screening, success=_("A screening of every supplier and site was queued.")
    )
    return redirect("watchlists:edition_list")
