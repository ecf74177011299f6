"""A small published case and a running workshop, built through the actions."""

import pytest
from django.test import Client

from kedja.training import actions
from kedja.training.actions import OptionData, QuestionData, VersionData
from kedja.training.models import QuestionKind


def small_case(author):
    """A published two-question case: one single-choice, one multiple-choice with justification."""
    case = actions.create_case(
        acting_user=author,
        data=VersionData(
            title_sv="Handskar från Malaysia",
            title_en="Gloves from Malaysia",
            story_sv="Migrantarbetare har betalat höga rekryteringsavgifter.",
            story_en="Migrant workers have paid high recruitment fees.",
            tier=2,
            workers_affected=1200,
        ),
    )
    version = case.versions.get()
    questions = [
        QuestionData(
            kind=QuestionKind.INVOLVEMENT,
            prompt_sv="Hur är regionen involverad?",
            prompt_en="How is the region involved?",
            explanation_sv="Direkt kopplad via leverantören (UNGP 13b).",
            explanation_en="Directly linked through the supplier (UNGP 13b).",
            discussion_sv="Vad skulle göra det till ett bidrag?",
            options=[
                OptionData("Orsakar", "Causes"),
                OptionData("Bidrar till", "Contributes"),
                OptionData("Direkt kopplad", "Directly linked", is_correct=True),
            ],
        ),
        QuestionData(
            kind=QuestionKind.ACTIONS,
            prompt_sv="Vilka åtgärder?",
            prompt_en="Which actions?",
            explanation_sv="Hävstång och återbetalning.",
            multiple=True,
            asks_justification=True,
            options=[
                OptionData("Kräv återbetalning", "Require repayment", is_correct=True),
                OptionData("Säg upp avtalet direkt", "Terminate at once"),
                OptionData("Gemensam uppföljning", "Joint follow-up", is_correct=True),
            ],
        ),
    ]
    for data in questions:
        actions.save_question(acting_user=author, version=version, data=data)
    actions.publish_version(acting_user=author, version=version)
    return case


@pytest.fixture
def case(personas):
    return small_case(personas.sara)


@pytest.fixture
def version(case):
    return case.versions.get(status="published")


@pytest.fixture
def session(personas, version):
    return actions.start_session(acting_user=personas.olle, version=version)


@pytest.fixture
def join():
    """`join(session, name)` returns an anonymous client that has joined the session."""

    def make(session, name: str) -> Client:
        client = Client()
        response = client.post("/training/join/", {"code": session.code, "display_name": name})
        assert response.status_code == 302, response.content.decode()
        return client

    return make
