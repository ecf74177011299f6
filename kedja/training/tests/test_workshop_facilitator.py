"""Running a workshop: the facilitator's controls, the live spread, the anonymised summary and export."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from kedja.training import actions
from kedja.training.models import Participant, Phase, SessionStatus


def _answer(client, session, position, *option_ids, justification=""):
    data = {"question": position, "options": list(option_ids), "justification": justification}
    return client.post(f"/training/play/{session.uuid}/answer/", data)


def test_only_published_versions_can_run_as_workshops(personas, version):
    draft = actions.start_new_version(acting_user=personas.sara, case=version.case)
    with pytest.raises(ValidationError):
        actions.start_session(acting_user=personas.olle, version=draft)


def test_start_workshop_from_the_case_page(personas, version, client_for):
    response = client_for(personas.vera).post(
        f"/training/versions/{version.uuid}/workshop/", {"group_mode": "1"}
    )
    assert response.status_code == 302
    session = version.sessions.get()
    assert session.group_mode and session.facilitator == personas.vera


def test_suppliers_cannot_run_workshops(personas, version, client_for):
    response = client_for(personas.lev).post(f"/training/versions/{version.uuid}/workshop/")
    assert response.status_code == 404
    assert not version.sessions.exists()


def test_only_the_facilitator_sees_and_runs_the_session(personas, session, client_for):
    for user in (personas.vera, personas.stina, personas.lev):
        client = client_for(user)
        assert client.get(f"/training/sessions/{session.uuid}/").status_code == 404
        assert client.get(f"/training/sessions/{session.uuid}/live/").status_code == 404
        assert client.post(f"/training/sessions/{session.uuid}/do/advance/").status_code == 404
    session.refresh_from_db()
    assert session.status == SessionStatus.LOBBY
    assert client_for(personas.olle).get(f"/training/sessions/{session.uuid}/").status_code == 200


def test_facilitator_steps_through_the_questions(personas, session, client_for):
    client = client_for(personas.olle)
    for step, phase in (("advance", Phase.OPEN), ("close", Phase.CLOSED), ("reveal", Phase.REVEALED)):
        client.post(f"/training/sessions/{session.uuid}/do/{step}/")
        session.refresh_from_db()
        assert session.phase == phase
    page = client.get(f"/training/sessions/{session.uuid}/").content.decode()
    assert "Direkt kopplad via leverantören" in page  # explanation
    assert "Vad skulle göra det till ett bidrag?" in page  # discussion points
    client.post(f"/training/sessions/{session.uuid}/do/advance/")
    session.refresh_from_db()
    assert session.current_question.position == 2 and session.phase == Phase.OPEN
    with pytest.raises(ValidationError):
        actions.advance(acting_user=personas.olle, session=session)


def test_unknown_step_is_404(personas, session, client_for):
    assert client_for(personas.olle).post(f"/training/sessions/{session.uuid}/do/delete/").status_code == 404


def test_live_spread_counts_answers(personas, session, join, client_for):
    anna, bo = join(session, "Anna"), join(session, "Bo")
    actions.advance(acting_user=personas.olle, session=session)
    options = list(session.current_question.options.all())
    _answer(anna, session, 1, options[2].pk)
    _answer(bo, session, 1, options[2].pk)
    live = client_for(personas.olle).get(f"/training/sessions/{session.uuid}/live/").content.decode()
    assert 'data-votes="2"' in live
    assert "2 av 2" in live or "2 of 2" in live


def test_answers_are_anonymised_when_the_session_ends(personas, session, join, client_for):
    anna = join(session, "Anna Andersson")
    actions.advance(acting_user=personas.olle, session=session)
    actions.advance(acting_user=personas.olle, session=session)
    options = list(session.current_question.options.all())
    _answer(anna, session, 2, options[0].pk, options[2].pk, justification="Återbetalning först")
    client = client_for(personas.olle)
    response = client.post(f"/training/sessions/{session.uuid}/do/end/")
    assert response["Location"].endswith(f"/training/sessions/{session.uuid}/summary/")
    assert Participant.objects.get().display_name == ""
    summary = client.get(response["Location"]).content.decode()
    assert "Anna Andersson" not in summary
    assert "Återbetalning först" in summary
    export = client.get(f"/training/sessions/{session.uuid}/summary.csv")
    text = export.content.decode("utf-8-sig")
    assert "Anna" not in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["2", "Åtgärder", "Vilka åtgärder?", "Kräv återbetalning", "ja", "1"] in rows
    from kedja.core.models import AuditEntry

    assert not AuditEntry.objects.filter(object_repr__contains="Anna").exists()
    assert not any("Anna" in str(e.changes) for e in AuditEntry.objects.all())


def test_summary_and_export_wait_for_the_end(personas, session, client_for):
    client = client_for(personas.olle)
    assert client.get(f"/training/sessions/{session.uuid}/summary/").status_code == 302
    assert client.get(f"/training/sessions/{session.uuid}/summary.csv").status_code == 404


def test_ended_session_cannot_be_controlled(personas, session):
    actions.end_session(acting_user=personas.olle, session=session)
    with pytest.raises(ValidationError):
        actions.advance(acting_user=personas.olle, session=session)


def test_new_version_keeps_running_sessions_on_their_version(personas, session, version):
    draft = actions.start_new_version(acting_user=personas.sara, case=version.case)
    actions.publish_version(acting_user=personas.sara, version=draft)
    session.refresh_from_db()
    assert session.version == version
    version.refresh_from_db()
    assert version.status == "superseded"
    actions.advance(acting_user=personas.olle, session=session)
    assert session.current_question.version == version


def test_live_spread_query_count_stays_flat(
    personas, session, join, client_for, django_assert_max_num_queries
):
    actions.advance(acting_user=personas.olle, session=session)
    option = session.current_question.options.first()
    for n in range(8):
        _answer(join(session, f"P{n}"), session, 1, option.pk)
    client = client_for(personas.olle)
    with django_assert_max_num_queries(10):
        response = client.get(f"/training/sessions/{session.uuid}/live/")
    assert 'data-votes="8"' in response.content.decode()
