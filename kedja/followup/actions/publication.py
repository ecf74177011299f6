"""Published summaries: built from allowed fields only, published by the secretariat (domain §6)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from kedja.core.audit import record
from kedja.organisations.queries import actor_for
from kedja.reference.models import CodeArea

from .. import queries
from ..models import CaseStatus, EventKind, FindingKind, FollowUpCase, PublishedSummary, SummaryStatus
from ..queries import compute_light
from ..rules import PUBLISH_WHEN_PLAN, comment_days, may_summarise, publish_when
from ._common import check_is_supplier, check_may_change, event

STEP_TYPES = {1: "self_assessment", 2: "office_audit", 3: "site_audit"}


def _area_label(code: str, language: str) -> str:
    if code not in CodeArea.values:
        return ""
    with override(language):
        return str(CodeArea(code).label)


def summary_fields(case: FollowUpCase) -> dict:
    """The publishable facts of a closed case. Only these fields ever reach the public page:
    no site names or addresses, no personal data, no evidence, no internal notes."""
    steps = []
    if case.self_assessment_id is not None:
        sheet = case.self_assessment
        steps.append(
            {
                "step": 1,
                "type": STEP_TYPES[1],
                "date": (sheet.submitted_at or sheet.created_at).date().isoformat(),
                "auditor": "",
            }
        )
    if hasattr(case, "office_audit"):
        audit = case.office_audit
        steps.append(
            {
                "step": 2,
                "type": STEP_TYPES[2],
                "date": (audit.held_on or audit.created_at.date()).isoformat(),
                "auditor": audit.audit_firm.name if audit.audit_firm else "",
            }
        )
    site_audits = list(case.site_audits.select_related("site__country", "audit_firm"))
    for audit in site_audits:
        steps.append(
            {
                "step": 3,
                "type": STEP_TYPES[3],
                "date": audit.starts_on.isoformat(),
                "auditor": audit.audit_firm.name,
            }
        )
    countries = []
    for audit in site_audits:
        if audit.site.country and audit.site.country.name_sv not in {c["sv"] for c in countries}:
            countries.append({"sv": audit.site.country.name_sv, "en": audit.site.country.name_en})
    findings = list(case.findings.select_related("requirement", "issue"))
    clause = next((c.clause_version for c in case.contracts.select_related("clause_version")), None)
    light = compute_light(case)
    return {
        "supplier_name": case.supplier.name,
        "category_sv": case.category.name_sv if case.category else "",
        "category_en": case.category.name_en if case.category else "",
        "products": case.products,
        "clause_version": clause.title_sv if clause else "",
        "steps": steps,
        "site_countries": countries,
        "site_audit_reason": "",
        "findings": [
            {
                "kind": f.kind,
                "zero_tolerance": f.is_zero_tolerance,
                "issue_sv": f.issue.name_sv if f.issue else "",
                "issue_en": f.issue.name_en if f.issue else "",
                "area_sv": _area_label(f.code_area, "sv"),
                "area_en": _area_label(f.code_area, "en"),
                "requirement": f.requirement.number if f.requirement else "",
                "requirement_title_sv": f.requirement.title_sv if f.requirement else "",
                "requirement_title_en": f.requirement.title_en if f.requirement else "",
                "area": f.code_area,
                "status": f.status,
                "deadline": f.deadline.isoformat() if f.deadline else "",
                "closed_on": f.closed_on.isoformat() if f.closed_on else "",
            }
            for f in findings
        ],
        "deviations": sum(f.kind == FindingKind.DEVIATION for f in findings),
        "observations": sum(f.kind == FindingKind.OBSERVATION for f in findings),
        "positives": sum(f.kind == FindingKind.POSITIVE for f in findings),
        "traffic_light": light.colour,
        "light_reasons": [reason.as_json() for reason in light.reasons],
        "closed_on": case.closed_on,
    }


def _check_may_summarise(case: FollowUpCase) -> None:
    deviations = case.findings.filter(kind=FindingKind.DEVIATION).annotate(
        planned=Count("actions", filter=Q(actions__deadline__isnull=False))
    )
    planned = [d.planned > 0 and d.deadline is not None for d in deviations]
    if not may_summarise(
        mode=publish_when(), closed=case.status == CaseStatus.CLOSED, deviations_planned=planned
    ):
        if publish_when() == PUBLISH_WHEN_PLAN:
            raise ValidationError(
                _(
                    "A summary is prepared once the case is closed or every deviation has a corrective action with a deadline."
                )
            )
        raise ValidationError(_("Only closed cases are summarised for publication."))


@transaction.atomic
def comment_on_summary(*, acting_user, summary: PublishedSummary, comment: str) -> PublishedSummary:
    """The supplier's comment on the draft summary, within its comment period (before publication)."""
    check_is_supplier(acting_user, summary.case)
    if summary.status != SummaryStatus.DRAFT:
        raise ValidationError(_("Only a draft summary can be commented on."))
    if summary.comment_until is None or timezone.localdate() > summary.comment_until:
        raise ValidationError(_("The time to comment on this summary has passed."))
    if not comment.strip():
        raise ValidationError(_("Write your comment."))
    summary.supplier_comment, summary.supplier_commented_at = comment.strip(), timezone.now()
    summary.save(update_fields=["supplier_comment", "supplier_commented_at", "updated_at"])
    record("followup.summary.commented", summary, actor=acting_user, changes={"comment": comment})
    event(
        summary.case,
        EventKind.PUBLISHED,
        gettext_noop("The supplier commented on the draft summary."),
        actor=acting_user,
    )
    return summary


