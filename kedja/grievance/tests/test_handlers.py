"""The grievance-handler designation: the secretariat's admins designate handlers on the member's
page (an audited action); once anyone is designated, only the designated handle reports and read
contact details, and only they are reminded; with nobody designated the whole secretariat handles."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.core.audit import history
from kedja.grievance import actions
from kedja.grievance.models import GrievanceStatus
from kedja.grievance.tasks import send_handler_reminders
from kedja.organisations import actions as organisation_actions
from kedja.organisations.models import Membership, Role, User

CONTACT = "worker@example.org"


@pytest.fixture
def sam(personas):
    """A second secretariat staff member, not an organisation admin."""
    user = User.objects.create_user("sam@kansliet.test", "x", full_name="Sam Sekretariat")
    Membership.objects.create(user=user, organisation=personas.secretariat, role=Role.SECRETARIAT_STAFF)
    return user


def _membership(personas, user) -> Membership:
    return Membership.objects.get(user=user, organisation=personas.secretariat)


@pytest.fixture
def sara_designated(personas, sam):
    return organisation_actions.set_grievance_handler(
        acting_user=personas.sara, membership=_membership(personas, personas.sara), is_handler=True
    )


def _handler_pages(grievance) -> list[str]:
    attachment = grievance.attachments.first()
    pages = [
        reverse("grievance:handler_list"),
        reverse("grievance:handler_detail", args=[grievance.uuid]),
        reverse("grievance:statistics"),
    ]
    return pages + (
        [reverse("grievance:attachment", args=[grievance.uuid, attachment.uuid])] if attachment else []
    )


def test_with_nobody_designated_every_secretariat_member_handles(personas, sam, grievance, client_for):
    page = client_for(sam).get(reverse("grievance:handler_detail", args=[grievance.uuid]))
    assert page.status_code == 200 and CONTACT in page.content.decode()


@pytest.mark.parametrize("who", ["sara", "sam"])
def test_once_designated_only_the_handler_sees_reports_and_contact_details(
    personas, sam, sara_designated, grievance, client_for, who
):
    user = sam if who == "sam" else personas.sara
    client = client_for(user)
    expected = 200 if who == "sara" else 404
    for url in _handler_pages(grievance):
        assert client.get(url).status_code == expected, (who, url)
    detail = client.get(reverse("grievance:handler_detail", args=[grievance.uuid])).content.decode()
    assert (CONTACT in detail) == (who == "sara")
    client.post(reverse("grievance:handler_do", args=[grievance.uuid, "acknowledge"]), {})
    grievance.refresh_from_db()
    assert (grievance.status == GrievanceStatus.ACKNOWLEDGED) == (who == "sara")


def test_a_non_handler_is_refused_every_handler_action(personas, sam, sara_designated, grievance):
    with pytest.raises(PermissionDenied):
        actions.reply(acting_user=sam, grievance=grievance, text="Hello")
    with pytest.raises(PermissionDenied):
        actions.close(acting_user=sam, grievance=grievance, reason="Done")


def test_only_the_secretariats_admins_designate(personas, sam):
    with pytest.raises(PermissionDenied):  # no member designates themselves
        organisation_actions.set_grievance_handler(
            acting_user=sam, membership=_membership(personas, sam), is_handler=True
        )
    with pytest.raises(PermissionDenied):  # a region's people have no say
        organisation_actions.set_grievance_handler(
            acting_user=personas.stina, membership=_membership(personas, sam), is_handler=True
        )
    viewer = User.objects.create_user("vic@kansliet.test", "x", full_name="Vic Viewer")
    membership = Membership.objects.create(user=viewer, organisation=personas.secretariat, role=Role.VIEWER)
    with pytest.raises(ValidationError):  # a viewer cannot handle
        organisation_actions.set_grievance_handler(
            acting_user=personas.sara, membership=membership, is_handler=True
        )
    assert not Membership.objects.filter(is_grievance_handler=True).exists()


def test_the_admin_designates_on_the_members_page_and_the_change_is_audited(personas, sam, client_for):
    membership = _membership(personas, sam)
    url = reverse(
        "organisations:membership_grievance_handler", args=[personas.secretariat.uuid, membership.uuid]
    )
    assert client_for(sam).post(url, {"is_handler": "1"}).status_code == 404
    membership.refresh_from_db()
    assert not membership.is_grievance_handler
    edit = reverse("organisations:membership_edit", args=[personas.secretariat.uuid, membership.uuid])
    sara = client_for(personas.sara)
    assert url in sara.get(edit).content.decode()
    assert sara.post(url, {"is_handler": "1"}).status_code == 302
    membership.refresh_from_db()
    assert membership.is_grievance_handler
    entry = history(membership).get(action="organisations.membership.grievance_handler")
    assert entry.actor == personas.sara and entry.changes["is_grievance_handler"] == [False, True]
    detail = sara.get(reverse("organisations:detail", args=[personas.secretariat.uuid])).content.decode()
    assert "klagomålshandläggare" in detail
    sara.post(url, {"is_handler": "0"})
    membership.refresh_from_db()
    assert not membership.is_grievance_handler


def test_reminders_go_to_the_designated_handlers_only(personas, sam, grievance):
    grievance.acknowledge_by = grievance.created_at.date()
    grievance.save()
    organisation_actions.set_grievance_handler(
        acting_user=personas.sara, membership=_membership(personas, sam), is_handler=True
    )
    send_handler_reminders.call()
    assert [m.to for m in mail.outbox] == [[sam.email]]


def test_a_supplier_late_with_its_response_reminds_the_handlers_until_it_answers(personas, linked):
    request = actions.ask_supplier(
        acting_user=personas.sara, grievance=linked, supplier=personas.supplier_a, question="Passports?"
    )
    assert send_handler_reminders.call() == 0  # asked today, not late
    request.respond_by = linked.created_at.date() - timedelta(days=1)
    request.save()
    assert send_handler_reminders.call() == 1 and linked.receipt_code in mail.outbox[-1].body
    linked.last_reminded_on = None
    linked.save()
    actions.respond_as_supplier(acting_user=personas.lev, request=request, response="We returned them.")
    assert send_handler_reminders.call() == 0
