"""Reads and access helpers for case exercises, workshop sessions and self-study."""

from typing import Any
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest

from kedja.organisations.models import User
from kedja.organisations.queries import ActingUser, Actor, actor_for, get_or_404
from kedja.training.models import (
    Answer,
    Case,
    CaseVersion,
    ChainStage,
    Option,
    Participant,
    Question,
    Session,
    SessionStatus,
    StudyAttempt,
    VersionStatus,
)

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no I, L, O, 0 or 1: easy to read aloud
SESSION_KEY = "training_participants"


def may_author(actor: Actor) -> bool:
    """Secretariat staff and strategists write and version cases; everyone else reads."""
    return actor.is_secretariat or bool(actor.strategist_region_ids)


def may_train(actor: Actor) -> bool:
    """Case exercises are for the collaboration's people: secretariat and regions."""
    return actor.sees_shared


def cases_visible_to(actor: Actor) -> QuerySet[Case]:
    """Cases a user may open: authors see drafts too, readers only cases with a published version."""
    if not may_train(actor):
        return Case.objects.none()
    live = CaseVersion.objects.exclude(status=VersionStatus.SUPERSEDED).select_related("country")
    qs = Case.objects.select_related("category").prefetch_related(
        Prefetch("versions", queryset=live, to_attr="live_versions")
    )
    if not may_author(actor):
        qs = qs.filter(versions__status=VersionStatus.PUBLISHED)
    return qs


def search_cases(qs: QuerySet[Case], query: str, category_slug: str) -> QuerySet[Case]:
    if query:
        matching = CaseVersion.objects.exclude(status=VersionStatus.SUPERSEDED).filter(
            Q(title_sv__icontains=query) | Q(title_en__icontains=query) | Q(story_sv__icontains=query)
        )
        qs = qs.filter(pk__in=matching.values("case_id"))
    if category_slug:
        qs = qs.filter(category__slug=category_slug)
    return qs


def get_case_for_user(user: ActingUser, uuid: UUID | str, *, write: bool = False) -> Case:
    """One case the user may read (or, with write, author); otherwise 404."""
    actor = actor_for(user)
    if write and not may_author(actor):
        raise Http404
    return get_or_404(cases_visible_to(actor).distinct(), uuid)


def get_version_for_user(user: ActingUser, uuid: UUID | str) -> CaseVersion:
    """A case version: published and superseded ones for every reader, drafts only for authors."""
    actor = actor_for(user)
    if not may_train(actor):
        raise Http404
    qs = CaseVersion.objects.select_related("case", "case__category", "country")
    if not may_author(actor):
        qs = qs.exclude(status=VersionStatus.DRAFT)
    return get_or_404(qs, uuid)


def get_draft_for_user(user: ActingUser, uuid: UUID | str) -> CaseVersion:
    """A draft version an author may change; otherwise 404."""
    if not may_author(actor_for(user)):
        raise Http404
    return get_or_404(CaseVersion.objects.select_related("case").filter(status=VersionStatus.DRAFT), uuid)


def questions_of(version: CaseVersion) -> QuerySet[Question]:
    return version.questions.prefetch_related("options")


def stages_of(version: CaseVersion) -> QuerySet[ChainStage]:
    return version.stages.select_related("country")


def get_question_of_draft(version: CaseVersion, position: int | str) -> Question:
    try:
        return version.questions.prefetch_related("options").get(position=int(position))
    except (Question.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Workshop sessions


def sessions_visible_to(actor: Actor) -> QuerySet[Session]:
    """Sessions a user may run or review: their own; the secretariat sees all."""
    qs = Session.objects.select_related("version", "facilitator").annotate(
        participant_count=Count("participants")
    )
    if actor.is_secretariat:
        return qs
    if not may_train(actor):
        return qs.none()
    return qs.filter(facilitator=actor.user)


def get_session_for_user(user: ActingUser, uuid: UUID | str) -> Session:
    """A session the user facilitates (or any, for the secretariat); otherwise 404."""
    return get_or_404(
        sessions_visible_to(actor_for(user)).select_related("version__case", "current_question"), uuid
    )


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def live_session_by_code(code: str) -> Session | None:
    return Session.objects.exclude(status=SessionStatus.ENDED).filter(code=normalise_code(code)).first()


def participant_for(request: HttpRequest, session: Session) -> Participant | None:
    """The participant this browser joined `session` as, read from the session cookie."""
    token = request.session.get(SESSION_KEY, {}).get(str(session.uuid))
    if not token:
        return None
    return Participant.objects.filter(session=session, token=token).first()


def remember_participant(request: HttpRequest, participant: Participant) -> None:
    joined = dict(request.session.get(SESSION_KEY, {}))
    joined[str(participant.session.uuid)] = str(participant.token)
    request.session[SESSION_KEY] = joined


def get_session_by_uuid_for_participant(uuid: UUID | str) -> Session:
    """A session reached from a participant's page; which one is in the URL, membership in the cookie."""
    return get_or_404(Session.objects.select_related("version", "current_question"), uuid)


def spread(session: Session, question: Question) -> list[Option]:
    """Each option of `question` with `.votes`: how many participants of `session` chose it."""
    return list(
        question.options.annotate(
            votes=Count("session_answers", filter=Q(session_answers__participant__session=session))
        )
    )


def answer_count(session: Session, question: Question) -> int:
    return Answer.objects.filter(participant__session=session, question=question).count()


def answer_of(participant: Participant, question: Question) -> Answer | None:
    return participant.answers.filter(question=question).prefetch_related("options").first()


def session_summary(session: Session) -> list[dict[str, Any]]:
    """Per question: the spread, the answer count and the justifications given (without names)."""
    questions = list(questions_of(session.version))
    answers = Answer.objects.filter(participant__session=session).exclude(justification="")
    justifications: dict[int, list[str]] = {}
    for question_id, text in answers.order_by("participant__number").values_list(
        "question_id", "justification"
    ):
        justifications.setdefault(question_id, []).append(text)
    counts = dict(
        Answer.objects.filter(participant__session=session)
        .values_list("question_id")
        .annotate(n=Count("id"))
        .values_list("question_id", "n")
    )
    return [
        {
            "question": q,
            "options": spread(session, q),
            "answers": counts.get(q.pk, 0),
            "justifications": justifications.get(q.pk, []),
        }
        for q in questions
    ]


# Self-study


def attempts_of(user: User) -> QuerySet[StudyAttempt]:
    """A user's own self-study attempts; nobody else's history is ever listed."""
    return StudyAttempt.objects.filter(user=user).select_related("version", "version__case")


def get_attempt_for_user(user: User, uuid: UUID | str) -> StudyAttempt:
    """One of the user's own attempts; another user's attempt is a 404."""
    if not may_train(actor_for(user)):
        raise Http404
    return get_or_404(attempts_of(user), uuid)
