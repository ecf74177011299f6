"""The supplier's profile and library pages, and the one access-checked download of its documents."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.contracts.queries import contacts_of
from kedja.core.files import document_response
from kedja.core.run import run_action, run_upload_form
from kedja.organisations.models import Organisation
from kedja.organisations.queries import actor_for

from . import actions, queries
from .forms import LibraryUploadForm, ProfileForm


def _own_supplier(request: HttpRequest) -> Organisation:
    actor = actor_for(request.user)
    if not actor.supplier_ids:
        raise Http404
    return Organisation.objects.filter(pk__in=actor.supplier_ids).order_by("name").first()


@login_required
def library(request: HttpRequest) -> HttpResponse:
    """The supplier's document library: upload once, link from any answer."""
    supplier = _own_supplier(request)
    form = LibraryUploadForm(request.POST or None, request.FILES or None)
    success = _("The document was added to your library.")
    if run_upload_form(request, form, actions.add_document, supplier=supplier, success=success):
        return redirect("suppliers:library")
    documents = queries.documents_of(supplier)
    context = {
        "supplier": supplier,
        "documents": documents,
        "to_revise": queries.to_revise(documents),
        "expiring": queries.expiring_documents(supplier),
        "form": form,
    }
    return render(request, "suppliers/library.html", context)


@login_required
def own_profile(request: HttpRequest) -> HttpResponse:
    """The supplier keeps its company profile up to date."""
    supplier = _own_supplier(request)
    profile = queries.profile_of(supplier)
    initial = {"legal_name": supplier.name}
    if profile is not None:
        initial = {
            "legal_name": profile.legal_name,
            "visiting_address": profile.visiting_address,
            "postal_address": profile.postal_address,
            "sectors": list(profile.sectors.all()),
            "products": profile.products,
            "policies_summary": profile.policies_summary,
        }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_action(
            request,
            actions.update_profile,
            form=form,
            supplier=supplier,
            **form.cleaned_data,
            success=_("Your company profile was saved."),
        )
        if saved:
            return redirect("suppliers:profile", uuid=supplier.uuid)
    return render(request, "suppliers/profile_form.html", {"supplier": supplier, "form": form})


@login_required
def profile(request: HttpRequest, uuid) -> HttpResponse:
    """A supplier's profile as buyers (and the supplier) read it; the library only for those who may."""
    supplier = queries.get_supplier_for_profile(request.user, uuid)
    actor = actor_for(request.user)
    sees_library = queries.may_see_library(actor, supplier)
    context = {
        "supplier": supplier,
        "profile": queries.profile_of(supplier),
        "documents": queries.documents_of(supplier) if sees_library else [],
        "sees_library": sees_library,
        "own": queries.is_own_supplier(actor, supplier),
        "contacts": contacts_of(supplier).filter(is_due_diligence_contact=True),
    }
    return render(request, "suppliers/profile.html", context)


@login_required
def document_download(request: HttpRequest, uuid) -> HttpResponse:
    """Library documents are only ever served here, after the access check (never the media URL)."""
    document = queries.get_document_for_user(request.user, uuid)
    return document_response(request, document)


@login_required
@require_POST
def document_archive(request: HttpRequest, uuid) -> HttpResponse:
    document = queries.get_document_for_user(request.user, uuid)
    run_action(
        request,
        actions.archive_document,
        document=document,
        success=_("The document was archived; answers that used it keep it."),
    )
    return redirect("suppliers:library")
