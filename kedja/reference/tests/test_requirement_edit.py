"""Only secretariat staff may edit requirement texts; every edit is audited and visible."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.core.audit import history
from kedja.reference.actions import edit_requirement_text
from kedja.reference.models import Requirement

PR5_FORM = {
    "title_sv": "Processkrav 5",
    "title_en": "Process requirement 5",
    "text_sv": "Den kända texten.",
    "text_en": "The known text.",
    "criterion_sv": "",
    "criterion_en": "",
}


@pytest.fixture
def pr5(reference):
    return Requirement.objects.select_related("document").get(document__key="clause-2024", key="pr5-unknown")


def edit_url(requirement):
    return reverse("reference:requirement_edit", args=[requirement.document.uuid, requirement.key])


def test_secretariat_fills_in_pr5_with_audit_and_history(pr5, personas, client_for):
    client = client_for(personas.sara)
    assert client.get(edit_url(pr5)).status_code == 200
    response = client.post(edit_url(pr5), PR5_FORM)
    assert response.status_code == 302
    # The published version stays as it was; the text goes into the draft of the next version.
    pr5.refresh_from_db()
    assert pr5.is_placeholder and not history(pr5).exists()
    pr5 = Requirement.objects.get(document__previous=pr5.document, key="pr5-unknown")
    assert pr5.text_en == "The known text." and not pr5.is_placeholder
    entry = history(pr5).get()
    assert entry.action == "reference.requirement.edited" and entry.actor == personas.sara
    assert entry.changes["is_placeholder"] == [True, False]
    detail = client.get(response["Location"]).content.decode()
    assert "Kravtext redigerad" in detail and "Sara Sekretariat" in detail


def test_others_cannot_edit(pr5, personas, client_for):
    for user in (personas.olle, personas.lev, personas.stina, personas.vera, personas.alva):
        client = client_for(user)
        assert client.get(edit_url(pr5)).status_code == 404
        assert client.post(edit_url(pr5), PR5_FORM).status_code == 404
    pr5.refresh_from_db()
    assert pr5.is_placeholder and not history(pr5).exists()


def test_anonymous_is_sent_to_sign_in(pr5, client):
    assert client.post(edit_url(pr5), PR5_FORM).status_code == 302
    pr5.refresh_from_db()
    assert pr5.is_placeholder


def test_action_refuses_non_secretariat(pr5, personas):
    with pytest.raises(PermissionDenied):
        edit_requirement_text(acting_user=personas.olle, requirement=pr5, **PR5_FORM, is_placeholder=False)


def test_known_content_needs_both_languages(pr5, personas, client_for):
    data = {**PR5_FORM, "text_en": ""}
    with pytest.raises(ValidationError):
        edit_requirement_text(acting_user=personas.sara, requirement=pr5, **data, is_placeholder=False)
    response = client_for(personas.sara).post(edit_url(pr5), data)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    pr5.refresh_from_db()
    assert pr5.is_placeholder and not history(pr5).exists()


def test_saving_without_changes_records_nothing(pr5, personas):
    values = {name: getattr(pr5, name) for name in PR5_FORM}
    edit_requirement_text(acting_user=personas.sara, requirement=pr5, **values, is_placeholder=True)
    assert not history(pr5).exists()


def test_edit_button_only_for_secretariat(pr5, personas, client_for):
    detail = reverse("reference:document_detail", args=[pr5.document.uuid])
    assert edit_url(pr5) in client_for(personas.sara).get(detail).content.decode()
    assert edit_url(pr5) not in client_for(personas.olle).get(detail).content.decode()
