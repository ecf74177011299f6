import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kedja.core.audit import history
from kedja.organisations import actions
from kedja.organisations.models import Membership, Role, User


def test_org_admin_invites_a_colleague_who_gets_a_password_link(
    personas, client_for, django_capture_on_commit_callbacks
):
    client = client_for(personas.lev)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/organisations/{personas.supplier_a.uuid}/invite/",
            {"full_name": "Nina Ny", "email": "Nina@Supplier-A.test", "role": Role.SUPPLIER_CONTACT},
        )
    assert response.status_code == 302
    user = User.objects.get(email="nina@supplier-a.test")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).organisation == personas.supplier_a
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nina@supplier-a.test"]
    assert "/accounts/reset/" in mail.outbox[0].body
    assert history(Membership.objects.get(user=user))[0].action == "organisations.membership.invited"


def test_member_who_is_not_admin_cannot_invite(personas, client_for):
    response = client_for(personas.lisa).get(f"/organisations/{personas.supplier_b.uuid}/invite/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "who, organisation, role, error",
    [
        ("lev", "supplier_b", Role.SUPPLIER_CONTACT, PermissionDenied),  # an admin of another organisation
        ("sara", "supplier_a", Role.STRATEGIST, ValidationError),  # a role that does not fit a supplier
    ],
)
def test_invitation_refused_outside_ones_organisation_or_with_a_role_that_does_not_fit(
    personas, who, organisation, role, error
):
    with pytest.raises(error):
        actions.invite_user(
            acting_user=getattr(personas, who),
            organisation=getattr(personas, organisation),
            email="x@example.org",
            full_name="X",
            role=role,
        )
    assert not User.objects.filter(email="x@example.org").exists()


def test_inviting_an_existing_member_again_is_refused(personas, client_for):
    response = client_for(personas.lev).post(
        f"/organisations/{personas.supplier_a.uuid}/invite/",
        {"full_name": "Lev", "email": personas.lev.email, "role": Role.SUPPLIER_CONTACT},
    )
    assert response.status_code == 200
    assert "redan medlem" in str(response.context["form"].non_field_errors())
    assert Membership.objects.filter(user=personas.lev).count() == 1


def test_admin_changes_and_removes_a_membership(personas, client_for):
    colleague = actions.invite_user(
        acting_user=personas.sara,
        organisation=personas.stockholm,
        email="k@stockholm.test",
        full_name="K",
        role=Role.VIEWER,
    )
    client = client_for(personas.sara)
    url = f"/organisations/{personas.stockholm.uuid}/members/{colleague.uuid}/"
    client.post(url, {"role": Role.OFFICER, "title": "Upphandlare"})
    colleague.refresh_from_db()
    assert colleague.role == Role.OFFICER
    client.post(url + "remove/")
    assert not Membership.objects.filter(pk=colleague.pk).exists()


def test_nobody_can_remove_themselves(personas):
    with pytest.raises(ValidationError):
        actions.remove_membership(
            acting_user=personas.sara, membership=Membership.objects.get(user=personas.sara)
        )
