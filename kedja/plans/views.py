"""Pages of the division of responsibilities and the category action plans."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kedja.core.audit import history
from kedja.core.htmx import render_page
from kedja.core.pagination import paginate
from kedja.core.run import posted, run_action, run_form
from kedja.organisations.models import ProcurementArea
from kedja.organisations.queries import actor_for, actor_who_may
from kedja.reference.queries import current_period

from . import actions, forms, queries
from .models import ContactRole, PlanStatus
from .progress import plan_progress


def _shared(request: HttpRequest):
    actor = actor_for(request.user)
    if not actor.sees_shared:
        raise Http404
    return actor


# Division ----------------------------------------------------------------------------------------


def _division_context(period, actor) -> dict:
    contacts = list(queries.contacts_during(period))
    return {
        "period": period,
        "areas": queries.division_by_area(period),
        "coordinators": [c for c in contacts if c.role == ContactRole.COORDINATOR],
        "contacts": [c for c in contacts if c.role != ContactRole.COORDINATOR],
        "plans": queries.plans_visible_to(actor).filter(period=period),
        "periods": queries.periods(),
        "decision": getattr(period, "division_decision", None),
        "may_decide": queries.may_decide_division(actor),
        "is_current": period == current_period(),
    }


@login_required
def division(request: HttpRequest) -> HttpResponse:
    actor = _shared(request)
    period = current_period()
    if period is None:
        return render(
            request, "plans/division_empty.html", {"may_decide": queries.may_decide_division(actor)}
        )
    return render(request, "plans/division.html", _division_context(period, actor))


@login_required
def period_detail(request: HttpRequest, uuid) -> HttpResponse:
    period = queries.get_period_for_user(request.user, uuid)
    return render(request, "plans/division.html", _division_context(period, actor_for(request.user)))


@login_required
def decide(request: HttpRequest) -> HttpResponse:
    if not queries.may_decide_division(_shared(request)):
        raise Http404
    based_on = current_period()
    form = forms.DecisionForm(request.POST or None, based_on=based_on)
    if posted(request, form):
        data = {
            k: form.cleaned_data[k] for k in ("name", "starts_on", "ends_on", "decided_on", "decision_text")
        }
        decided = run_action(
            request,
            actions.decide_division,
            form=form,
            based_on=based_on,
            changes=form.changes(),
            success=_("The decision was recorded as a new division."),
            **data,
        )
        if decided:
            return redirect("plans:period_detail", uuid=decided.result.uuid)
    return render(request, "plans/decide.html", {"form": form, "based_on": based_on})


@login_required
def contact_assign(request: HttpRequest) -> HttpResponse:
    actor = _shared(request)
    if not queries.may_name_contacts(actor):
        raise Http404
    form = forms.ContactForm(request.POST or None)
    if run_form(
        request,
        form,
        actions.assign_contact,
    ):
        messages.success(request, _("The designation was recorded."))
        return redirect("plans:division")
    return render(request, "plans/contact_form.html", {"form": form})


# Action plans ------------------------------------------------------------------------------------


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    actor = _shared(request)
    qs = queries.plans_visible_to(actor)
    filters = {k: request.GET.get(k, "").strip() for k in ("q", "period", "area", "status")}
    if filters["q"]:
        qs = qs.filter(
            Q(category__name_sv__icontains=filters["q"]) | Q(category__name_en__icontains=filters["q"])
        )
    if filters["period"]:
        qs = qs.filter(period__name=filters["period"])
    if filters["area"]:
        qs = qs.filter(area__letter=filters["area"])
    if filters["status"]:
        qs = qs.filter(status=filters["status"])
    context = {
        "page": paginate(request, qs),
        "filters": filters,
        "periods": queries.periods(),
        "areas": ProcurementArea.objects.all(),
        "statuses": PlanStatus.choices,
        "may_create": actor.is_secretariat or bool(actor.coordinated_area_ids),
    }
    return render_page(request, "plans/plan_list.html", context)


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    actor, period = _shared(request), current_period()
    if period is None or not (actor.is_secretariat or actor.coordinated_area_ids):
        raise Http404
    form = forms.PlanCreateForm(
        request.POST or None, categories=queries.creatable_plan_categories(actor, period)
    )
    created = run_form(
        request, form, actions.create_plan, period=period, success=_("The draft plan was created.")
    )
    if created:
        return redirect("plans:plan_detail", uuid=created.result.uuid)
    return render(request, "plans/plan_create.html", {"form": form, "period": period})


def _year_of(request, plan) -> int:
    years = range(plan.period.starts_on.year, plan.period.ends_on.year + 1)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if year in years else min(max(timezone.localdate().year, years[0]), years[-1])


def _plan_page(request: HttpRequest, plan, **bound) -> HttpResponse:
    actor, plan = actor_for(request.user), queries.plan_detail_data(plan)
    year = _year_of(request, plan)
    may_edit = queries.may_edit_plan(actor, plan) and plan.status == PlanStatus.DRAFT
    blank = {
        "product_form": forms.ProductForm(prefix="product"),
        "goal_form": forms.GoalForm(prefix="goal", initial={"year": year}),
        "activity_form": forms.ActivityForm(prefix="activity", initial={"year": year}),
        "expectation_form": forms.ExpectationForm(prefix="expectation", initial={"year": year}),
    }
    context = {
        "plan": plan,
        "year": year,
        "years": range(plan.period.starts_on.year, plan.period.ends_on.year + 1),
        "progress": plan_progress(plan, year),
        "risk_analyses": queries.risk_analyses_of(plan),
        "may_edit": may_edit,
        "may_approve": queries.may_approve_plan(actor),
        "history": history(plan)[:30],
        **(blank if may_edit else {}),
        **bound,
    }
    return render(request, "plans/plan_detail.html", context, status=400 if bound else 200)


@login_required
def plan_detail(request: HttpRequest, uuid) -> HttpResponse:
    return _plan_page(request, queries.get_plan_for_user(request.user, uuid))


@login_required
def plan_edit(request: HttpRequest, uuid) -> HttpResponse:
    plan = queries.get_plan_for_user(request.user, uuid, write=True)
    initial = {"summary": plan.summary, "risk_analysis_version": plan.risk_analysis_version}
    form = forms.PlanEditForm(request.POST or None, initial=initial)
    if run_form(request, form, actions.update_plan, plan=plan, success=_("The plan was updated.")):
        return redirect("plans:plan_detail", uuid=plan.uuid)
    return render(request, "plans/plan_edit.html", {"form": form, "plan": plan})


# One POST view adds any part of a draft plan: part name (also the form prefix) → (form, action, message).
PLAN_PARTS = {
    "product": (forms.ProductForm, actions.add_product, gettext_lazy("The product was added.")),
    "goal": (forms.GoalForm, actions.add_goal, gettext_lazy("The goal was added.")),
    "activity": (forms.ActivityForm, actions.add_activity, gettext_lazy("The activity was planned.")),
    "expectation": (
        forms.ExpectationForm,
        actions.set_expectation,
        gettext_lazy("The expectation was saved."),
    ),
}


@login_required
@require_POST
def plan_add_part(request: HttpRequest, uuid, part: str) -> HttpResponse:
    plan = queries.get_plan_for_user(request.user, uuid, write=True)
    if part not in PLAN_PARTS:
        raise Http404
    form_class, action, done = PLAN_PARTS[part]
    form = form_class(request.POST, prefix=part)
    if run_form(request, form, action, plan=plan, success=done):
        return redirect("plans:plan_detail", uuid=plan.uuid)
    return _plan_page(request, plan, **{f"{part}_form": form})


@login_required
@require_POST
def activity_remove(request: HttpRequest, uuid, activity_uuid) -> HttpResponse:
    plan = queries.get_plan_for_user(request.user, uuid, write=True)
    activity = queries.get_activity_for_user(request.user, plan, activity_uuid)
    run_action(request, actions.remove_activity, activity=activity, success=_("The activity was removed."))
    return redirect("plans:plan_detail", uuid=plan.uuid)


@login_required
@require_POST
def plan_approve(request: HttpRequest, uuid) -> HttpResponse:
    plan = queries.get_plan_for_user(request.user, uuid)
    run_action(request, actions.approve_plan, plan=plan, success=_("The plan was approved."))
    return redirect("plans:plan_detail", uuid=plan.uuid)


@login_required
@require_POST
def plan_reopen(request: HttpRequest, uuid) -> HttpResponse:
    plan = queries.get_plan_for_user(request.user, uuid)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            actions.reopen_plan,
            plan=plan,
            reason=form.cleaned_data["reason"],
            success=_("The plan was reopened for revision."),
        )
    else:
        messages.error(request, _("Give a reason for reopening."))
    return redirect("plans:plan_detail", uuid=plan.uuid)


def _activity_page(request, plan, activity, **bound) -> HttpResponse:
    context = {
        "plan": plan,
        "activity": activity,
        "progress": next(
            a for a in plan_progress(plan, activity.year).activities if a.activity.pk == activity.pk
        ),
        "complete_form": forms.CompleteForm(prefix="complete"),
        "delay_form": forms.DelayForm(prefix="delay", initial={"reason": activity.delay_reason}),
        "may_record": queries.may_record_progress(actor_for(request.user), activity),
        **bound,
    }
    return render(request, "plans/activity_detail.html", context, status=400 if bound else 200)


@login_required
def activity_detail(request: HttpRequest, uuid, activity_uuid) -> HttpResponse:
    plan = queries.get_plan_for_user(request.user, uuid)
    return _activity_page(request, plan, queries.get_activity_for_user(request.user, plan, activity_uuid))


@login_required
@require_POST
def activity_progress(request: HttpRequest, uuid, activity_uuid, what: str) -> HttpResponse:
    plan = queries.get_plan_for_user(request.user, uuid)
    activity = queries.get_activity_for_user(request.user, plan, activity_uuid)
    form_class, action = {
        "complete": (forms.CompleteForm, actions.complete_activity),
        "delay": (forms.DelayForm, actions.explain_delay),
    }.get(what, (None, None))
    if form_class is None:
        raise Http404
    form = form_class(request.POST, prefix=what)
    if run_form(request, form, action, activity=activity, success=_("The progress was recorded.")):
        return redirect("plans:activity_detail", uuid=plan.uuid, activity_uuid=activity.uuid)
    return _activity_page(request, plan, activity, **{f"{what}_form": form})


@login_required
def hours_report(request: HttpRequest, uuid) -> HttpResponse:
    plan = queries.get_plan_for_user(request.user, uuid)
    actor = actor_who_may(
        request.user, queries.may_name_contacts
    )  # the same people report their region's hours
    form = forms.HoursForm(request.POST or None, initial={"year": timezone.localdate().year})
    if not actor.is_secretariat:
        form.fields["region"].queryset = form.fields["region"].queryset.filter(
            pk__in=actor.officer_region_ids
        )
    if run_form(request, form, actions.report_hours, plan=plan, success=_("The hours were reported.")):
        return redirect("plans:plan_detail", uuid=plan.uuid)
    return render(request, "plans/hours_form.html", {"form": form, "plan": plan})
