"""Pages of the reference data: the public code of conduct and data sources, and the browser."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.audit import history
from kedja.core.htmx import render_page
from kedja.core.pagination import paginate
from kedja.core.run import run_action, run_form
from kedja.organisations.queries import actor_for
from kedja.reference import actions, compare, queries
from kedja.reference.forms import PublishVersionForm, RequirementTextForm
from kedja.reference.models import (
    ClauseLevel,
    CodeArea,
    Country,
    CpvCode,
    DocumentKind,
    IloConvention,
    Issue,
    RequirementDocument,
)
from kedja.reference.sources import CPV_MIT_NOTICE, DATASETS


def code_of_conduct(request: HttpRequest) -> HttpResponse:
    """Public: the code of conduct in force and the structure of the 2024 contract clause."""
    coc = queries.current_code_of_conduct()
    clause = queries.current_document(DocumentKind.CONTRACT_CLAUSE, level=ClauseLevel.ADVANCED_2024)
    context = {
        "coc": coc,
        "commitments": queries.requirements_of(coc) if coc else [],
        "clause": clause,
        "sections": queries.requirements_by_section(queries.requirements_of(clause)) if clause else [],
    }
    return render(request, "reference/code_of_conduct.html", context)


def data_sources(request: HttpRequest) -> HttpResponse:
    """Public: every dataset with its source, edition, licence and attribution."""
    return render(
        request, "reference/data_sources.html", {"datasets": DATASETS, "mit_notice": CPV_MIT_NOTICE}
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "counts": {
            "documents": RequirementDocument.objects.count(),
            "cpv": CpvCode.objects.count(),
            "countries": Country.objects.count(),
            "issues": Issue.objects.count(),
            "ilo": IloConvention.objects.count(),
            "categories": queries.categories_visible_to(actor_for(request.user)).count(),
        },
        "sees_shared": actor_for(request.user).sees_shared,
        "period": queries.current_period(),
    }
    return render(request, "reference/index.html", context)


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    documents = queries.documents(actor_for(request.user))
    return render(request, "reference/document_list.html", {"documents": documents})


@login_required
def document_detail(request: HttpRequest, uuid) -> HttpResponse:
    actor = actor_for(request.user)
    document = queries.get_document(uuid, actor)
    context = {
        "document": document,
        "sections": queries.requirements_by_section(queries.requirements_of(document)),
        "may_edit": actor.is_secretariat,
        "versions": queries.versions_of(document, actor),
        "placeholders": queries.placeholders_in(document),
    }
    return render(request, "reference/document_detail.html", context)


@login_required
def document_compare(request: HttpRequest, uuid) -> HttpResponse:
    """Two versions side by side: this one and `?with=` (default: the version before it)."""
    actor = actor_for(request.user)
    document = queries.get_document(uuid, actor)
    other = queries.get_document(request.GET["with"], actor) if request.GET.get("with") else document.previous
    if other is None or other.kind != document.kind:
        raise Http404
    old, new = sorted([other, document], key=lambda d: (d.valid_from is None, d.valid_from, d.pk))
    context = {
        "old": old,
        "new": new,
        "document_changes": compare.document_changes(old, new),
        "rows": compare.requirement_changes(old, new),
        "versions": queries.versions_of(document, actor),
        "document": document,
    }
    return render(request, "reference/document_compare.html", context)


@login_required
@require_POST
def document_new_version(request: HttpRequest, uuid) -> HttpResponse:
    document = queries.get_document(uuid, actor_for(request.user))
    outcome = run_action(request, actions.start_new_version, document=document)
    target = outcome.result if outcome else document
    return redirect("reference:document_detail", uuid=target.uuid)


@login_required
def document_publish(request: HttpRequest, uuid) -> HttpResponse:
    actor = actor_for(request.user)
    document = queries.get_document(uuid, actor)
    if not (actor.is_secretariat and document.is_draft):
        raise Http404
    form = PublishVersionForm(request.POST or None, initial={"version": document.version})
    if run_form(
        request, form, actions.publish_version, success=_("The version was published."), document=document
    ):
        return redirect("reference:document_detail", uuid=document.uuid)
    return render(request, "reference/document_publish.html", {"document": document, "form": form})


@login_required
def requirement_detail(request: HttpRequest, uuid, key: str) -> HttpResponse:
    document = queries.get_document(uuid, actor_for(request.user))
    requirement = queries.get_requirement(document, key)
    context = {
        "document": document,
        "requirement": requirement,
        "may_edit": actor_for(request.user).is_secretariat,
        "history": history(requirement)[:50],
    }
    return render(request, "reference/requirement_detail.html", context)


@login_required
def requirement_edit(request: HttpRequest, uuid, key: str) -> HttpResponse:
    document = queries.get_document(uuid, actor_for(request.user))
    requirement = queries.get_requirement(document, key, user=request.user, write=True)
    form = RequirementTextForm(request.POST or None, initial=RequirementTextForm.initial_from(requirement))
    if outcome := run_form(
        request,
        form,
        actions.edit_requirement_text,
        success=_("The requirement was saved in the draft of the next version."),
        requirement=requirement,
    ):
        saved = outcome.result  # the draft's requirement: a published version never changes
        return redirect("reference:requirement_detail", uuid=saved.document.uuid, key=saved.key)
    context = {
        "document": document,
        "requirement": requirement,
        "form": form,
        "history": history(requirement)[:50],
    }
    return render(request, "reference/requirement_edit.html", context)


@login_required
def category_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not actor.sees_shared:
        raise Http404
    period = queries.current_period()
    query = request.GET.get("q", "").strip()
    qs = queries.search_categories(queries.categories_with_responsibility(actor, period), query)
    context = {"categories": qs, "period": period, "query": query}
    return render_page(request, "reference/category_list.html", context)


@login_required
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = queries.get_category_for_user(request.user, slug)
    period = queries.current_period()
    context = {
        "category": category,
        "period": period,
        "responsibility": queries.responsibility(category, period),
        "prefixes": category.cpv_prefixes.all(),
        "children": category.children.all(),
    }
    return render(request, "reference/category_detail.html", context)


@login_required
def cpv_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    qs = queries.search_cpv(query) if query else CpvCode.objects.filter(level=1).select_related("parent")
    return render_page(request, "reference/cpv_list.html", {"page": paginate(request, qs), "query": query})


@login_required
def cpv_detail(request: HttpRequest, code: str) -> HttpResponse:
    cpv = queries.get_cpv(code)
    context = {
        "cpv": cpv,
        "ancestors": queries.cpv_ancestors(cpv),
        "children": cpv.children.all(),
        "categories": queries.category_for_cpv(cpv.code) if actor_for(request.user).sees_shared else [],
    }
    return render(request, "reference/cpv_detail.html", context)


@login_required
def country_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    context = {"page": paginate(request, queries.search_countries(query), per_page=50), "query": query}
    return render_page(request, "reference/country_list.html", context)


@login_required
def issue_list(request: HttpRequest) -> HttpResponse:
    query, area = request.GET.get("q", "").strip(), request.GET.get("area", "")
    zero = request.GET.get("zero_tolerance") == "1"
    issues = queries.search_issues(query, area=area if area in CodeArea.values else "", zero_tolerance=zero)
    context = {"issues": issues, "query": query, "area": area, "areas": CodeArea.choices, "zero": zero}
    return render(request, "reference/issue_list.html", context)


@login_required
def ilo_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reference/ilo_list.html", {"instruments": queries.ilo_instruments()})
