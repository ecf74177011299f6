"""The case team's dashboard: my cases, overdue answers and corrective actions, counts by step and
traffic light, with filters. Only people who see shared data reach it; suppliers and auditors are
sent to their own pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kedja.core.htmx import render_page
from kedja.organisations.queries import actor_for

from .. import dashboard
from ..rules import TrafficLight


@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not actor.sees_shared:
        return redirect("followup:portal_home") if actor.is_supplier else redirect("followup:auditor_home")
    # The secretariat oversees the whole collaboration, so it starts from all cases.
    filters = dashboard.CaseFilters.from_query(
        request.GET, default_scope="all" if actor.is_secretariat else "mine"
    )
    context = {
        **dashboard.build(actor, filters),
        **dashboard.filter_options(),
        "filters": filters,
        "lights": TrafficLight.choices,
    }
    return render_page(request, "followup/dashboard.html", context)
