"""Every write of the grievance channel. Public intake views, handler pages, the supplier page,
tasks and the demo call these functions.

The reporter's actions take no user: the reporter is anonymous, and audit entries for them carry
no actor, no address and none of the reporter's words.
"""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.contracts.models import Contract, Site
from kedja.core.audit import record
from kedja.followup import actions as followup_actions
from kedja.followup.models import FindingKind, FollowUpCase
from kedja.organisations.models import Organisation, OrganisationKind, User
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category, Country, Issue
from kedja.reference.severity import severity
from kedja.risk import actions as risk_actions
from kedja.risk.models import Evidence, RiskItem
from kedja.risk.models.analysis import EvidenceKindChoice

from . import crypto
from .models import (
    REFERENCE_ISSUE,
    Attachment,
    Author,
    Credibility,
    Decision,
    Grievance,
    GrievanceStatus,
    Message,
    SupplierRequest,
)
from .queries import may_handle
from .sanitise import strip_metadata

# Receipt codes and secrets use letters and digits that cannot be mistaken for each other when
# written down by hand or read aloud (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SECRET_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
EXTENSIONS = {"jpeg": ".jpg", "png": ".png", "pdf": ".pdf"}


def _random(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def _new_receipt_code() -> str:
    while True:
        code = _random(CODE_ALPHABET, 10)
        if not Grievance.objects.filter(receipt_code=code).exists():
            return code


def _acknowledge_days() -> int:
    return settings.KEDJA_GRIEVANCE_ACKNOWLEDGE_DAYS


def _respond_days() -> int:
    return settings.KEDJA_GRIEVANCE_SUPPLIER_RESPOND_DAYS


def _check_handler(acting_user: User) -> None:
    if not may_handle(actor_for(acting_user)):
        raise PermissionDenied(_("Only grievance handlers may do this."))


def _check_open(grievance: Grievance) -> None:
    if not grievance.is_open:
        raise ValidationError(_("This report is closed."))


def _store_files(grievance: Grievance, files: list[tuple[bytes, str]]) -> None:
    """Store each (content, kind) after stripping its metadata, under a random name: the
    reporter's own file name may say who or where they are."""
    cleaned = [(strip_metadata(data, kind), kind) for data, kind in files]
    for data, kind in cleaned:
        attachment = Attachment(grievance=grievance, kind=kind, size=len(data))
        attachment.file.save(uuid.uuid4().hex + EXTENSIONS[kind], ContentFile(data), save=False)
        attachment.save()


@transaction.atomic
def submit_report(
    *,
    language: str,
    issue: str,
    description: str,
    country: Country | None = None,
    site_name: str = "",
    place: str = "",
    product_or_company: str = "",
    when: str = "",
    affected: str = "",
    contact: str = "",
    files: list[tuple[bytes, str]] | None = None,
) -> tuple[Grievance, str]:
    """File an anonymous report; returns it and the secret (shown to the reporter once, kept only
    as a hash). Contact details, if given, are stored encrypted."""
    if not description.strip():
        raise ValidationError(_("Please describe what happened."))
    secret = _random(SECRET_ALPHABET, 16)
    grievance = Grievance.objects.create(
        receipt_code=_new_receipt_code(),
        secret_hash=make_password(secret),
        language=language,
        issue=issue,
        description=description.strip(),
        country=country,
        site_name=site_name.strip(),
        place=place.strip(),
        product_or_company=product_or_company.strip(),
        when=when.strip(),
        affected=affected.strip(),
        contact_encrypted=crypto.encrypt(contact.strip()),
        acknowledge_by=timezone.localdate() + timedelta(days=_acknowledge_days()),
        risk_issue=Issue.objects.filter(code=REFERENCE_ISSUE.get(issue, "")).first(),
    )
    _store_files(grievance, files or [])
    record("grievance.received", grievance, actor=None, changes={"issue": issue, "language": language})
    return grievance, "-".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def add_reporter_information(
    *, grievance: Grievance, text: str, files: list[tuple[bytes, str]] | None = None
) -> Message:
    """The reporter adds information or answers the handler."""
    _check_open(grievance)
    if not text.strip():
        raise ValidationError(_("Please write a message."))
    message = Message.objects.create(grievance=grievance, author_kind=Author.REPORTER, text=text.strip())
    _store_files(grievance, files or [])
    record("grievance.reporter_message", grievance, actor=None, changes={"message": message.pk})
    return message


def _acknowledge(grievance: Grievance, acting_user: User) -> None:
    if grievance.status == GrievanceStatus.RECEIVED:
        grievance.status = GrievanceStatus.ACKNOWLEDGED
        grievance.acknowledged_at = timezone.now()
        grievance.save(update_fields=["status", "acknowledged_at", "updated_at"])
        record("grievance.acknowledged", grievance, actor=acting_user)


@transaction.atomic
def acknowledge(*, acting_user: User, grievance: Grievance, message: str = "") -> Grievance:
    """Tell the reporter the report was received and is being looked at."""
    _check_handler(acting_user)
    _check_open(grievance)
    if grievance.status != GrievanceStatus.RECEIVED:
        raise ValidationError(_("The report was already acknowledged."))
    _acknowledge(grievance, acting_user)
    if message.strip():
        Message.objects.create(
            grievance=grievance, author_kind=Author.HANDLER, author=acting_user, text=message.strip()
        )
    return grievance


@transaction.atomic
def reply(*, acting_user: User, grievance: Grievance, text: str) -> Message:
    """A message the reporter reads when they come back with their code and secret."""
    _check_handler(acting_user)
    if not text.strip():
        raise ValidationError(_("Please write a message."))
    _acknowledge(grievance, acting_user)
    message = Message.objects.create(
        grievance=grievance, author_kind=Author.HANDLER, author=acting_user, text=text.strip()
    )
    record("grievance.replied", grievance, actor=acting_user, changes={"message": message.pk})
    return message


@transaction.atomic
def link(
    *,
    acting_user: User,
    grievance: Grievance,
    suppliers: list[Organisation],
    contracts: list[Contract],
    sites: list[Site],
    categories: list[Category],
) -> Grievance:
    """Link the report to suppliers, contracts, sites and categories. A linked site brings its
    supplier and the contracts it serves; a linked contract its supplier and category."""
    _check_handler(acting_user)
    if any(s.kind != OrganisationKind.SUPPLIER for s in suppliers):
        raise ValidationError(_("Only suppliers can be linked."))
    contracts = list(set(contracts) | {c for site in sites for c in site.contracts.all()})
    supplier_set = set(suppliers) | {c.supplier for c in contracts} | {s.supplier for s in sites}
    grievance.suppliers.set(supplier_set)
    grievance.contracts.set(contracts)
    grievance.sites.set(sites)
    grievance.categories.set(set(categories) | {c.category for c in contracts})
    record(
        "grievance.linked",
        grievance,
        actor=acting_user,
        changes={"suppliers": sorted(str(s) for s in supplier_set), "contracts": contracts, "sites": sites},
    )
    return grievance


@transaction.atomic
def assess(
    *,
    acting_user: User,
    grievance: Grievance,
    credibility: str,
    risk_issue: Issue | None,
    scale: int | None,
    scope_band: int | None,
    irremediability: int | None,
    vulnerable: bool = False,
    note: str = "",
) -> Grievance:
    """Credibility and severity in the UN Guiding Principles' terms (scale, scope, irremediable
    character), scored with the risk method's own severity rule."""
    _check_handler(acting_user)
    scores = (scale, scope_band, irremediability)
    if any(s is not None for s in scores) and any(s is None for s in scores):
        raise ValidationError(_("Give scale, scope and irremediability together, or none of them."))
    if any(s is not None and not 1 <= s <= 5 for s in scores):
        raise ValidationError(_("Scores lie between 1 and 5."))
    grievance.credibility = credibility
    grievance.risk_issue = risk_issue
    grievance.scale, grievance.scope_band, grievance.irremediability = scores
    grievance.vulnerable = vulnerable
    grievance.severity = None
    if scale is not None and scope_band is not None and irremediability is not None:
        grievance.severity = severity(scale, scope_band, irremediability, vulnerable=vulnerable).sev
    grievance.assessment_note = note.strip()
    grievance.save()
    record(
        "grievance.assessed",
        grievance,
        actor=acting_user,
        changes={"credibility": credibility, "severity": grievance.severity, "issue": risk_issue},
    )
    return grievance


def _decide(grievance: Grievance, decision: str, acting_user: User) -> None:
    _check_open(grievance)
    _acknowledge(grievance, acting_user)
    grievance.status = GrievanceStatus.DECIDED
    grievance.decision = decision
    grievance.decided_at = timezone.now()
    grievance.save()
    record("grievance.decided", grievance, actor=acting_user, changes={"decision": decision})


@transaction.atomic
def open_case(
    *, acting_user: User, grievance: Grievance, supplier: Organisation, lead: Organisation
) -> FollowUpCase:
    """Open a follow-up case of a linked supplier through the follow-up's own action. The case's
    note names the report by its receipt code only, never the reporter."""
    _check_handler(acting_user)
    _check_open(grievance)
    if not grievance.suppliers.filter(pk=supplier.pk).exists():
        raise ValidationError(_("Link the supplier to the report first."))
    case = followup_actions.start_case_for_supplier(
        acting_user=acting_user,
        supplier=supplier,
        lead=lead,
        contracts=list(grievance.contracts.filter(supplier=supplier)),
        category=grievance.categories.first(),
    )
    followup_actions.log_grievance(
        acting_user=acting_user, case=case, receipt_code=grievance.receipt_code, issue=grievance.issue
    )
    grievance.case = case
    _decide(grievance, Decision.FOLLOW_UP, acting_user)
    return case


@transaction.atomic
def add_to_case(
    *,
    acting_user: User,
    grievance: Grievance,
    case: FollowUpCase,
    record_finding: bool = False,
    summary: str = "",
) -> FollowUpCase:
    """Take the report into an open follow-up case of a linked supplier, through the follow-up's
    actions: a note naming the receipt code and, if asked, an observation finding with the
    handler's summary and severity scores (an allegation, not yet a verified deviation)."""
    _check_handler(acting_user)
    _check_open(grievance)
    if not case.is_open or not grievance.suppliers.filter(pk=case.supplier_id).exists():
        raise ValidationError(_("Choose an open follow-up case of a linked supplier."))
    title = _("Grievance %(code)s: %(issue)s") % {
        "code": grievance.receipt_code,
        "issue": grievance.get_issue_display(),
    }
    followup_actions.add_note(acting_user=acting_user, case=case, text=summary.strip() or title)
    if record_finding:
        followup_actions.record_finding(
            acting_user=acting_user,
            case=case,
            kind=FindingKind.OBSERVATION,
            title=title,
            description=summary.strip(),
            issue=grievance.risk_issue,
            scale=grievance.scale,
            scope_band=grievance.scope_band,
            irremediability=grievance.irremediability,
            vulnerable_groups=grievance.vulnerable,
        )
    grievance.case = case
    _decide(grievance, Decision.FOLLOW_UP, acting_user)
    return case


@transaction.atomic
def ask_supplier(
    *, acting_user: User, grievance: Grievance, supplier: Organisation, question: str
) -> SupplierRequest:
    """Ask a linked supplier to respond. The supplier reads only the handler's question: not the
    report, the receipt code, the reporter's words or the attachments."""
    _check_handler(acting_user)
    _check_open(grievance)
    if not grievance.suppliers.filter(pk=supplier.pk).exists():
        raise ValidationError(_("Link the supplier to the report first."))
    if not question.strip():
        raise ValidationError(_("Please write the question to the supplier."))
    request = SupplierRequest.objects.create(
        grievance=grievance,
        supplier=supplier,
        question=question.strip(),
        respond_by=timezone.localdate() + timedelta(days=_respond_days()),
        asked_by=acting_user,
    )
    _decide(grievance, Decision.SUPPLIER_ASKED, acting_user)
    return request


@transaction.atomic
def respond_as_supplier(*, acting_user: User, request: SupplierRequest, response: str) -> SupplierRequest:
    """The supplier's answer to a handler's question."""
    if request.supplier_id not in actor_for(acting_user).supplier_ids:
        raise PermissionDenied(_("Only the supplier asked may respond."))
    if not response.strip():
        raise ValidationError(_("Please write your response."))
    request.response = response.strip()
    request.responded_at = timezone.now()
    request.save()
    record("grievance.supplier_responded", request.grievance, actor=acting_user)
    return request


@transaction.atomic
def refer(*, acting_user: User, grievance: Grievance, referred_to: str) -> Grievance:
    """Refer the report to a body better placed to handle it; the reporter reads where."""
    _check_handler(acting_user)
    if not referred_to.strip():
        raise ValidationError(_("Say where the report was referred."))
    grievance.referred_to = referred_to.strip()
    _decide(grievance, Decision.REFERRED, acting_user)
    _close_evidence(grievance, acting_user, _("Grievance %(code)s was referred elsewhere."))
    return grievance


@transaction.atomic
def close(*, acting_user: User, grievance: Grievance, reason: str) -> Grievance:
    """Close the report with a reason the reporter can read."""
    _check_handler(acting_user)
    _check_open(grievance)
    if not reason.strip():
        raise ValidationError(_("Give a reason the reporter can read."))
    _acknowledge(grievance, acting_user)
    grievance.status = GrievanceStatus.CLOSED
    grievance.closed_at = timezone.now()
    grievance.closing_reason = reason.strip()
    grievance.save()
    record("grievance.closed", grievance, actor=acting_user)
    _close_evidence(grievance, acting_user, _("Grievance %(code)s was closed."))
    return grievance


def _close_evidence(grievance: Grievance, acting_user: User, reason: str) -> None:
    """A report no longer open stops raising likelihood; the evidence and its link stay."""
    if grievance.evidence is not None:
        risk_actions.close_evidence(
            evidence=grievance.evidence,
            acting_user=acting_user,
            reason=reason % {"code": grievance.receipt_code},
        )


@transaction.atomic
def record_as_evidence(*, acting_user: User, grievance: Grievance, item: RiskItem) -> Evidence:
    """Add the report to a risk item as 'grievance' evidence (the method's open grievance that
    raises likelihood to 5 when credible and supplier-specific); the link is kept on the report."""
    _check_handler(acting_user)
    if grievance.credibility == Credibility.NOT_ASSESSED:
        raise ValidationError(_("Assess the report's credibility first."))
    if grievance.evidence_id is not None:
        raise ValidationError(_("The report is already recorded as evidence."))
    evidence = risk_actions.add_evidence(
        item=item,
        acting_user=acting_user,
        kind=EvidenceKindChoice.GRIEVANCE,
        source=f"Grievance {grievance.receipt_code}",
        dated=timezone.localdate(grievance.created_at),
        credible=grievance.credibility == Credibility.CREDIBLE,
        is_open=grievance.is_open_grievance,
        supplier_specific=grievance.suppliers.exists(),
    )
    grievance.evidence = evidence
    grievance.save(update_fields=["evidence", "updated_at"])
    record("grievance.evidence_recorded", grievance, actor=acting_user, changes={"item": str(item)})
    return evidence


@transaction.atomic
def mark_reminded(*, grievances: list[Grievance]) -> None:
    """Note on each report that its handlers were reminded today, in its audit trail too."""
    today = timezone.localdate()
    Grievance.objects.filter(pk__in=[g.pk for g in grievances]).update(last_reminded_on=today)
    for grievance in grievances:
        record("grievance.handlers_reminded", grievance, actor=None, changes={"last_reminded_on": today})
