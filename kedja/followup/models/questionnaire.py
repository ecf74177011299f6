"""Step 1: versioned self-assessment questionnaires, the supplier's answers and evidence documents,
and the reviewer's assessment per requirement."""

import uuid as uuid_lib
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.i18n import bilingual, in_english
from kedja.core.models import PublicModel, UploadedDocument, user_ref
from kedja.organisations.models import Organisation
from kedja.reference.models import Requirement, RequirementDocument

from .case import FollowUpCase


class Questionnaire(PublicModel):
    """One version of a self-assessment questionnaire, built from one contract-clause version."""

    key = models.SlugField(_("key"), max_length=60)
    version = models.PositiveSmallIntegerField(_("version"), default=1, validators=bounds.NUMBER.validators)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    clause_version = models.ForeignKey(
        RequirementDocument, on_delete=models.PROTECT, related_name="questionnaires"
    )
    # The code of conduct whose commitments it asks about: a contract is pinned to a clause version
    # and a code-of-conduct version, and its cases get the questionnaire of exactly that pair.
    code_of_conduct = models.ForeignKey(
        RequirementDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conduct_questionnaires",
        verbose_name=_("code of conduct version"),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            *bounds.checks(bounds.NUMBER, "version"),
            models.UniqueConstraint(fields=["key", "version"], name="questionnaire_version_unique"),
        ]

    title = bilingual("title", fallback=False)

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class QuestionType(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    DOCUMENT = "document", _("Document upload")


class Question(models.Model):
    """A question; `depends_on` + `depends_value` show it only when an earlier answer equals that value.

    `expected` is the answer that indicates the requirement is met; it drives the reviewer's proposal.
    `choices` is a list of {"value", "sv", "en"}.
    """

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    requirement = models.ForeignKey(
        Requirement, null=True, blank=True, on_delete=models.PROTECT, related_name="questions"
    )
    key = models.SlugField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0, validators=bounds.ORDER.validators)
    qtype = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    text_sv = models.TextField()
    text_en = models.TextField()
    help_sv = models.TextField(blank=True)
    help_en = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=True)
    allow_not_applicable = models.BooleanField(default=False)
    depends_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="dependants"
    )
    depends_value = models.CharField(max_length=100, blank=True)
    expected = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["questionnaire", "order"]
        constraints = [
            *bounds.checks(bounds.ORDER, "order"),
            models.UniqueConstraint(fields=["questionnaire", "key"], name="question_key_unique"),
        ]

    text = bilingual("text", fallback=False)
    help = bilingual("help", fallback=False)

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[tuple[str, str]]:
        lang = "en" if in_english() else "sv"
        return [(c["value"], c.get(lang) or c["value"]) for c in self.choices]


class SelfAssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SUPERSEDED = "superseded", _("Merged into another version")


class SelfAssessment(PublicModel):
    """The supplier's answer to one questionnaire version (one version of that answer).

    It belongs to the supplier, not to a case: every case that needs step 1 of this questionnaire
    relies on it (`FollowUpCase.self_assessment`), so the supplier answers once for all regions.
    A submitted answer is valid until `valid_until`; a later version is `based_on` the earlier one.
    """

    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="self_assessments")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("version"), default=1, validators=bounds.NUMBER.validators)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("based on")
    )
    status = models.CharField(
        max_length=20, choices=SelfAssessmentStatus.choices, default=SelfAssessmentStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = user_ref()
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    expiry_notices = models.JSONField(default=list, blank=True, help_text="Keys of expiry notices sent")
    # The shared review's version: every save of the ratings raises it, and a save made from an
    # older version is refused (two regions' reviewers never overwrite each other unseen).
    review_version = models.PositiveIntegerField(default=0, validators=bounds.STORED_COUNT.validators)

    class Meta:
        ordering = ["supplier", "questionnaire", "-number"]
        constraints = [
            *bounds.checks(bounds.NUMBER, "number"),
            *bounds.checks(bounds.EVENT_DATE, "valid_until"),
            *bounds.checks(bounds.STORED_COUNT, "review_version"),
            models.UniqueConstraint(
                fields=["supplier", "questionnaire", "number"], name="self_assessment_version_unique"
            ),
            models.UniqueConstraint(
                fields=["supplier", "questionnaire"],
                condition=Q(status="draft"),
                name="self_assessment_one_draft",
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_until"], name="followup_sa_valid_idx")]

    def __str__(self) -> str:
        return f"{self.supplier} – {self.questionnaire} ({self.number})"

    def is_valid_on(self, day) -> bool:
        return (
            self.status == SelfAssessmentStatus.SUBMITTED
            and bool(self.valid_until)
            and self.valid_until >= day
        )


class RequestKind(models.TextChoices):
    ANSWER = "answer", _("Answer the questionnaire")
    CONFIRM = "confirm", _("Confirm the earlier answer")


class AnswerRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AnswerRequest(PublicModel):
    """One request to a supplier to answer (or confirm) one questionnaire version.

    There is never more than one open request per supplier and questionnaire version (a named
    constraint): the yearly send-out, a region's new case and a joint case all join the open one.
    """

    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="answer_requests")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("request"), max_length=20, choices=RequestKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=AnswerRequestStatus.choices, default=AnswerRequestStatus.OPEN
    )
    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.PROTECT, related_name="requests", verbose_name=_("answer")
    )
    sent_on = models.DateField(_("sent on"), validators=bounds.EVENT_DATE.validators)
    deadline = models.DateField(_("deadline"), validators=bounds.EVENT_DATE.validators)
    reminders_sent = models.JSONField(default=list, blank=True, help_text="Keys of reminders already sent")
    return_message = models.TextField(_("what to complete"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = user_ref()
    created_by = user_ref()

    class Meta:
        ordering = ["-sent_on", "-id"]
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "sent_on", "deadline"),
            models.UniqueConstraint(
                fields=["supplier", "questionnaire"],
                condition=Q(status="open"),
                name="answer_request_one_open",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="followup_request_deadline_idx")]

    def __str__(self) -> str:
        return f"{self.supplier} – {self.questionnaire} ({self.sent_on})"

    @property
    def is_open(self) -> bool:
        return self.status == AnswerRequestStatus.OPEN


