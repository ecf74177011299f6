"""Timeline entries store codes and are translated when read, in the reader's language."""

from django.utils import translation

from kedja.followup import actions
from kedja.followup.models import CaseEvent, EventKind
from kedja.followup.models.case import param_label

from . import factories


def test_sanction_decision_is_stored_as_a_code_and_read_in_each_language(personas, step2_case):
    with translation.override("sv"):
        factories.sanction(
            personas,
            step2_case,
            step2_case.contracts.get(),
            ground="failure_to_handle",
            kind="penalty",
            days_ago=10,
            reason="Plan not followed",
        )
    event = CaseEvent.objects.get(kind=EventKind.SANCTION)
    assert event.params["decision"] == "penalty"
    with translation.override("en"):
        assert event.text == "Sanction decision recorded: Penalty."
    with translation.override("sv"):
        assert "Vite" in event.text


def test_remediation_status_is_on_the_timeline_in_the_readers_language(personas, step2_case):
    finding = factories.deviation(personas, step2_case)
    remediation = actions.record_remediation(
        acting_user=personas.stina, finding=finding, affected_group="Migrant workers", description="Repay"
    )
    with translation.override("sv"):
        actions.set_remediation_status(
            acting_user=personas.stina, remediation=remediation, status="completed"
        )
    event = CaseEvent.objects.get(kind=EventKind.REMEDIATION)
    assert event.params["remediation"] == "completed"
    with translation.override("en"):
        assert event.text == "Remediation for Migrant workers: Completed."


def test_status_changes_and_reminders_are_translated_at_display():
    with translation.override("en"):
        assert param_label("new", "step2") == "Office audit"
        assert param_label("key", "before-7") == "7 days before the deadline"
        assert param_label("key", "after-1") == "1 day after the deadline"
        assert param_label("title", "penalty") == "penalty"  # free text stays as written
