"""Case exercises: versioned bilingual cases, workshop sessions with anonymous participants,
and self-study attempts."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.i18n import bilingual
from kedja.core.models import PublicModel, user_ref
from kedja.reference.models import Category, Country


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class StageKind(models.TextChoices):
    RAW_MATERIAL = "raw_material", _("Raw material")
    PROCESSING = "processing", _("Processing")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    DISTRIBUTION = "distribution", _("Distribution")
    SERVICE = "service", _("Service delivery")
    BUYER = "buyer", _("Buyer")


class QuestionKind(models.TextChoices):
    """The kinds of question, in the order a case asks them (the risk method's reasoning order)."""

    ISSUE = "issue", _("Identify the issue")
    CHAIN = "chain", _("Place it in the chain")
    SCALE = "scale", _("Severity: scale")
    SCOPE = "scope", _("Severity: scope")
    IRREMEDIABILITY = "irremediability", _("Severity: irremediability")
    INVOLVEMENT = "involvement", _("Involvement")
    REMEDY = "remedy", _("Remedy")
    ACTIONS = "actions", _("Actions")


KIND_ORDER = {kind: index for index, kind in enumerate(QuestionKind.values)}


class Case(PublicModel):
    """A case exercise. Its content lives in versions; sessions keep the version they used."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_cases",
    )
    created_by = user_ref(blank=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case exercise")
        verbose_name_plural = _("case exercises")

    def __str__(self) -> str:
        return f"case {self.uuid}"

    def _live(self, status: str):
        # Filled by queries.cases_visible_to (prefetch); falls back to a query elsewhere.
        versions = getattr(self, "live_versions", None)
        if versions is None:
            return self.versions.filter(status=status).first()
        return next((v for v in versions if v.status == status), None)

    @property
    def published(self):
        return self._live(VersionStatus.PUBLISHED)

    @property
    def draft(self):
        return self._live(VersionStatus.DRAFT)

    @property
    def display_version(self):
        return self.published or self.draft


class CaseVersion(PublicModel):
    """One version of a case's content. Published versions never change; editing makes a new draft."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"), validators=bounds.NUMBER.validators)
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    story_sv = models.TextField(_("story (Swedish)"))
    story_en = models.TextField(_("story (English)"), blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tier = models.PositiveSmallIntegerField(
        _("tier"),
        null=True,
        blank=True,
        help_text=_("0 = the region, 1 = the contracted supplier, 2+ below."),
        validators=bounds.CHAIN_TIER.validators,
    )
    workers_affected = models.PositiveIntegerField(
        _("workers affected"), null=True, blank=True, validators=bounds.PEOPLE.validators
    )
    findings_reference = models.CharField(
        _("anonymised findings it builds on"),
        max_length=300,
        blank=True,
        help_text=_("A reference to real findings, never names of suppliers, sites or people."),
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = user_ref()

    title = bilingual("title")
    story = bilingual("story")

    class Meta:
        ordering = ["case", "-number"]
        verbose_name = _("case version")
        verbose_name_plural = _("case versions")
        constraints = [
            *bounds.checks(bounds.NUMBER, "number"),
            *bounds.checks(bounds.CHAIN_TIER, "tier"),
            *bounds.checks(bounds.PEOPLE, "workers_affected"),
            models.UniqueConstraint(fields=["case", "number"], name="training_version_number_unique"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="draft"), name="training_one_draft_per_case"
            ),
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="published"), name="training_one_published_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title_sv} (v{self.number})"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class ChainStage(models.Model):
    """One stage of the supply-chain drawing shown with the story."""

    version = models.ForeignKey(CaseVersion, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField(validators=bounds.ORDER.validators)
    kind = models.CharField(_("stage"), max_length=20, choices=StageKind.choices)
    tier = models.PositiveSmallIntegerField(
        _("tier"), null=True, blank=True, validators=bounds.CHAIN_TIER.validators
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    label_sv = models.CharField(_("label (Swedish)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)

    label = bilingual("label")

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            *bounds.checks(bounds.ORDER, "position"),
            *bounds.checks(bounds.CHAIN_TIER, "tier"),
            models.UniqueConstraint(fields=["version", "position"], name="training_stage_position_unique"),
        ]

    def __str__(self) -> str:
        return self.label_sv


class Question(models.Model):
    """A question of one case version, with its options, expert answer and explanation."""

    version = models.ForeignKey(CaseVersion, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(validators=bounds.ORDER.validators)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    prompt_sv = models.TextField(_("question (Swedish)"))
    prompt_en = models.TextField(_("question (English)"), blank=True)
    explanation_sv = models.TextField(_("explanation of the expert answer (Swedish)"))
    explanation_en = models.TextField(_("explanation of the expert answer (English)"), blank=True)
    discussion_sv = models.TextField(_("discussion points (Swedish)"), blank=True)
    discussion_en = models.TextField(_("discussion points (English)"), blank=True)
    multiple = models.BooleanField(_("several options may be chosen"), default=False)
    asks_justification = models.BooleanField(_("ask for a justification"), default=False)

    prompt = bilingual("prompt")
    explanation = bilingual("explanation")
    discussion = bilingual("discussion")

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            *bounds.checks(bounds.ORDER, "position"),
            models.UniqueConstraint(fields=["version", "position"], name="training_question_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.get_kind_display()}"

    @property
    def number(self) -> int:
        return self.position


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(validators=bounds.ORDER.validators)
    text_sv = models.CharField(_("option (Swedish)"), max_length=500)
    text_en = models.CharField(_("option (English)"), max_length=500, blank=True)
    is_correct = models.BooleanField(_("part of the expert answer"), default=False)

    text = bilingual("text")

    class Meta:
        ordering = ["question", "position"]
        constraints = [
            *bounds.checks(bounds.ORDER, "position"),
            models.UniqueConstraint(fields=["question", "position"], name="training_option_position_unique"),
        ]

    def __str__(self) -> str:
        return self.text_sv


class SessionStatus(models.TextChoices):
    LOBBY = "lobby", _("Waiting for participants")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


class Phase(models.TextChoices):
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")
    REVEALED = "revealed", _("Expert answer shown")


class Session(PublicModel):
    """A workshop run by a facilitator; participants join with the short code."""

    version = models.ForeignKey(CaseVersion, on_delete=models.PROTECT, related_name="sessions")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_sessions"
    )
    code = models.CharField(_("join code"), max_length=8)
    group_mode = models.BooleanField(_("participants answer as groups"), default=False)
    status = models.CharField(max_length=20, choices=SessionStatus.choices, default=SessionStatus.LOBBY)
    current_question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("workshop session")
        verbose_name_plural = _("workshop sessions")
        constraints = [
            # Codes are reused once a session has ended, so only live sessions must differ.
            models.UniqueConstraint(
                fields=["code"], condition=~Q(status="ended"), name="training_live_session_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="running", current_question__isnull=False) | ~Q(status="running"),
                name="training_running_session_has_question",
            ),
        ]

    def __str__(self) -> str:
        return gettext("workshop %(code)s") % {"code": self.code}

    @property
    def is_ended(self) -> bool:
        return self.status == SessionStatus.ENDED

    @property
    def accepts_answers(self) -> bool:
        return self.status == SessionStatus.RUNNING and self.phase == Phase.OPEN

    @property
    def is_revealed(self) -> bool:
        return self.status == SessionStatus.RUNNING and self.phase == Phase.REVEALED

    @property
    def state_key(self) -> str:
        """Changes whenever what participants should see changes; their page polls on it."""
        return f"{self.status}-{self.current_question_id or 0}-{self.phase or 'none'}"


class Participant(models.Model):
    """Someone (or, in group mode, a table) taking part without an account.

    The browser holds `token` in its session; `display_name` is blanked when the session ends.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.PositiveIntegerField(validators=bounds.NUMBER.validators)
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            *bounds.checks(bounds.NUMBER, "number"),
            models.UniqueConstraint(fields=["session", "number"], name="training_participant_number_unique"),
            models.UniqueConstraint(
                fields=["session", "display_name"],
                condition=~Q(display_name=""),
                name="training_participant_name_unique",
            ),
        ]

    def __str__(self) -> str:
        # Never the display name: this string ends up in the audit log, which outlives the session.
        return gettext("participant %(number)s of %(session)s") % {
            "number": self.number,
            "session": self.session,
        }


class Answer(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="session_answers")
    options = models.ManyToManyField(Option, related_name="session_answers")
    justification = models.TextField(blank=True)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "question"], name="training_answer_once")
        ]

    def __str__(self) -> str:
        return gettext("answer of %(participant)s to %(question)s") % {
            "participant": self.participant,
            "question": self.question,
        }


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class StudyAttempt(PublicModel):
    """One user working through a case version alone; only that user sees it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(CaseVersion, on_delete=models.PROTECT, related_name="attempts")
    status = models.CharField(max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS)
    score = models.PositiveSmallIntegerField(default=0, validators=bounds.ORDER.validators)
    max_score = models.PositiveSmallIntegerField(default=0, validators=bounds.ORDER.validators)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            *bounds.checks(bounds.ORDER, "score", "max_score"),
            models.CheckConstraint(
                condition=Q(score__lte=models.F("max_score")), name="training_score_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"attempt {self.uuid}"


class StudyAnswer(models.Model):
    attempt = models.ForeignKey(StudyAttempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="study_answers")
    options = models.ManyToManyField(Option, related_name="study_answers")
    justification = models.TextField(blank=True)
    is_correct = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="training_study_answer_once")
        ]

    def __str__(self) -> str:
        return f"answer in {self.attempt} to {self.question}"
