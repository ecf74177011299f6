"""Every write of the training app: authoring and versioning cases, running workshops, self-study."""

import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.core import audit
from kedja.organisations.models import User
from kedja.organisations.queries import ActingUser, actor_for
from kedja.reference.models import Category, Country
from kedja.training.models import (
    KIND_ORDER,
    Answer,
    AttemptStatus,
    Case,
    CaseVersion,
    ChainStage,
    Option,
    Participant,
    Phase,
    Question,
    Session,
    SessionStatus,
    StudyAnswer,
    StudyAttempt,
    VersionStatus,
)
from kedja.training.queries import CODE_ALPHABET, may_author, may_train, normalise_code

CODE_LENGTH = 6
VERSION_FIELDS = (
    "title_sv",
    "title_en",
    "story_sv",
    "story_en",
    "country",
    "tier",
    "workers_affected",
    "findings_reference",
)


@dataclass
class OptionData:
    text_sv: str
    text_en: str = ""
    is_correct: bool = False


@dataclass
class QuestionData:
    kind: str
    prompt_sv: str
    explanation_sv: str
    options: list[OptionData]
    prompt_en: str = ""
    explanation_en: str = ""
    discussion_sv: str = ""
    discussion_en: str = ""
    multiple: bool = False
    asks_justification: bool = False


@dataclass
class StageData:
    kind: str
    label_sv: str
    label_en: str = ""
    tier: int | None = None
    country: Country | None = None


@dataclass
class VersionData:
    title_sv: str
    story_sv: str
    title_en: str = ""
    story_en: str = ""
    country: Country | None = None
    tier: int | None = None
    workers_affected: int | None = None
    findings_reference: str = ""


def _require_author(acting_user: User) -> None:
    if not may_author(actor_for(acting_user)):
        raise PermissionDenied(_("Only secretariat staff and strategists may write case exercises."))


def _require_draft(version: CaseVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("A published version cannot be changed. Start a new version instead."))


# Authoring


@transaction.atomic
def create_case(*, acting_user: User, data: VersionData, category: Category | None = None) -> Case:
    """Create a case with its first draft version."""
    _require_author(acting_user)
    case = Case.objects.create(category=category, created_by=acting_user)
    version = CaseVersion.objects.create(case=case, number=1, **_version_values(data))
    audit.record(
        "training.case.created", case, actor=acting_user, changes={"title": data.title_sv, "version": 1}
    )
    return version.case


def _version_values(data: VersionData) -> dict[str, Any]:
    return {name: getattr(data, name) for name in VERSION_FIELDS}


@transaction.atomic
def update_version(
    *, acting_user: User, version: CaseVersion, data: VersionData, category: Category | None = None
) -> CaseVersion:
    """Change the story and facts of a draft version (and the case's category)."""
    _require_author(acting_user)
    _require_draft(version)
    values = _version_values(data)
    changes = audit.diff(version, values)
    for name, value in values.items():
        setattr(version, name, value)
    version.save()
    case = version.case
    if case.category_id != (category.pk if category else None):
        changes["category"] = [case.category, category]
        case.category = category
        case.save(update_fields=["category", "updated_at"])
    audit.record("training.version.updated", version, actor=acting_user, changes=changes)
    return version


def _validate_question(data: QuestionData) -> None:
    options = [o for o in data.options if o.text_sv.strip()]
    if len(options) < 2:
        raise ValidationError(_("A question needs at least two options."))
    correct = sum(1 for o in options if o.is_correct)
    if correct == 0:
        raise ValidationError(_("Mark the expert answer: at least one option must be correct."))
    if correct > 1 and not data.multiple:
        raise ValidationError(_("Only one option may be correct unless several options may be chosen."))
    if not data.prompt_sv.strip() or not data.explanation_sv.strip():
        raise ValidationError(_("The question and the explanation need Swedish text."))


def _renumber(version: CaseVersion) -> None:
    """Keep questions in the order of their kinds (issue → chain → severity → … → actions)."""
    questions = sorted(version.questions.all(), key=lambda q: (KIND_ORDER[q.kind], q.position, q.pk))
    # Two passes so the unique (version, position) constraint never sees a clash mid-way.
    for offset, question in enumerate(questions):
        Question.objects.filter(pk=question.pk).update(position=1000 + offset)
    for offset, question in enumerate(questions):
        Question.objects.filter(pk=question.pk).update(position=offset + 1)


