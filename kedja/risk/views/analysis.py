"""The workshop tool: list, detail (chain, heat map, register), quick item edits, approval."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kedja.core.audit import history, record_download, without_fields
from kedja.core.files import attachment
from kedja.core.htmx import render_page
from kedja.core.i18n import in_english
from kedja.core.pagination import paginate
from kedja.core.run import posted, run_action, run_posted_form, valid_or_report
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category
from kedja.reference.queries import current_period
from kedja.risk import actions, explanation, exports, labels, presentation, queries
from kedja.risk.assessment import offered_mappings
from kedja.risk.data import RiskData
from kedja.risk.forms import (
    BulkReviewForm,
    ChainRemovalForm,
    EvidenceForm,
    ItemAddForm,
    ItemEditForm,
    RemovalForm,
    StageForm,
    StartAnalysisForm,
    TextsForm,
)
from kedja.risk.models import AnalysisStatus
from kedja.risk.snapshot import item_record


def _startable(actor) -> list[Category]:
    period = current_period()
    if period is None:
        return []
    return [c for c in queries.startable_categories(period) if queries.may_start(actor, c, period)]


def analysis_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not actor.sees_shared:
        return render(request, "risk/published_list.html", {"analyses": queries.published_analyses()})
    qs = queries.analyses_visible_to(actor)
    if q := request.GET.get("q", "").strip():
        qs = qs.filter(Q(category__name_sv__icontains=q) | Q(category__name_en__icontains=q))
    if status := request.GET.get("status"):
        qs = qs.filter(status=status)
    context = {
        "page": paginate(request, qs),
        "q": q,
        "status": status,
        "statuses": AnalysisStatus.choices,
        "start_form": StartAnalysisForm(categories=_startable(actor)),
    }
    return render_page(request, "risk/analysis_list.html", context)


@login_required
@require_POST
def analysis_start(request: HttpRequest) -> HttpResponse:
    form = StartAnalysisForm(request.POST, categories=_startable(actor_for(request.user)))
    if not form.is_valid():
        raise Http404
    category = get_object_or_404(Category, slug=form.cleaned_data["category"])
    started = run_action(request, actions.start_analysis, category=category, period=current_period())
    if not started:
        return redirect("risk:analysis_list")
    return redirect("risk:analysis_detail", uuid=started.result.uuid)


def _detail_context(request, analysis) -> dict:
    actor = actor_for(request.user)
    # Each access answer costs a query: ask once per page.
    may_edit, may_approve = queries.may_edit(actor, analysis), queries.may_approve(actor, analysis)
    items = list(queries.items_of(analysis, include_rejected=True))
    active = [i for i in items if i.is_active]
    editable = analysis.is_draft and may_edit
    versions = list(queries.versions_of(analysis))  # newest first
    proposed = [i for i in active if i.review == "proposed"]
    shown, filters = presentation.filter_proposals(proposed, request.GET)
    return {
        "analysis": analysis,
        "items": [i for i in active if i.review == "confirmed"],
        "proposed_count": len(proposed),
        "proposed": presentation.proposal_groups(shown),
        "shown": shown,
        "filters": filters,
        "rejected": [i for i in items if not i.is_active],
        "chain": presentation.chain(queries.stages_of(analysis)),
        "heatmap": presentation.heatmap(active),
        "editable": editable,
        "may_approve": analysis.is_draft and may_approve,
        "may_reopen": not analysis.is_draft and may_edit,
        "stage_form": StageForm(),
        "item_form": ItemAddForm(analysis=analysis),
        "goods": labels.goods_choices(),
        "category_cpv": queries.category_cpv_codes(analysis.category),
        "texts_form": TextsForm(
            initial={"summary": analysis.summary, "confidential_notes": analysis.confidential_notes}
        ),
        "versions": versions,
        "published": next((v for v in versions if v.published_at), None),
        "may_rescore": may_edit,
        "outdated": queries.outdated_kinds(active),
        "to_publish": may_approve and versions and not versions[0].published_at and versions[0],
        # Internal notes are for those who may edit the analysis; the history hides them from others.
        "history": history(analysis)[:20]
        if may_edit
        else without_fields(history(analysis)[:20], {"confidential_notes", "confidential_note"}),
        "attributions": queries.attributions("wgi", "hdi", "ilab_goods", "ilab_profiles", "sector_risk"),
    }


@login_required
def analysis_detail(request: HttpRequest, uuid) -> HttpResponse:
    analysis = queries.get_analysis_for_user(request.user, uuid)
    context = _detail_context(request, analysis)
    # Only the full page lists the lower-confidence links; htmx edits skip loading the datasets.
    if context["editable"]:
        data = RiskData.current()
        context["offered"] = offered_mappings(analysis.category, data)
        context["producers"] = queries.other_producer_rows(analysis, data)
    return render(request, "risk/analysis_detail.html", context)


def act_on_analysis(
    request: HttpRequest,
    uuid,
    action: Callable[..., Any],
    *,
    form_class: type[Form] | None = None,
    write: bool = True,
    **arguments: Any,
) -> HttpResponse:
    """A button or small form on the analysis page: run `action` on the analysis (with the posted
    `form_class` form's data when given), then back to the page, which shows any refusal. `write`
    asks for edit access first; approval leaves that to its action."""
    analysis = queries.get_analysis_for_user(request.user, uuid, write=write)
    if form_class is None:
        run_action(request, action, analysis=analysis, **arguments)
    else:
        run_posted_form(request, form_class(request.POST), action, analysis=analysis, **arguments)
    return redirect("risk:analysis_detail", uuid=analysis.uuid)


@login_required
@require_POST
def stage_add(request: HttpRequest, uuid) -> HttpResponse:
    return act_on_analysis(request, uuid, actions.add_stage, form_class=StageForm)


@login_required
@require_POST
def item_add(request: HttpRequest, uuid) -> HttpResponse:
    analysis = queries.get_analysis_for_user(request.user, uuid, write=True)
    form = ItemAddForm(request.POST, analysis=analysis)
    added = run_posted_form(request, form, actions.add_item, analysis=analysis)
    if added and added.result.good and not RiskData.current().listed_good(added.result.good):
        messages.warning(
            request,
            _("“%(good)s” matches no good on the ILAB list, so no ILAB listing applies to the item.")
            % {"good": added.result.good},
        )
    return redirect("risk:analysis_detail", uuid=analysis.uuid)


@login_required
@require_POST
def analysis_propose(request: HttpRequest, uuid) -> HttpResponse:
    include_offered = bool(request.POST.get("include_offered"))
    return act_on_analysis(request, uuid, actions.propose_items, include_offered=include_offered)


@login_required
@require_POST
def analysis_texts(request: HttpRequest, uuid) -> HttpResponse:
    return act_on_analysis(request, uuid, actions.update_analysis_texts, form_class=TextsForm)


@login_required
@require_POST
def analysis_approve(request: HttpRequest, uuid) -> HttpResponse:
    return act_on_analysis(request, uuid, actions.approve_analysis, write=False)


@login_required
@require_POST
def analysis_reopen(request: HttpRequest, uuid) -> HttpResponse:
    return act_on_analysis(request, uuid, actions.reopen_analysis)


@login_required
def item_edit(request: HttpRequest, uuid) -> HttpResponse:
    item = queries.get_item_for_user(request.user, uuid, write=True)
    form = ItemEditForm.for_item(item, request.POST or None)
    if posted(request, form) and run_action(
        request, actions.update_item, form=form, item=item, values=form.values()
    ):
        if not request.htmx:
            return redirect("risk:analysis_detail", uuid=item.analysis.uuid)
        return render(
            request,
            "risk/item_saved_fragment.html",
            {"item": item, **_detail_context(request, item.analysis)},
        )
    context = {
        "item": item,
        "form": form,
        "evidence_form": EvidenceForm(),
        "removal_form": RemovalForm(),
        "history": history(item)[:10],
    }
    return render_page(request, "risk/item_edit.html", context)


@login_required
@require_POST
def proposals_review(request: HttpRequest, uuid) -> HttpResponse:
    """Confirm or reject the chosen proposals (or all shown under the filters) with one reason."""
    analysis = queries.get_analysis_for_user(request.user, uuid, write=True)
    form = BulkReviewForm(request.POST, proposed=queries.proposed_uuids(analysis))
    if valid_or_report(request, form):
        confirm = form.cleaned_data["decision"] == "confirm"
        items = queries.proposed_items(analysis, form.chosen())
        message = (
            ngettext("%(count)d proposal confirmed.", "%(count)d proposals confirmed.", len(items))
            if confirm
            else ngettext("%(count)d proposal rejected.", "%(count)d proposals rejected.", len(items))
        )
        run_action(
            request,
            actions.review_items,
            analysis=analysis,
            items=items,
            confirm=confirm,
            reason=form.cleaned_data["reason"],
            success=message % {"count": len(items)},
        )
    url = reverse("risk:analysis_detail", args=[analysis.uuid])
    return redirect(f"{url}?{presentation.filter_query(request.POST)}#proposed-heading")


@login_required
@require_POST
def item_remove(request: HttpRequest, uuid) -> HttpResponse:
    item = queries.get_item_for_user(request.user, uuid, write=True)
    run_posted_form(request, RemovalForm(request.POST), actions.remove_item, item=item)
    return redirect("risk:analysis_detail", uuid=item.analysis.uuid)


@login_required
@require_POST
def stage_remove(request: HttpRequest, uuid) -> HttpResponse:
    stage = queries.get_stage_for_user(request.user, uuid, write=True)
    form = ChainRemovalForm(request.POST, stage=stage)
    run_posted_form(request, form, actions.remove_from_chain, stage=stage)
    return redirect("risk:analysis_detail", uuid=stage.analysis.uuid)


@login_required
@require_POST
def evidence_add(request: HttpRequest, uuid) -> HttpResponse:
    item = queries.get_item_for_user(request.user, uuid, write=True)
    form = EvidenceForm(request.POST)
    run_posted_form(request, form, actions.add_evidence, item=item)
    return redirect("risk:item_edit", uuid=item.uuid)


def analysis_summary(request: HttpRequest, uuid) -> HttpResponse:
    """The public summary of the latest published version: no internal notes, open to anyone."""
    analysis, version = queries.get_published_analysis(uuid)
    return render(request, "risk/analysis_summary.html", _summary_context(analysis, version))


@login_required
def analysis_publish(request: HttpRequest, uuid) -> HttpResponse:
    """The public summary of the approved, unpublished version exactly as anyone will read it, and
    (POST) its publication. For those who approve; 404 for others and when nothing awaits."""
    analysis = queries.get_analysis_for_user(request.user, uuid)
    version = queries.unpublished_version(analysis)
    if version is None or not queries.may_approve(actor_for(request.user), analysis):
        raise Http404
    if request.method == "POST" and run_action(
        request, actions.publish_analysis, analysis=analysis, success=_("The summary is published.")
    ):
        return redirect("risk:analysis_summary", uuid=analysis.uuid)
    return render(
        request, "risk/analysis_summary.html", {**_summary_context(analysis, version), "preview": True}
    )


def _summary_context(analysis, version) -> dict:
    return {
        "analysis": analysis,
        "version": version,
        "snapshot": version.snapshot,
        "english": in_english(),
        "heatmap": presentation.heatmap_from_snapshot(version.snapshot),
    }


@login_required
def version_detail(request: HttpRequest, uuid, number: int) -> HttpResponse:
    analysis = queries.get_analysis_for_user(request.user, uuid)
    version = get_object_or_404(queries.versions_of(analysis), number=number)
    context = {
        "analysis": analysis,
        "version": version,
        "snapshot": version.snapshot,
        "english": in_english(),
        "internal": queries.may_edit(actor_for(request.user), analysis),
    }
    return render(request, "risk/version_detail.html", context)


@login_required
def item_explain(request: HttpRequest, uuid) -> HttpResponse:
    """How the item's scores came about; for everyone who may read its analysis."""
    item = queries.get_item_for_user(request.user, uuid)
    return _explanation(request, item.analysis, item_record(item), version=None)


@login_required
def version_item_explain(request: HttpRequest, uuid, number: int, item: UUID) -> HttpResponse:
    """The same explanation for a row of an approved, frozen version."""
    analysis = queries.get_analysis_for_user(request.user, uuid)
    version = get_object_or_404(queries.versions_of(analysis), number=number)
    record = next((row for row in version.snapshot["items"] if row["uuid"] == str(item)), None)
    if record is None:
        raise Http404
    return _explanation(request, analysis, record, version=version)


def _explanation(request: HttpRequest, analysis, record: dict, version) -> HttpResponse:
    raw = queries.explanation_inputs(record)
    context = {
        "analysis": analysis,
        "version": version,
        "record": record,
        "raw": raw,
        "steps": explanation.steps(record, raw),
        "overrides": explanation.overrides(record, raw["defaults"]),
        "english": in_english(),
    }
    return render(request, "risk/item_explain.html", context)


@login_required
def analysis_export(request: HttpRequest, uuid, fmt: str) -> HttpResponse:
    analysis = queries.get_analysis_for_user(request.user, uuid)
    content = exports.analysis_pdf(analysis) if fmt == "pdf" else exports.analysis_xlsx(analysis)
    filename = f"risk-analysis-{analysis.category.slug}.{fmt}"
    record_download(analysis, actor=request.user, filename=filename, export=True)
    return attachment(content, filename=filename)
