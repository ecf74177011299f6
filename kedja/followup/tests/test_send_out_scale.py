"""The national send-out is set-based: starting the joint cases of a category and sending step 1
takes the same number of SQL statements for 3 suppliers as for 9, and leaves the same trail per
case as sending one by one (request, invitation or new account, timeline, audit entries)."""

from datetime import timedelta

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kedja.contracts.models import SupplierContact
from kedja.core.models import AuditEntry
from kedja.followup import actions
from kedja.followup.models import AnswerRequest, CaseStatus, Invitation
from kedja.notifications.models import Kind, Notification
from kedja.organisations.models import Membership, OrganisationKind, Role, User
from kedja.organisations.testing import _org

from . import factories

DEADLINE = timezone.localdate() + timedelta(days=30)


def _suppliers(personas, clause, category, count: int, offset: int) -> None:
    """Every second one has a portal account, the others only a named due-diligence contact."""
    for n in range(offset, offset + count):
        supplier = _org(
            OrganisationKind.SUPPLIER, f"Leverantör {n} Åäö AB", f"lev-{n}", org_number=f"556100-{n:04d}"
        )
        factories.contract(
            supplier, [personas.skane, personas.stockholm], reference=f"N-{n}", clause=clause, cat=category
        )
        if n % 2:
            SupplierContact.objects.create(
                supplier=supplier, name=f"Örjan {n}", email=f"orjan{n}@lev-{n}.test"
            )
        else:
            user = User.objects.create_user(
                f"kontakt{n}@lev-{n}.test", "x-password-1", full_name=f"Kontakt {n}"
            )
            Membership.objects.create(user=user, organisation=supplier, role=Role.SUPPLIER_CONTACT)


def _send_out(personas, category, year: int) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        result = actions.send_out_category(
            acting_user=personas.sara, category=category, year=year, deadline=DEADLINE
        )
    return len(queries), result


def test_statements_do_not_grow_with_the_number_of_suppliers(personas, clause, questionnaire):
    small, large = factories.category(), factories.category("large")
    _suppliers(personas, clause, small, 3, 0)
    _suppliers(personas, clause, large, 9, 100)
    few, _result = _send_out(personas, small, 2030)
    many, result = _send_out(personas, large, 2030)
    assert many == few, f"{few} statements for 3 suppliers, {many} for 9"
    assert len(result["sent"]) == 9 and not result["unreachable"]


def test_the_bulk_send_out_leaves_the_same_trail_as_one_by_one(
    personas, clause, questionnaire, django_capture_on_commit_callbacks
):
    category = factories.category()
    _suppliers(personas, clause, category, 4, 0)
    with django_capture_on_commit_callbacks(execute=True):
        result = actions.send_out_category(
            acting_user=personas.sara, category=category, year=2030, deadline=DEADLINE
        )
    cases = result["cases"]
    assert {c.status for c in cases} == {CaseStatus.STEP1_SENT}
    assert AnswerRequest.objects.count() == 4 and Invitation.objects.count() == 4
    assert Invitation.objects.filter(created_account=True).count() == 2
    # One invitation per supplier; the participating regions' people (Stina, Olle) each hear once
    # per joint case that it started.
    invited = [m for m in mail.outbox if personas.stina.email not in m.to and personas.olle.email not in m.to]
    assert len(invited) == 4 and not Invitation.objects.filter(sent_at=None).exists()
    started = Notification.objects.filter(kind=Kind.JOINT_CASE_STARTED)
    assert sorted(started.values_list("recipient__email", flat=True)) == sorted(
        [personas.stina.email, personas.olle.email] * 4
    )
    assert not User.objects.get(email="orjan1@lev-1.test").has_usable_password()
    for case in cases:
        case.refresh_from_db()
        assert case.answer_request.self_assessment_id == case.self_assessment_id
        assert set(case.participating_regions.all()) == {personas.skane, personas.stockholm}
        assert sorted(case.events.values_list("kind", flat=True)) == ["invited", "started", "transition"]
        actions_logged = set(
            AuditEntry.objects.filter(
                object_type="followup.followupcase", object_id=str(case.pk)
            ).values_list("action", flat=True)
        )
        assert actions_logged == {"followup.case.started", "followup.case.transitioned"}
    assert AuditEntry.objects.filter(action="followup.request.opened").count() == 4
    assert AuditEntry.objects.filter(action="organisations.membership.invited").count() == 2
    # A second send-out joins the open requests: no new request, no new e-mail.
    again = actions.start_cases_for_category(acting_user=personas.sara, category=category, year=2031)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_self_assessments(acting_user=personas.sara, cases=again, deadline=DEADLINE)
    assert AnswerRequest.objects.count() == 4 and not mail.outbox
    assert {e.message[:6] for c in again for e in c.events.filter(kind="invited")} == {"Joined"}
