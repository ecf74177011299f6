"""Starting follow-up cases from the "whom to follow up" list, through the follow-up app's actions."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from kedja.core.models import AuditEntry
from kedja.followup.models import FollowUpCase
from kedja.risk import actions
from kedja.risk.register import follow_up_list

pytestmark = pytest.mark.django_db


def _post(client, personas, suppliers, lead):
    return client.post(
        reverse("risk:follow_up_start"),
        {"category": "gloves", "supplier": [str(s.uuid) for s in suppliers], "lead": str(lead.uuid)},
    )


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_sara_starts_two_cases_from_the_list(contracts, personas, client_for):
    client = client_for(personas.sara)
    page = client.get(reverse("risk:follow_up"), {"category": "gloves"}).content.decode()
    assert 'name="supplier"' in page and reverse("risk:follow_up_start") in page
    response = _post(client, personas, [personas.supplier_a, personas.supplier_b], personas.secretariat)
    assert response.status_code == 302 and "category=gloves" in response["Location"]
    assert "2" in _messages(response)
    cases = FollowUpCase.objects.order_by("supplier__name")
    assert [c.supplier for c in cases] == [personas.supplier_a, personas.supplier_b]
    assert all(c.lead_organisation == personas.secretariat for c in cases)
    assert [list(c.contracts.all()) for c in cases] == [[contracts[0]], [contracts[1]]]
    assert AuditEntry.objects.filter(action="followup.case.started").count() == 2
    assert AuditEntry.objects.filter(action="risk.follow_up.case_started").count() == 2
    listed = client.get(reverse("risk:follow_up"), {"category": "gloves"}).content.decode()
    assert reverse("followup:case_detail", args=[cases[0].uuid]) in listed


def test_vera_sees_no_button_and_her_post_is_refused(contracts, personas, client_for):
    client = client_for(personas.vera)
    page = client.get(reverse("risk:follow_up"), {"category": "gloves"}).content.decode()
    assert "Leverantör A AB" in page
    assert 'name="supplier"' not in page and reverse("risk:follow_up_start") not in page
    response = _post(client, personas, [personas.supplier_a], personas.uppsala)
    # The follow-up app refuses her (PermissionDenied): the same 404 as every forbidden action.
    assert response.status_code == 404
    assert not FollowUpCase.objects.exists()


def test_lev_the_supplier_cannot_post(contracts, personas, client_for):
    response = _post(client_for(personas.lev), personas, [personas.supplier_a], personas.secretariat)
    assert response.status_code == 404
    assert not FollowUpCase.objects.exists()


def test_supplier_not_in_the_list_is_refused(contracts, personas, client_for):
    outsider = personas.audit_firm
    response = _post(
        client_for(personas.sara), personas, [personas.supplier_a, outsider], personas.secretariat
    )
    assert response.status_code == 302 and _messages(response)
    assert not FollowUpCase.objects.exists()


def test_olle_cannot_lead_for_another_region(contracts, personas, client_for):
    response = _post(client_for(personas.olle), personas, [personas.supplier_a], personas.skane)
    assert response.status_code == 404  # the follow-up app's PermissionDenied, as for any forbidden action
    assert not FollowUpCase.objects.exists()


def test_nothing_half_done_when_one_case_fails(contracts, personas):
    rows = follow_up_list(list(contracts))
    # A region is not a supplier: the follow-up action refuses the second row after starting the first.
    rows[1].supplier = personas.uppsala
    with pytest.raises(ValidationError):
        actions.start_follow_up_cases(suppliers=rows, lead=personas.secretariat, acting_user=personas.sara)
    assert not FollowUpCase.objects.exists()
    assert not AuditEntry.objects.filter(action__in=["followup.case.started", "risk.follow_up.case_started"])


def test_no_supplier_chosen(contracts, personas, client_for):
    response = _post(client_for(personas.sara), personas, [], personas.secretariat)
    assert _messages(response)
    assert not FollowUpCase.objects.exists()