class Invitation(models.Model):
    """One e-mail to one person at the supplier about a request, and what became of it: sent (with
    its own Message-ID, so a later bounce finds it), failed at sending or bounced afterwards, its
    link opened and a password chosen through it, reminders sent. Kedja may have made the account."""

    request = models.ForeignKey(AnswerRequest, on_delete=models.CASCADE, related_name="invitations")
    user = user_ref()
    email = models.EmailField(_("e-mail address"))
    uuid = models.UUIDField(default=uuid_lib.uuid4, unique=True, editable=False)
    created_account = models.BooleanField(_("account created"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    message_id = models.CharField(_("Message-ID"), max_length=250, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    failure = models.CharField(_("failure"), max_length=300, blank=True)
    bounced_at = models.DateTimeField(_("bounced"), null=True, blank=True)
    bounce_status = models.CharField(_("bounce status"), max_length=20, blank=True)
    bounce_diagnostic = models.CharField(_("bounce diagnostic"), max_length=300, blank=True)
    opened_at = models.DateTimeField(_("link opened"), null=True, blank=True)
    password_chosen_at = models.DateTimeField(_("password chosen"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(
        _("reminders sent"), default=0, validators=bounds.COUNT.validators
    )
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [*bounds.checks(bounds.COUNT, "reminders")]

    def __str__(self) -> str:
        return self.email


class Answer(models.Model):
    """One answer. `value` holds a bool, string, list, number or ISO date by question type."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(null=True, blank=True)
    not_applicable = models.BooleanField(default=False)
    not_applicable_reason = models.TextField(blank=True)
    documents = models.ManyToManyField(
        "suppliers.LibraryDocument", blank=True, related_name="answers", verbose_name=_("documents")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["self_assessment", "question"], name="answer_unique"),
            models.CheckConstraint(
                condition=Q(not_applicable=False) | ~Q(not_applicable_reason=""),
                name="answer_not_applicable_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.value}"


def _evidence_path(instance, filename: str) -> str:
    # A random name: the original name may carry personal data and must not decide the path.
    return f"followup/evidence/{uuid_lib.uuid4().hex}{PurePath(filename).suffix.lower()}"


class EvidenceDocument(UploadedDocument):
    """An uploaded file (evidence, audit report). Confidential: case team and the uploading supplier."""

    case = models.ForeignKey(FollowUpCase, on_delete=models.CASCADE, related_name="documents")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    file = models.FileField(upload_to=_evidence_path)
    document_date = models.DateField(
        _("document date"), null=True, blank=True, validators=bounds.DOCUMENT_DATE.validators
    )
    uploaded_by = user_ref(blank=False)
    from_supplier = models.BooleanField(default=False)

    class Meta:
        constraints = [
            *UploadedDocument.Meta.constraints,
            *bounds.checks(bounds.DOCUMENT_DATE, "document_date"),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name


class Rating(models.TextChoices):
    FULFILLED = "fulfilled", _("Fulfilled")
    PARTLY = "partly", _("Partly fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class RequirementAssessment(models.Model):
    """The reviewer's judgement of one requirement. Internal: never shown to the supplier."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="assessments")
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="+")
    proposal = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    assessed_by = user_ref()

    class Meta:
        ordering = ["requirement__order"]
        constraints = [
            models.UniqueConstraint(fields=["self_assessment", "requirement"], name="assessment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.requirement}: {self.rating or self.proposal}"
