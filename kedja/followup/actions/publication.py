"""Published summaries: built from allowed fields only, published by the secretariat (docs/domain-rules.md §6)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.core.audit import record
from kedja.organisations.models import User
from kedja.organisations.queries import actor_for

from .. import queries
from ..models import CaseStatus, EventKind, FindingKind, FollowUpCase, PublishedSummary, SummaryStatus
from ..rules import PUBLISH_WHEN_PLAN, comment_days, may_summarise, publish_when
from ..summary_queries import summary_fields
from ._common import check_is_supplier, check_may_change, event


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
def comment_on_summary(*, acting_user: User, summary: PublishedSummary, comment: str) -> PublishedSummary:
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
def prepare_summary(
    *, acting_user: User, case: FollowUpCase, text_sv: str, text_en: str = ""
) -> PublishedSummary:
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
    previous = getattr(case, "summary", None)
    texts = {"text_sv": text_sv.strip(), "text_en": text_en.strip()}
    overwritten = {
        k: [getattr(previous, k), v] for k, v in texts.items() if previous and getattr(previous, k) != v
    }
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
        changes={"traffic_light": fields["traffic_light"], **overwritten},
    )
    return summary


@transaction.atomic
def publish_summary(*, acting_user: User, summary: PublishedSummary) -> PublishedSummary:
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
def withdraw_summary(*, acting_user: User, summary: PublishedSummary, reason: str) -> PublishedSummary:
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
    *, acting_user: User, summary: PublishedSummary, text_sv: str, text_en: str
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
