"""No history entry shows a field its reader may not see: the lead region's officers read a case's
history, but not the names of its confidential documents."""

from django.urls import reverse

from kedja.core.audit import record
from kedja.followup import actions, queries
from kedja.organisations.queries import actor_for

SECRET_NAME = "payslips-dormitory-b.pdf"


def test_an_officer_reads_the_case_history_without_confidential_document_names(
    personas, contract_a, client_for
):
    case = actions.start_case_from_contract(
        acting_user=personas.olle, contract=contract_a, lead=personas.stockholm
    )
    assert queries.may_change(actor_for(personas.olle), case)
    assert not queries.may_see_confidential(actor_for(personas.olle), case)
    changes = {"document": SECRET_NAME, "sha256": "ab" * 32, "thinned_on": "2026-01-01"}
    record("followup.document.thinned", case, actor=personas.sara, changes=changes)
    url = reverse("followup:case_detail", args=[case.uuid])
    officer = client_for(personas.olle).get(url).content.decode()
    assert "Handling gallrad efter bevarandetiden" in officer
    assert SECRET_NAME not in officer and "ab" * 32 not in officer
    assert SECRET_NAME in client_for(personas.sara).get(url).content.decode()