@transaction.atomic
def prepare_summary(*, acting_user, case: FollowUpCase, text_sv: str, text_en: str = "") -> PublishedSummary:
    """Build (or rebuild) the summary record of a case from allowed fields, with a free text. When is
    configurable (`rules.publish_when`): closed cases, or once every deviation is under a time-bound
    plan. The supplier may comment on the draft for `rules.comment_days()` days."""
    check_may_change(acting_user, case)
    _check_may_summarise(case)
    if getattr(case, "summary", None) is not None and case.summary.status == SummaryStatus.PUBLISHED:
        raise ValidationError(_("Withdraw the published summary before rebuilding it from the case."))
    if not text_sv.strip():
        raise ValidationError(_("Write the summary text in Swedish."))
    fields = summary_fields(case)
    summary, created = PublishedSummary.objects.update_or_create(
        case=case, defaults={**fields, "text_sv": text_sv.strip(), "text_en": text_en.strip()}
    )
    if summary.comment_until is None and comment_days() > 0:
        summary.comment_until = timezone.localdate() + timedelta(days=comment_days())
        summary.save(update_fields=["comment_until"])
        event(
            case,
            EventKind.PUBLISHED,
            gettext_noop("A draft summary awaits the supplier's comments until %(date)s."),
            actor=acting_user,
            date=summary.comment_until.isoformat(),
        )
    record(
        "followup.summary.prepared",
        summary,
        actor=acting_user,
        changes={"traffic_light": fields["traffic_light"]},
    )
    return summary


@transaction.atomic
def publish_summary(*, acting_user, summary: PublishedSummary) -> PublishedSummary:
    """Make the summary public (secretariat only), once it has both its Swedish and English text."""
    if not actor_for(acting_user).is_secretariat:
        raise PermissionDenied(_("Only the secretariat publishes summaries."))
    if summary.status == SummaryStatus.PUBLISHED:
        raise ValidationError(_("The summary is already published."))
    if not summary.text_sv.strip() or not summary.text_en.strip():
        raise ValidationError(_("Write the summary in both Swedish and English before publishing."))
    if (
        not summary.supplier_comment
        and summary.comment_until
        and timezone.localdate() <= summary.comment_until
    ):
        raise ValidationError(
            _(
                "The supplier may comment on the draft until %(date)s; publish after that or after its comment."
            )
            % {"date": summary.comment_until.isoformat()}
        )
    mentions = queries.publication_problems(summary)
    if mentions:
        raise ValidationError([queries.problem_text(field, name) for field, name in mentions])
    summary.status, summary.published_at, summary.published_by = (
        SummaryStatus.PUBLISHED,
        timezone.now(),
        acting_user,
    )
    summary.save()
    record(
        "followup.summary.published", summary, actor=acting_user, changes={"status": SummaryStatus.PUBLISHED}
    )
    event(summary.case, EventKind.PUBLISHED, gettext_noop("The summary was published."), actor=acting_user)
    return summary


@transaction.atomic
def withdraw_summary(*, acting_user, summary: PublishedSummary, reason: str) -> PublishedSummary:
    """Take a summary off the public pages (secretariat only), e.g. after a legal review."""
    if not actor_for(acting_user).is_secretariat:
        raise PermissionDenied(_("Only the secretariat publishes summaries."))
    if summary.status != SummaryStatus.PUBLISHED:
        raise ValidationError(_("Only a published summary can be withdrawn."))
    if not reason.strip():
        raise ValidationError(_("Give a reason for withdrawing."))
    summary.status = SummaryStatus.WITHDRAWN
    summary.save(update_fields=["status", "updated_at"])
    record("followup.summary.withdrawn", summary, actor=acting_user, changes={"reason": reason})
    event(
        summary.case,
        EventKind.PUBLISHED,
        gettext_noop("The published summary was withdrawn."),
        actor=acting_user,
        shared_with_supplier=True,
    )
    return summary


@transaction.atomic
def edit_summary_texts(
    *, acting_user, summary: PublishedSummary, text_sv: str, text_en: str
) -> PublishedSummary:
    """The secretariat writes or edits the Swedish and English texts; a published summary shows
    the new text at once. The facts stay as prepared from the case."""
    if not actor_for(acting_user).is_secretariat:
        raise PermissionDenied(_("Only the secretariat edits the texts of published summaries."))
    if not text_sv.strip():
        raise ValidationError(_("Write the summary text in Swedish."))
    values = {"text_sv": text_sv.strip(), "text_en": text_en.strip()}
    changes = {k: [getattr(summary, k), v] for k, v in values.items() if getattr(summary, k) != v}
    for key, value in values.items():
        setattr(summary, key, value)
    summary.save(update_fields=["text_sv", "text_en", "updated_at"])
    if changes:
        record("followup.summary.texts_edited", summary, actor=acting_user, changes=changes)
    return summary
