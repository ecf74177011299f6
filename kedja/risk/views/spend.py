"""Spend screening: upload a file, confirm its columns, follow the background screening, read,
share and export the saved result."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.audit import record_download
from kedja.core.files import attachment
from kedja.core.run import run_action, run_form, run_upload_form
from kedja.core.uploads import size_limit_text
from kedja.organisations.queries import actor_for
from kedja.risk import screening, spend, spend_actions
from kedja.risk.forms import AccountCategoryForm, SpendMappingForm, SpendUploadForm
from kedja.risk.models import ScreeningStatus
from kedja.risk.spend_queries import (
    account_categories_of,
    get_account_category_for_user,
    get_screening_for_user,
    organisation_of,
    screenings_for,
)

PAGE_SIZE = 50


def _require_shared(request: HttpRequest) -> None:
    if not actor_for(request.user).sees_shared:
        raise PermissionDenied


def _limit() -> str:
    return size_limit_text(settings.KEDJA_SPEND_MAX_BYTES)


@login_required
def spend_screening(request: HttpRequest) -> HttpResponse:
    _require_shared(request)
    form = SpendUploadForm(request.POST or None, request.FILES or None)
    if outcome := run_upload_form(request, form, spend_actions.start_screening):
        return redirect("risk:spend_mapping", uuid=outcome.result.uuid)
    context = {
        "form": form,
        "limit": _limit(),
        "screenings": screenings_for(request.user)[:PAGE_SIZE],
        "aliases": [(spend.ROLE_LABELS[r], spend.accepted_names(r)) for r in spend.ROLES],
    }
    return render(request, "risk/spend_upload.html", context)


def _period_of(item) -> dict:
    return {name: getattr(item, name) for name in ("period_start", "period_end") if getattr(item, name)}


@login_required
def spend_mapping(request: HttpRequest, uuid) -> HttpResponse:
    _require_shared(request)
    item = get_screening_for_user(request.user, uuid)
    if item.created_by_id != request.user.pk:
        raise Http404
    if item.status not in (ScreeningStatus.MAPPING, ScreeningStatus.FAILED) or not item.stored_file:
        return redirect("risk:spend_result", uuid=item.uuid)
    sheet = item.source.get("sheet", "")
    form = SpendMappingForm(
        request.POST or None,
        header=item.header,
        sheets=item.source.get("sheets", []),
        initial={**item.columns, "sheet": sheet, **_period_of(item)},
    )
    valid = request.method == "POST" and form.is_valid()
    if valid and form.cleaned_data.get("sheet", sheet) != sheet:
        # Another sheet has other columns: read them, then show the step again with their guesses.
        run_action(request, spend_actions.choose_sheet, screening=item, sheet=form.cleaned_data["sheet"])
        return redirect("risk:spend_mapping", uuid=item.uuid)
    starting = valid and "preview" not in request.POST
    mapping = {role: form.cleaned_data.get(role, "") for role in spend.ROLES} if valid else {}
    period = {name: form.cleaned_data.get(name) for name in ("period_start", "period_end")} if valid else {}
    if starting and run_action(
        request, spend_actions.confirm_mapping, form=form, screening=item, columns=mapping, **period
    ):
        return redirect("risk:spend_result", uuid=item.uuid)
    columns = {r: c for r, c in (mapping if valid else item.columns).items() if c}
    roles = [r for r in spend.ROLES if r in columns]
    preview = spend.preview(item.header, item.sample, columns) if item.sample else []
    context = {
        "item": item,
        "form": form,
        "labels": [spend.ROLE_LABELS[r] for r in roles],
        "preview": [{**row, "cells": [row["raw"][r] for r in roles]} for row in preview],
    }
    return render(request, "risk/spend_mapping.html", context)


@login_required
def spend_result(request: HttpRequest, uuid) -> HttpResponse:
    _require_shared(request)
    item = get_screening_for_user(request.user, uuid)
    if item.status == ScreeningStatus.MAPPING:
        return redirect("risk:spend_mapping", uuid=item.uuid)
    result = spend.Screening.from_json(item.result) if item.result else None
    actor = actor_for(request.user)
    context = {
        "item": item,
        "result": result,
        "running": item.status in (ScreeningStatus.QUEUED, ScreeningStatus.RUNNING),
        "is_owner": item.created_by_id == request.user.pk,
        "may_propose": actor.is_secretariat or bool(actor.officer_region_ids),
        "encoding": screening.source_text(item.source),
        "column_roles": [(spend.ROLE_LABELS[r], c) for r, c in item.columns.items()],
    }
    return render(request, "risk/spend_result.html", context)


@login_required
@require_POST
def spend_share(request: HttpRequest, uuid) -> HttpResponse:
    _require_shared(request)
    item = get_screening_for_user(request.user, uuid)
    shared = request.POST.get("shared") == "1"
    message = (
        _("The result is shared with your colleagues.") if shared else _("The result is no longer shared.")
    )
    run_action(request, spend_actions.set_shared, screening=item, shared=shared, success=message)
    return redirect("risk:spend_result", uuid=item.uuid)


@login_required
def spend_export(request: HttpRequest, uuid, fmt: str) -> HttpResponse:
    _require_shared(request)
    item = get_screening_for_user(request.user, uuid)
    if not item.result:
        raise Http404
    result = spend.Screening.from_json(item.result)
    content = screening.as_xlsx(result) if fmt == "xlsx" else screening.as_csv(result)
    record_download(item, actor=request.user, filename=f"spend-screening.{fmt}", export=True)
    return attachment(content, filename=f"spend-screening.{fmt}")


@login_required
def spend_accounts(request: HttpRequest) -> HttpResponse:
    """The region's account → category mapping, used for spend lines without a CPV code."""
    _require_shared(request)
    organisation = organisation_of(request.user)
    may_edit = actor_for(request.user).may_edit_region(organisation.pk)
    form = AccountCategoryForm(request.POST or None)
    if may_edit and run_form(
        request, form, spend_actions.set_account_category, success=_("The account is mapped.")
    ):
        return redirect("risk:spend_accounts")
    context = {
        "organisation": organisation,
        "mappings": account_categories_of(organisation),
        "form": form if may_edit else None,
    }
    return render(request, "risk/spend_accounts.html", context)


@login_required
@require_POST
def spend_account_remove(request: HttpRequest, uuid) -> HttpResponse:
    mapping = get_account_category_for_user(request.user, uuid)
    run_action(
        request, spend_actions.remove_account_category, mapping=mapping, success=_("The account was removed.")
    )
    return redirect("risk:spend_accounts")