@transaction.atomic
def save_question(
    *, acting_user: User, version: CaseVersion, data: QuestionData, question: Question | None = None
) -> Question:
    """Add a question to a draft version, or replace one's text and options."""
    _require_author(acting_user)
    _require_draft(version)
    _validate_question(data)
    values = {
        name: getattr(data, name)
        for name in (
            "kind",
            "prompt_sv",
            "prompt_en",
            "explanation_sv",
            "explanation_en",
            "discussion_sv",
            "discussion_en",
            "multiple",
            "asks_justification",
        )
    }
    verb = "updated" if question else "added"
    if question is None:
        last = version.questions.order_by("-position").first()
        question = Question.objects.create(
            version=version, position=(last.position + 1) if last else 1, **values
        )
    else:
        if question.version_id != version.pk:
            raise PermissionDenied(_("That question belongs to another version."))
        Question.objects.filter(pk=question.pk).update(**values)
        question.options.all().delete()
    options = [o for o in data.options if o.text_sv.strip()]
    Option.objects.bulk_create(
        Option(question=question, position=i, text_sv=o.text_sv, text_en=o.text_en, is_correct=o.is_correct)
        for i, o in enumerate(options, start=1)
    )
    _renumber(version)
    question.refresh_from_db()
    audit.record(
        f"training.question.{verb}",
        version,
        actor=acting_user,
        changes={"question": question.get_kind_display(), "options": len(options)},
    )
    return question


@transaction.atomic
def delete_question(*, acting_user: User, question: Question) -> None:
    """Remove a question from a draft version."""
    _require_author(acting_user)
    version = question.version
    _require_draft(version)
    kind = question.get_kind_display()
    question.delete()
    _renumber(version)
    audit.record("training.question.deleted", version, actor=acting_user, changes={"question": kind})


@transaction.atomic
def save_chain(*, acting_user: User, version: CaseVersion, stages: list[StageData]) -> None:
    """Replace the supply-chain drawing of a draft version."""
    _require_author(acting_user)
    _require_draft(version)
    version.stages.all().delete()
    ChainStage.objects.bulk_create(
        ChainStage(
            version=version,
            position=i,
            kind=s.kind,
            tier=s.tier,
            country=s.country,
            label_sv=s.label_sv,
            label_en=s.label_en,
        )
        for i, s in enumerate(stages, start=1)
    )
    audit.record("training.chain.saved", version, actor=acting_user, changes={"stages": len(stages)})


@transaction.atomic
def publish_version(*, acting_user: User, version: CaseVersion) -> CaseVersion:
    """Publish a draft. The previous published version is superseded; its sessions keep using it."""
    _require_author(acting_user)
    _require_draft(version)
    if not version.questions.exists():
        raise ValidationError(_("Add at least one question before publishing."))
    previous = CaseVersion.objects.filter(case=version.case, status=VersionStatus.PUBLISHED).first()
    if previous:
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = acting_user
    version.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    audit.record(
        "training.version.published",
        version.case,
        actor=acting_user,
        changes={"version": version.number, "superseded": previous.number if previous else None},
    )
    return version


@transaction.atomic
def start_new_version(*, acting_user: User, case: Case) -> CaseVersion:
    """Copy the published version into a new draft (stages, questions and options included)."""
    _require_author(acting_user)
    if case.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError(_("This case already has a draft. Edit or publish it first."))
    source = case.versions.filter(status=VersionStatus.PUBLISHED).first()
    if source is None:
        raise ValidationError(_("There is no published version to start from."))
    number = case.versions.aggregate(Max("number"))["number__max"] + 1
    draft = CaseVersion.objects.create(
        case=case, number=number, **{name: getattr(source, name) for name in VERSION_FIELDS}
    )
    for stage in source.stages.all():
        stage.pk, stage.version = None, draft
        stage.save()
    for question in source.questions.prefetch_related("options"):
        options = list(question.options.all())
        question.pk, question.version = None, draft
        question.save()
        for option in options:
            option.pk, option.question = None, question
            option.save()
    audit.record("training.version.started", case, actor=acting_user, changes={"version": number})
    return draft


