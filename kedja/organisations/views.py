from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.audit import history
from kedja.core.htmx import render_page
from kedja.core.pagination import paginate
from kedja.core.run import posted, run_action, run_form
from kedja.core.search import contains_any_case
from kedja.organisations import actions
from kedja.organisations.forms import InviteForm, MembershipForm
from kedja.organisations.models import OrganisationKind
from kedja.organisations.queries import (
    actor_for,
    areas_with_members,
    get_organisation_for_user,
    members_of,
    organisations_visible_to,
)


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    qs = organisations_visible_to(actor_for(request.user))
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if query:
        qs = qs.filter(contains_any_case("name", query) | Q(org_number__icontains=query))
    if kind in OrganisationKind.values:
        qs = qs.filter(kind=kind)
    context = {"page": paginate(request, qs), "query": query, "kind": kind, "kinds": OrganisationKind.choices}
    return render_page(request, "organisations/organisation_list.html", context)


@login_required
def organisation_detail(request: HttpRequest, uuid) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, uuid)
    actor = actor_for(request.user)
    may_admin = actor.is_secretariat or organisation.pk in actor.admin_organisation_ids
    context = {
        "organisation": organisation,
        "members": members_of(organisation) if (may_admin or actor.sees_shared) else [],
        "may_admin": may_admin,
        "history": history(organisation)[:50] if may_admin else [],
    }
    return render(request, "organisations/organisation_detail.html", context)


@login_required
def invite(request: HttpRequest, uuid) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, uuid, write=True)
    form = InviteForm(request.POST or None, organisation=organisation)
    # The message names the e-mail address, so it is built only once the form is valid.
    if posted(request, form) and run_action(
        request,
        actions.invite_user,
        form=form,
        success=_("Invitation sent to %(email)s.") % form.cleaned_data,
        organisation=organisation,
        **form.cleaned_data,
    ):
        return redirect("organisations:detail", uuid=organisation.uuid)
    return render(request, "organisations/invite.html", {"organisation": organisation, "form": form})


@login_required
def membership_edit(request: HttpRequest, uuid, membership_uuid) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, uuid, write=True)
    membership = get_object_or_404(organisation.memberships.select_related("user"), uuid=membership_uuid)
    initial = {"role": membership.role, "title": membership.title, "is_org_admin": membership.is_org_admin}
    form = MembershipForm(request.POST or None, organisation=organisation, initial=initial)
    if run_form(
        request,
        form,
        actions.change_membership,
        success=_("Membership updated."),
        membership=membership,
    ):
        return redirect("organisations:detail", uuid=organisation.uuid)
    context = {"organisation": organisation, "membership": membership, "form": form}
    return render(request, "organisations/membership_edit.html", context)


@login_required
@require_POST
def membership_remove(request: HttpRequest, uuid, membership_uuid) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, uuid, write=True)
    membership = get_object_or_404(organisation.memberships, uuid=membership_uuid)
    run_action(
        request,
        actions.remove_membership,
        membership=membership,
        success=_("The person was removed from the organisation."),
    )
    return redirect("organisations:detail", uuid=organisation.uuid)


@login_required
@require_POST
def membership_grievance_handler(request: HttpRequest, uuid, membership_uuid) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, uuid, write=True)
    membership = get_object_or_404(organisation.memberships, uuid=membership_uuid)
    is_handler = request.POST.get("is_handler") == "1"
    done = _("Designated as grievance handler.") if is_handler else _("No longer a grievance handler.")
    run_action(
        request, actions.set_grievance_handler, membership=membership, is_handler=is_handler, success=done
    )
    return redirect("organisations:membership_edit", uuid=organisation.uuid, membership_uuid=membership.uuid)


@login_required
@require_POST
def officers_assess(request: HttpRequest, uuid) -> HttpResponse:
    """The region's setting: its procurement officers assess its own cases, or only its strategists."""
    organisation = get_organisation_for_user(request.user, uuid, write=True)
    value = request.POST.get("officers_assess") == "1"
    run_action(
        request,
        actions.set_officers_assess,
        organisation=organisation,
        officers_assess=value,
        success=_("The setting was saved."),
    )
    return redirect("organisations:detail", uuid=organisation.uuid)


def area_list(request: HttpRequest) -> HttpResponse:
    if not actor_for(request.user).sees_shared:
        raise Http404
    return render(request, "organisations/area_list.html", {"areas": areas_with_members()})
