"""The secretariat's audit log: every recorded entry, filtered, read in words and exported.

Only secretariat staff read it (`may_read`); everyone else gets the 404 of a missing page. It is
read through `shown`, which applies the rules the history tables apply: a grievance's entries name
neither the grievance nor what changed unless the reader handles grievances (the reporter's
protection, grievance.queries.may_handle).
"""

from datetime import datetime, time, timedelta
from itertools import batched

from django import forms
from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from kedja.core import bounds, history
from kedja.core.models import AuditEntry
from kedja.grievance import queries as grievance_queries
from kedja.organisations.models import Membership
from kedja.organisations.queries import Actor

SIGN_INS = ("organisations.user.signed_in", "organisations.user.sign_in_failed")
DOWNLOADS = ("core.document.downloaded", "core.export.downloaded")
PUBLICATIONS = (
    "followup.summary.published",
    "followup.summary.withdrawn",
    "risk.analysis.published",
    "reports.annual.published",
    "training.version.published",
)
KINDS = {
    "sign_in": (gettext_lazy("Sign-ins"), SIGN_INS),
    "download": (gettext_lazy("Downloads and exports"), DOWNLOADS),
    "publication": (gettext_lazy("Publications"), PUBLICATIONS),
}
EXPORT_LIMIT = 50_000  # rows in one export; a narrower filter gets the rest
EXPORT_BATCH = 500  # entries read in words at a time (their versions are counted per batch)


def may_read(actor: Actor) -> bool:
    return actor.is_secretariat


# Objects the log often names whose models carry no translated name of their own.
OBJECT_LABELS = {
    "followup.answer": pgettext_lazy("object", "Answer"),
    "followup.correctiveaction": pgettext_lazy("object", "Corrective action"),
    "followup.evidencedocument": pgettext_lazy("object", "Evidence document"),
    "followup.finding": pgettext_lazy("object", "Finding"),
    "followup.officeaudit": pgettext_lazy("object", "Office audit"),
    "followup.publishedsummary": pgettext_lazy("object", "Published summary"),
    "followup.remediation": pgettext_lazy("object", "Remediation"),
    "followup.sanctiondecision": pgettext_lazy("object", "Sanction decision"),
    "followup.selfassessment": pgettext_lazy("object", "Self-assessment"),
    "followup.siteaudit": pgettext_lazy("object", "Site audit"),
    "plans.plannedactivity": pgettext_lazy("object", "Planned activity"),
    "plans.yearlyfollowupplan": pgettext_lazy("object", "Yearly follow-up plan"),
    "reports.annualreport": pgettext_lazy("object", "Annual report"),
}


def _object_types() -> list[tuple[str, str]]:
    """The kinds of object a reader can filter by, each by its name in the reader's language."""
    named = {
        m._meta.label_lower: capfirst(str(m._meta.verbose_name))
        for m in apps.get_models()
        if m.__module__.startswith("kedja.") and isinstance(m._meta.verbose_name, Promise)
    }
    named.update((key, str(label)) for key, label in OBJECT_LABELS.items())
    return sorted(named.items(), key=lambda choice: choice[1])


class AuditLogFilter(forms.Form):
    organisation = forms.CharField(label=gettext_lazy("Organisation"), required=False, max_length=200)
    person = forms.CharField(label=gettext_lazy("Person"), required=False, max_length=200)
    object_type = forms.ChoiceField(label=gettext_lazy("Kind of object"), required=False)
    q = forms.CharField(label=gettext_lazy("Object"), required=False, max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Kind of entry"), required=False)
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.EVENT_DATE.validators,
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.EVENT_DATE.validators,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("All")), *_object_types()]
        changes = ("change", _("Changes"))
        self.fields["kind"].choices = [("", _("All")), *((k, v[0]) for k, v in KINDS.items()), changes]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return cleaned


def entries(filters: dict) -> QuerySet[AuditEntry]:
    """The audit entries matching the cleaned filters, newest first."""
    qs = AuditEntry.objects.select_related("actor")
    if filters.get("organisation"):
        members = Membership.objects.filter(organisation__name__icontains=filters["organisation"])
        qs = qs.filter(actor_id__in=members.values("user_id"))
    if filters.get("person"):
        qs = qs.filter(_person(filters["person"]))
    if filters.get("object_type"):
        qs = qs.filter(object_type=filters["object_type"])
    if filters.get("q"):
        qs = qs.filter(object_repr__icontains=filters["q"])
    if filters.get("kind") in KINDS:
        qs = qs.filter(action__in=KINDS[filters["kind"]][1])
    elif filters.get("kind") == "change":
        qs = qs.exclude(action__in=[code for _label, codes in KINDS.values() for code in codes])
    if filters.get("date_from"):
        qs = qs.filter(at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        qs = qs.filter(at__lt=_start_of(filters["date_to"]) + timedelta(days=1))
    return qs


def _person(text: str) -> Q:
    """Who acted, by name or address; a refused sign-in by the account it was refused for."""
    actor = Q(actor__email__icontains=text) | Q(actor__full_name__icontains=text)
    return actor | Q(action="organisations.user.sign_in_failed", object_repr__icontains=text)


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def shown(rows: list[history.HistoryRow], actor: Actor) -> list[history.HistoryRow]:
    """History rows as `actor` may read them: a grievance's entries without their object and
    changes for secretariat staff who do not handle grievances."""
    if grievance_queries.may_handle(actor):
        return rows
    for row in rows:
        if row.entry.object_type.startswith("grievance."):
            row.entry.object_repr = _("A grievance (only its handlers see which)")
            row.changes.clear()
    return rows


def export_rows(qs: QuerySet[AuditEntry], actor: Actor) -> list[list]:
    """The entries as spreadsheet rows: a header, then one row per entry."""
    header = [_("When"), _("Who"), _("What"), _("Kind of object"), _("Object"), _("Changes")]
    types = dict(_object_types())
    rows: list[list] = [header]
    for batch in batched(qs[:EXPORT_LIMIT].iterator(chunk_size=EXPORT_BATCH), EXPORT_BATCH):
        for row in shown(history.readable(batch, with_versions=False), actor):
            entry = row.entry
            changes = "; ".join(f"{change.label}: {change.value}" for change in row.changes)
            when = timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S")
            kind = types.get(entry.object_type, "")
            rows.append([when, str(row.actor or ""), row.what, kind, entry.object_repr, changes])
    return rows
