"""Pages for suppliers, contracts and supply chains. Access through queries, writes through actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.contracts import actions, imports, queries
from kedja.contracts.clause_pdf import clause_pdf
from kedja.contracts.forms import ContactForm, ContractForm, SiteForm, SiteImportForm, SupplierForm
from kedja.contracts.models import ContractStatus, SiteType
from kedja.core.audit import history, record_download
from kedja.core.files import attachment
from kedja.core.htmx import render_page
from kedja.core.i18n import in_english
from kedja.core.pagination import paginate
from kedja.core.run import posted, run_action, run_form
from kedja.organisations.queries import actor_for, actor_who_may, regions
from kedja.reference.models import Country
from kedja.reference.queries import placeholders_in

# Suppliers ---------------------------------------------------------------------------------------


@login_required
def supplier_list(request: HttpRequest) -> HttpResponse:
    actor = actor_who_may(request.user, queries.may_list_contracts)
    qs = queries.suppliers_visible_to(actor)
    query, country = request.GET.get("q", "").strip(), request.GET.get("country", "")
    qs = queries.filter_suppliers(qs, q=query, country=country)
    name_field = "name_en" if in_english() else "name_sv"
    qs = qs.annotate(
        country_name=Subquery(Country.objects.filter(iso3=OuterRef("country_code")).values(name_field)[:1])
    )
    # The countries of the visible suppliers, each probed in the index: listing the distinct
    # countries of 50,000 suppliers read all of them (80 ms on SQLite at the national maximum).
    of_country = queries.suppliers_visible_to(actor).filter(country_code=OuterRef("iso3"))
    context = {
        "page": paginate(request, qs),
        "query": query,
        "country": country,
        "countries": Country.objects.filter(Exists(of_country)),
        "may_create": queries.may_create_supplier(actor),
    }
    return render_page(request, "contracts/supplier_list.html", context)


@login_required
def supplier_detail(request: HttpRequest, uuid) -> HttpResponse:
    supplier = queries.get_supplier_for_user(request.user, uuid)
    actor = actor_for(request.user)
    context = {
        "supplier": supplier,
        "country": Country.objects.filter(iso3=supplier.country_code).first(),
        "contacts": queries.contacts_of(supplier),
        "contracts": queries.contracts_visible_to(actor).filter(supplier=supplier),
        "sites": queries.sites_of_supplier(supplier, actor),
        "history": history(supplier)[:50],
        "may_edit": queries.may_edit_supplier(actor, supplier),
        "may_edit_contacts": queries.may_edit_contacts(actor, supplier),
    }
    return render(request, "contracts/supplier_detail.html", context)


@login_required
def supplier_create(request: HttpRequest) -> HttpResponse:
    actor_who_may(request.user, queries.may_create_supplier)
    form = SupplierForm(request.POST or None)
    created = run_form(request, form, actions.create_supplier, success=_("The supplier was registered."))
    if created:
        return redirect("contracts:supplier_detail", uuid=created.result.uuid)
    return render(request, "contracts/supplier_form.html", {"form": form})


@login_required
def supplier_edit(request: HttpRequest, uuid) -> HttpResponse:
    supplier = queries.get_supplier_for_user(request.user, uuid, write=True)
    form = SupplierForm.for_supplier(supplier, request.POST or None)
    if run_form(
        request,
        form,
        actions.update_supplier,
        success=_("The supplier was updated."),
        supplier=supplier,
    ):
        return redirect("contracts:supplier_detail", uuid=supplier.uuid)
    return render(request, "contracts/supplier_form.html", {"form": form, "supplier": supplier})


def _supplier_for_contacts(user, uuid):
    supplier = queries.get_supplier_for_user(user, uuid)
    if not queries.may_edit_contacts(actor_for(user), supplier):
        raise Http404
    return supplier


@login_required
def contact_create(request: HttpRequest, uuid) -> HttpResponse:
    supplier = _supplier_for_contacts(request.user, uuid)
    form = ContactForm(request.POST or None)
    if run_form(
        request,
        form,
        actions.add_contact,
        success=_("The contact was added."),
        supplier=supplier,
    ):
        return redirect("contracts:supplier_detail", uuid=supplier.uuid)
    return render(request, "contracts/contact_form.html", {"form": form, "supplier": supplier})


@login_required
def contact_edit(request: HttpRequest, uuid, contact_uuid) -> HttpResponse:
    supplier = queries.get_supplier_for_user(request.user, uuid)
    contact = queries.get_contact_for_user(request.user, supplier, contact_uuid)
    fields = ("name", "email", "phone", "role", "is_due_diligence_contact")
    form = ContactForm(request.POST or None, initial={name: getattr(contact, name) for name in fields})
    if run_form(
        request,
        form,
        actions.update_contact,
        success=_("The contact was updated."),
        contact=contact,
    ):
        return redirect("contracts:supplier_detail", uuid=supplier.uuid)
    context = {"form": form, "supplier": supplier, "contact": contact}
    return render(request, "contracts/contact_form.html", context)


@login_required
@require_POST
def contact_remove(request: HttpRequest, uuid, contact_uuid) -> HttpResponse:
    supplier = queries.get_supplier_for_user(request.user, uuid)
    contact = queries.get_contact_for_user(request.user, supplier, contact_uuid)
    run_action(request, actions.remove_contact, contact=contact, success=_("The contact was removed."))
    return redirect("contracts:supplier_detail", uuid=supplier.uuid)


# Contracts ---------------------------------------------------------------------------------------


# A searched list counts its matches up to this many (core.pagination.CappedPaginator); the whole
# or filtered list is always counted exactly, which an index or one pass over the table serves.
SEARCH_COUNT_CAP = 10_000


def _contract_filters(request: HttpRequest) -> dict:
    get = request.GET
    return {key: get.get(key, "").strip() for key in ("q", "category", "region", "status", "framework")}


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    actor = actor_who_may(request.user, queries.may_list_contracts)
    filters = _contract_filters(request)
    qs = queries.filter_contracts(queries.contracts_visible_to(actor), **filters)
    context = {
        "page": paginate(request, qs, count_cap=SEARCH_COUNT_CAP if filters["q"] else None),
        "filters": filters,
        "categories": queries.categories_in_use(),
        "regions": regions(),
        "statuses": ContractStatus.choices,
        "may_create": queries.may_create_contract(actor),
    }
    return render_page(request, "contracts/contract_list.html", context)


@login_required
def contract_detail(request: HttpRequest, uuid) -> HttpResponse:
    actor = actor_for(request.user)
    qs = queries.contract_detail_qs(queries.contracts_visible_to(actor))
    contract = queries.get_or_404(qs, uuid)
    context = {
        "contract": contract,
        "sites": queries.sites_of(contract, actor),
        "history": history(contract)[:50],
        "placeholders": placeholders_in(contract.clause_version, contract.code_of_conduct),
        "may_edit": queries.may_edit_contract(actor, contract),
        "may_edit_sites": queries.may_edit_sites(actor, contract),
    }
    return render(request, "contracts/contract_detail.html", context)


@login_required
def contract_clause_pdf(request: HttpRequest, uuid) -> HttpResponse:
    """The filled-in clause of a contract the user may see, for the tender documents."""
    qs = queries.contracts_visible_to(actor_for(request.user)).select_related(
        "clause_version", "code_of_conduct", "supplier"
    )
    contract = queries.get_or_404(qs, uuid)
    filename = f"kedja-clause-{contract.uuid}.pdf"
    content = clause_pdf(contract)
    record_download(contract, actor=request.user, filename=filename, export=True)
    return attachment(content, filename=filename)


@login_required
def contract_create(request: HttpRequest) -> HttpResponse:
    actor_who_may(request.user, queries.may_create_contract)
    # ?supplier=<uuid> pre-selects the supplier when coming from a supplier's page.
    form = ContractForm(request.POST or None, initial={"supplier": request.GET.get("supplier")})
    if posted(request, form):
        done = run_action(
            request,
            actions.create_contract,
            form=form,
            success=_("The contract was registered."),
            data=form.to_input(),
        )
        if done:
            return redirect("contracts:contract_detail", uuid=done.result.uuid)
    return render(request, "contracts/contract_form.html", {"form": form})


@login_required
def contract_edit(request: HttpRequest, uuid) -> HttpResponse:
    contract = queries.get_contract_for_user(request.user, uuid, write=True)
    form = ContractForm.for_contract(contract, request.POST or None)
    if posted(request, form) and run_action(
        request,
        actions.update_contract,
        form=form,
        success=_("The contract was updated."),
        contract=contract,
        data=form.to_input(),
    ):
        return redirect("contracts:contract_detail", uuid=contract.uuid)
    return render(request, "contracts/contract_form.html", {"form": form, "contract": contract})


# Supply chain ------------------------------------------------------------------------------------


@login_required
def supply_chain(request: HttpRequest, uuid) -> HttpResponse:
    actor = actor_for(request.user)
    contract = queries.get_contract_for_user(request.user, uuid)
    sites = queries.sites_of(contract, actor)
    context = {
        "contract": contract,
        "sites": sites,
        "tiers": queries.sites_by_tier(sites),
        "chain": queries.chain_rows(sites),
        "may_edit_sites": queries.may_edit_sites(actor, contract),
    }
    return render(request, "contracts/supply_chain.html", context)


@login_required
def site_create(request: HttpRequest, uuid) -> HttpResponse:
    contract = queries.get_contract_for_site_editing(request.user, uuid)
    chain = queries.sites_of(contract, actor_for(request.user))
    form = SiteForm(request.POST or None, chain=chain)
    if posted(request, form) and run_action(
        request,
        actions.add_site,
        form=form,
        success=_("The site was added to the supply chain."),
        contract=contract,
        data=form.to_input(contract),
    ):
        return redirect("contracts:supply_chain", uuid=contract.uuid)
    return render(request, "contracts/site_form.html", {"form": form, "contract": contract})


@login_required
def site_edit(request: HttpRequest, uuid, site_uuid) -> HttpResponse:
    contract = queries.get_contract_for_site_editing(request.user, uuid)
    site = queries.get_site_for_user(request.user, contract, site_uuid)
    chain = queries.sites_of(contract, actor_for(request.user))
    form = SiteForm(request.POST or None, chain=chain, site=site)
    if posted(request, form) and run_action(
        request,
        actions.update_site,
        form=form,
        success=_("The site was updated."),
        data=form.to_input(contract),
        contract=contract,
        site=site,
    ):
        return redirect("contracts:supply_chain", uuid=contract.uuid)
    context = {"form": form, "contract": contract, "site": site}
    return render(request, "contracts/site_form.html", context)


@login_required
@require_POST
def site_remove(request: HttpRequest, uuid, site_uuid) -> HttpResponse:
    contract = queries.get_contract_for_site_editing(request.user, uuid)
    site = queries.get_site_for_user(request.user, contract, site_uuid)
    run_action(
        request,
        actions.remove_site,
        contract=contract,
        site=site,
        success=_("The site was removed from the supply chain."),
    )
    return redirect("contracts:supply_chain", uuid=contract.uuid)


# Supply-chain import -----------------------------------------------------------------------------


def _import_context(contract, form, **extra) -> dict:
    return {"contract": contract, "form": form, "site_types": SiteType.choices, **extra}


@login_required
def site_import(request: HttpRequest, uuid) -> HttpResponse:
    """Upload a file: every row is checked and either all problems or a preview are shown."""
    contract = queries.get_contract_for_site_editing(request.user, uuid)
    form = SiteImportForm(request.POST or None, request.FILES or None)
    context = _import_context(contract, form)
    if posted(request, form):
        upload = form.cleaned_data["file"]
        try:
            rows = imports.read_upload(upload)
            context["plan"] = imports.plan_site_import(contract, rows)
        except imports.ImportProblems as error:
            context.update(problems=error.problems, file_name=upload.name)
        else:
            token = imports.sign_rows(rows, file_name=upload.name, contract=contract, user=request.user)
            context.update(token=token, file_name=upload.name)
    return render(request, "contracts/site_import.html", context)


@login_required
@require_POST
def site_import_confirm(request: HttpRequest, uuid) -> HttpResponse:
    """Write the previewed rows; they are checked again in case the chain changed meanwhile."""
    contract = queries.get_contract_for_site_editing(request.user, uuid)
    token = request.POST.get("token", "")
    outcome = run_action(request, _import_previewed_sites, contract=contract, token=token)
    if not outcome:
        return redirect("contracts:site_import", uuid=contract.uuid)
    name, result = outcome.result
    messages.success(
        request,
        _("Imported %(file)s: %(created)d new sites, %(updated)d updated, %(unchanged)d unchanged.")
        % {"file": name, **vars(result)},
    )
    return redirect("contracts:supply_chain", uuid=contract.uuid)


def _import_previewed_sites(*, acting_user, contract, token: str):
    """The file name and the import's result; a stale or altered token or a row that no longer
    passes is a ValidationError, so the user is sent back to upload again with the reasons."""
    name, rows = imports.unsign_rows(token, contract=contract, user=acting_user)
    return name, actions.import_sites(acting_user=acting_user, contract=contract, rows=rows, file_name=name)


@login_required
def site_import_template(request: HttpRequest, uuid) -> HttpResponse:
    """The import template with example rows, as CSV or (with ?format=xlsx) as a workbook."""
    queries.get_contract_for_site_editing(request.user, uuid)
    if request.GET.get("format") == "xlsx":
        return attachment(imports.template_xlsx(), filename="kedja-supply-chain-template.xlsx")
    return attachment(imports.template_csv(), filename="kedja-supply-chain-template.csv")