# Workshop sessions


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def start_session(*, acting_user: User, version: CaseVersion, group_mode: bool = False) -> Session:
    """Open a workshop for a published version, with a fresh join code."""
    if not may_train(actor_for(acting_user)):
        raise PermissionDenied(_("Only people in the collaboration may run workshops."))
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError(_("Workshops run on the published version of a case."))
    for _attempt in range(20):
        try:
            with transaction.atomic():
                session = Session.objects.create(
                    version=version, facilitator=acting_user, code=_new_code(), group_mode=group_mode
                )
            break
        except IntegrityError:
            continue  # a live session already has this code; draw another
    else:
        raise ValidationError(_("Could not find a free join code. Try again."))
    audit.record(
        "training.session.started",
        session,
        actor=acting_user,
        changes={"version": version.number, "group_mode": group_mode},
    )
    return session


def _require_facilitator(acting_user: User, session: Session) -> None:
    actor = actor_for(acting_user)
    if session.facilitator_id != getattr(acting_user, "pk", None) and not actor.is_secretariat:
        raise PermissionDenied(_("Only the facilitator may run this session."))
    if session.is_ended:
        raise ValidationError(_("This session has ended."))


def _set_phase(acting_user: User, session: Session, verb: str, **values: Any) -> Session:
    old = session.state_key
    for name, value in values.items():
        setattr(session, name, value)
    session.save(update_fields=[*values, "updated_at"])
    audit.record(
        f"training.session.{verb}", session, actor=acting_user, changes={"state": [old, session.state_key]}
    )
    return session


@transaction.atomic
def advance(*, acting_user: User, session: Session) -> Session:
    """Open the next question (the first one from the lobby); the current one closes."""
    _require_facilitator(acting_user, session)
    questions = session.version.questions.order_by("position")
    if session.current_question is not None:
        questions = questions.filter(position__gt=session.current_question.position)
    upcoming = questions.first()
    if upcoming is None:
        raise ValidationError(_("This was the last question. End the session to see the summary."))
    return _set_phase(
        acting_user,
        session,
        "advanced",
        status=SessionStatus.RUNNING,
        current_question=upcoming,
        phase=Phase.OPEN,
    )


@transaction.atomic
def close_question(*, acting_user: User, session: Session) -> Session:
    """Stop accepting answers to the current question."""
    _require_facilitator(acting_user, session)
    if session.phase != Phase.OPEN:
        raise ValidationError(_("The question is not open."))
    return _set_phase(acting_user, session, "closed", phase=Phase.CLOSED)


@transaction.atomic
def reveal(*, acting_user: User, session: Session) -> Session:
    """Show the expert answer and discussion points; answering stops."""
    _require_facilitator(acting_user, session)
    if session.status != SessionStatus.RUNNING or session.phase == Phase.REVEALED:
        raise ValidationError(_("There is no question to reveal."))
    return _set_phase(acting_user, session, "revealed", phase=Phase.REVEALED)


@transaction.atomic
def end_session(*, acting_user: User, session: Session) -> Session:
    """End the workshop and remove participants' display names, keeping the answers anonymously."""
    _require_facilitator(acting_user, session)
    anonymised = session.participants.exclude(display_name="").update(display_name="")
    session.status = SessionStatus.ENDED
    session.phase = ""
    session.current_question = None
    session.ended_at = timezone.now()
    session.save(update_fields=["status", "phase", "current_question", "ended_at", "updated_at"])
    audit.record("training.session.ended", session, actor=acting_user, changes={"anonymised": anonymised})
    return session


@transaction.atomic
def join_session(*, acting_user: ActingUser, code: str, display_name: str) -> Participant:
    """Join a live session by code. In group mode, the same group name joins the same group."""
    name = " ".join((display_name or "").split())[:60]
    if not name:
        raise ValidationError({"display_name": _("Enter a display name.")})
    # An ended session's code is answered exactly like an unknown one, so trying codes tells a
    # guesser nothing about which codes were ever used.
    session = (
        Session.objects.select_for_update()
        .filter(code=normalise_code(code))
        .exclude(status=SessionStatus.ENDED)
        .order_by("-created_at")
        .first()
    )
    if session is None:
        raise ValidationError(
            {
                "code": _(
                    "There is no running session with the code %(code)s. Check the code on the "
                    "facilitator's screen."
                )
                % {"code": normalise_code(code) or "–"}
            }
        )
    existing = session.participants.filter(display_name__iexact=name).first()
    if existing:
        if session.group_mode:
            return existing
        raise ValidationError(
            {"display_name": _("Someone has already joined with that name. Add an initial or a number.")}
        )
    last = session.participants.order_by("-number").first()
    participant = Participant.objects.create(
        session=session, display_name=name, number=(last.number + 1) if last else 1
    )
    audit.record("training.participant.joined", participant, actor=acting_user)
    return participant


