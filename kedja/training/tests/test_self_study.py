"""Self-study: feedback per answer, a score at the end, and a history only its owner sees."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kedja.training import actions
from kedja.training.models import AttemptStatus, StudyAttempt


def _start(client, version):
    response = client.post(f"/training/versions/{version.uuid}/study/")
    assert response.status_code == 302
    return StudyAttempt.objects.latest("created_at")


def test_self_study_gives_feedback_and_a_score(personas, client_for, version):
    client = client_for(personas.olle)
    attempt = _start(client, version)
    q1, q2 = version.questions.order_by("position")
    linked = q1.options.get(is_correct=True)
    response = client.post(f"/training/study/{attempt.uuid}/", {"options": linked.pk})
    assert response["Location"].endswith(f"/feedback/{q1.position}/")
    feedback = client.get(response["Location"]).content.decode()
    assert "Direkt kopplad via leverantören" in feedback
    wrong = q2.options.get(position=2)
    client.post(f"/training/study/{attempt.uuid}/", {"options": [wrong.pk], "justification": "Snabbast"})
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.COMPLETED
    assert (attempt.score, attempt.max_score) == (1, 2)
    result = client.get(f"/training/study/{attempt.uuid}/").content.decode()
    assert "1 av 2" in result or "1 of 2" in result


def test_multiple_choice_must_match_the_expert_answer_exactly(personas, version):
    attempt = actions.start_attempt(acting_user=personas.olle, version=version)
    q2 = version.questions.get(position=2)
    right = list(q2.options.filter(is_correct=True).values_list("pk", flat=True))
    answer = actions.answer_study_question(
        acting_user=personas.olle, attempt=attempt, question=q2, option_ids=right[:1]
    )
    assert not answer.is_correct
    other = actions.start_attempt(acting_user=personas.olle, version=version)
    assert actions.answer_study_question(
        acting_user=personas.olle, attempt=other, question=q2, option_ids=right
    ).is_correct


def test_question_cannot_be_answered_twice(personas, version):
    attempt = actions.start_attempt(acting_user=personas.olle, version=version)
    q1 = version.questions.get(position=1)
    option = q1.options.first()
    actions.answer_study_question(
        acting_user=personas.olle, attempt=attempt, question=q1, option_ids=[option.pk]
    )
    with pytest.raises(ValidationError):
        actions.answer_study_question(
            acting_user=personas.olle, attempt=attempt, question=q1, option_ids=[option.pk]
        )


def test_history_is_private(personas, client_for, version):
    attempt = actions.start_attempt(acting_user=personas.olle, version=version)
    assert "Handskar från Malaysia" in client_for(personas.olle).get("/training/study/").content.decode()
    for user in (personas.vera, personas.sara):
        client = client_for(user)
        assert "Handskar från Malaysia" not in client.get("/training/study/").content.decode()
        assert client.get(f"/training/study/{attempt.uuid}/").status_code == 404
        assert client.get(f"/training/study/{attempt.uuid}/feedback/1/").status_code == 404
    with pytest.raises(PermissionDenied):
        actions.answer_study_question(
            acting_user=personas.vera,
            attempt=attempt,
            question=version.questions.first(),
            option_ids=[version.questions.first().options.first().pk],
        )


def test_empty_answer_shows_an_error(personas, client_for, version):
    client = client_for(personas.olle)
    attempt = _start(client, version)
    response = client.post(f"/training/study/{attempt.uuid}/", {})
    assert response.status_code == 200
    assert not attempt.answers.exists()


def test_suppliers_cannot_study(personas, client_for, version):
    assert client_for(personas.lev).post(f"/training/versions/{version.uuid}/study/").status_code == 404
    assert client_for(personas.lev).get("/training/study/").status_code == 404
