"""Forms only for those who may post them: the contact and hours forms, and who may be named."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kedja.plans import actions

pytestmark = pytest.mark.django_db


def test_viewers_suppliers_and_auditors_get_no_contact_form(personas, client_for):
    for user in (personas.vera, personas.lev, personas.alva):
        assert client_for(user).get("/plans/contacts/new/").status_code == 404, user
        assert client_for(user).post("/plans/contacts/new/", {"role": "contact"}).status_code == 404, user
    assert client_for(personas.olle).get("/plans/contacts/new/").status_code == 200


def test_supplier_or_auditor_account_is_never_named(personas):
    for person in (personas.lev, personas.alva):
        with pytest.raises(ValidationError):
            actions.assign_contact(
                acting_user=personas.sara,
                role="contact",
                region=personas.stockholm,
                name="",
                person=person,
                valid_from=timezone.localdate(),
            )


def test_contact_form_offers_only_the_collaborations_people(personas, client_for):
    body = client_for(personas.sara).get("/plans/contacts/new/").content.decode()
    assert "Olle Officer" in body and "Lev Leverantör" not in body and "Alva Auditor" not in body