def _clean_choice(question: Question, option_ids: list[int]) -> list[Option]:
    try:
        wanted = {int(i) for i in option_ids}
    except (TypeError, ValueError):
        raise ValidationError(_("Choose among the options shown.")) from None
    options = [o for o in question.options.all() if o.pk in wanted]
    if not options or len(options) != len(wanted):
        raise ValidationError(_("Choose among the options shown."))
    if len(options) > 1 and not question.multiple:
        raise ValidationError(_("Choose one option."))
    return options


@transaction.atomic
def submit_answer(
    *,
    acting_user: ActingUser,
    participant: Participant,
    question: Question,
    option_ids: list[int],
    justification: str = "",
) -> Answer:
    """Record (or change) a participant's answer while the facilitator keeps the question open."""
    session = Session.objects.select_for_update().get(pk=participant.session_id)
    if session.is_ended:
        raise ValidationError(_("This session has ended."))
    if session.current_question_id != question.pk or not session.accepts_answers:
        raise ValidationError(_("This question is closed for answers."))
    options = _clean_choice(question, option_ids)
    answer, created = Answer.objects.update_or_create(
        participant=participant, question=question, defaults={"justification": justification.strip()}
    )
    answer.options.set(options)
    audit.record(
        "training.answer.submitted" if created else "training.answer.changed",
        answer,
        actor=acting_user,
        changes={"options": [o.position for o in options]},
    )
    return answer


# Self-study


def _is_correct(question: Question, options: list[Option]) -> bool:
    """Right when exactly the expert answer's options are chosen."""
    expert = {o.pk for o in question.options.all() if o.is_correct}
    return {o.pk for o in options} == expert


@transaction.atomic
def start_attempt(*, acting_user: User, version: CaseVersion) -> StudyAttempt:
    """Begin working through a published case alone."""
    if not may_train(actor_for(acting_user)):
        raise PermissionDenied(_("Only people in the collaboration may study cases."))
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError(_("Self-study uses the published version of a case."))
    attempt = StudyAttempt.objects.create(
        user=acting_user, version=version, max_score=version.questions.count()
    )
    audit.record("training.attempt.started", attempt, actor=acting_user, changes={"version": version.number})
    return attempt


@transaction.atomic
def answer_study_question(
    *,
    acting_user: User,
    attempt: StudyAttempt,
    question: Question,
    option_ids: list[int],
    justification: str = "",
) -> StudyAnswer:
    """Answer one question of one's own attempt; the attempt completes with its score after the last."""
    if attempt.user_id != acting_user.pk:
        raise PermissionDenied(_("This is someone else's attempt."))
    if attempt.status != AttemptStatus.IN_PROGRESS:
        raise ValidationError(_("This attempt is finished. Start a new one to try again."))
    if question.version_id != attempt.version_id:
        raise ValidationError(_("That question is not part of this case."))
    if attempt.answers.filter(question=question).exists():
        raise ValidationError(_("You have already answered this question."))
    options = _clean_choice(question, option_ids)
    answer = StudyAnswer.objects.create(
        attempt=attempt,
        question=question,
        justification=justification.strip(),
        is_correct=_is_correct(question, options),
    )
    answer.options.set(options)
    changes = {"question": question.position, "correct": answer.is_correct}
    if attempt.answers.count() >= attempt.max_score:
        attempt.status = AttemptStatus.COMPLETED
        attempt.score = attempt.answers.filter(is_correct=True).count()
        attempt.finished_at = timezone.now()
        attempt.save(update_fields=["status", "score", "finished_at", "updated_at"])
        changes["score"] = attempt.score
    audit.record("training.attempt.answered", attempt, actor=acting_user, changes=changes)
    return answer
