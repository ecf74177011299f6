"""Joint cases: the lead region's case team keeps the work split and the cost split; the case's
regions read them on the case page, other regions cannot change them and the supplier never sees
them; the participating regions are told once when the case starts and once when it closes."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kedja.core.models import AuditEntry
from kedja.followup import actions
from kedja.followup.models import CostShare, JointTask
from kedja.notifications.models import Kind, Notification, Preference

DUE = timezone.localdate() + timedelta(days=20)


def _task(personas, case, region=None, **extra):
    return actions.add_joint_task(
        acting_user=personas.stina,
        case=case,
        region=region or personas.stockholm,
        description="Interview the workers' representatives",
        responsible="Olle",
        due_on=DUE,
        **extra,
    )


def test_lead_team_splits_work_and_cost_audited(personas, case_a):
    task = _task(personas, case_a)
    actions.set_joint_task_done(acting_user=personas.stina, task=task, done=True)
    actions.set_cost_split(
        acting_user=personas.stina,
        case=case_a,
        kind="percent",
        values={personas.skane: Decimal("62.5"), personas.stockholm: Decimal("37.5")},
    )
    task.refresh_from_db()
    assert task.done and task.region == personas.stockholm
    assert {(s.region.slug, s.percent) for s in CostShare.objects.filter(case=case_a)} == {
        ("region-skane", Decimal("62.5")),
        ("region-stockholm", Decimal("37.5")),
    }
    logged = set(AuditEntry.objects.filter(object_id=str(case_a.pk)).values_list("action", flat=True))
    assert {"followup.joint_task.added", "followup.joint_task.done", "followup.cost_split.set"} <= logged
    actions.set_cost_split(
        acting_user=personas.stina,
        case=case_a,
        kind="amount",
        values={personas.skane: Decimal(12000), personas.stockholm: None},
    )
    assert [(s.region.slug, s.kind, s.amount_sek) for s in CostShare.objects.filter(case=case_a)] == [
        ("region-skane", "amount", Decimal(12000))
    ]
    actions.remove_joint_task(acting_user=personas.stina, task=task)
    assert not JointTask.objects.exists()


def test_another_region_cannot_change_the_split(personas, case_a, client_for):
    task = _task(personas, case_a)
    # Olle's region takes part in the case but does not lead it.
    with pytest.raises(PermissionDenied):
        actions.add_joint_task(
            acting_user=personas.olle, case=case_a, region=personas.stockholm, description="x", due_on=DUE
        )
    with pytest.raises(PermissionDenied):
        actions.set_joint_task_done(acting_user=personas.olle, task=task, done=True)
    with pytest.raises(PermissionDenied):
        actions.set_cost_split(
            acting_user=personas.olle, case=case_a, kind="percent", values={personas.stockholm: Decimal(100)}
        )
    olle = client_for(personas.olle)
    assert olle.get(reverse("followup:cost_split_edit", args=[case_a.uuid])).status_code == 404
    assert olle.get(reverse("followup:joint_task_add", args=[case_a.uuid])).status_code == 404
    assert olle.post(reverse("followup:joint_task_done", args=[task.uuid]), {"done": "1"}).status_code == 404
    assert olle.post(reverse("followup:joint_task_remove", args=[task.uuid])).status_code == 404
    task.refresh_from_db()
    assert not task.done and not CostShare.objects.exists()


def test_shares_must_sum_to_100_and_nothing_is_stored(personas, case_a, client_for):
    stina = client_for(personas.stina)
    url = reverse("followup:cost_split_edit", args=[case_a.uuid])
    response = stina.post(
        url, {"kind": "percent", f"region_{personas.skane.pk}": "60", f"region_{personas.stockholm.pk}": "30"}
    )
    assert response.status_code == 200
    assert "Andelarna blir tillsammans 90 %; de måste bli 100 %." in response.content.decode()
    assert not CostShare.objects.exists()
    response = stina.post(
        url,
        {"kind": "percent", f"region_{personas.skane.pk}": "62,5", f"region_{personas.stockholm.pk}": "30"},
    )
    assert "Andelarna blir tillsammans 92,50 %" in response.content.decode()
    response = stina.post(url, {"kind": "amount", f"region_{personas.skane.pk}": "-5"})
    assert response.status_code == 200 and not CostShare.objects.exists()
    with pytest.raises(ValidationError, match="negati"):
        actions.set_cost_split(
            acting_user=personas.stina, case=case_a, kind="amount", values={personas.skane: Decimal(-1)}
        )
    response = stina.post(
        url, {"kind": "percent", f"region_{personas.skane.pk}": "60", f"region_{personas.stockholm.pk}": "40"}
    )
    assert response.status_code == 302 and CostShare.objects.count() == 2


def test_only_the_case_regions_take_a_part(personas, case_a):
    """Uppsala is not in the case: no task and no share for it, and nothing stored."""
    with pytest.raises(ValidationError):
        _task(personas, case_a, region=personas.uppsala)
    with pytest.raises(ValidationError):
        actions.set_cost_split(
            acting_user=personas.stina,
            case=case_a,
            kind="percent",
            values={personas.skane: Decimal(50), personas.uppsala: Decimal(50)},
        )
    with pytest.raises(ValidationError):
        _task(personas, case_a, region=personas.supplier_a)
    assert not JointTask.objects.exists() and not CostShare.objects.exists()


def test_case_page_shows_the_split_to_the_case_regions_only(personas, case_a, client_for):
    _task(personas, case_a)
    actions.set_cost_split(
        acting_user=personas.stina,
        case=case_a,
        kind="amount",
        values={personas.skane: Decimal(30000), personas.stockholm: Decimal(10000)},
    )
    url = reverse("followup:case_detail", args=[case_a.uuid])
    for person, sees, edits in (
        (personas.stina, True, True),
        (personas.sara, True, True),
        (personas.olle, True, False),
        (personas.vera, False, False),
    ):
        page = client_for(person).get(url).content.decode()
        assert ("Interview the workers" in page) is sees, person
        assert (reverse("followup:cost_split_edit", args=[case_a.uuid]) in page) is edits, person
    # The supplier is sent to its portal, which shows no split.
    lev = client_for(personas.lev)
    portal = lev.get(url, follow=True).content.decode()
    assert "Interview the workers" not in portal and "30" + "\u00a0000" not in portal
    assert lev.get(reverse("followup:cost_split_edit", args=[case_a.uuid])).status_code == 404


def _edit_case(personas, case, participating, products: str = "") -> None:
    """Stina saves the case's edit form: its products and participating regions, the cost as it was."""
    actions.update_case(
        acting_user=personas.stina,
        case=case,
        products=products,
        cost_bearer=case.cost_bearer,
        cost_note="",
        participating=participating,
    )


def test_participating_regions_are_told_once_at_start_and_close(
    personas, contract_a, questionnaire, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=personas.olle, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.start_case_from_contract(
            acting_user=personas.stina, contract=contract_a, lead=personas.skane
        )
        # Changing the case again (same regions) tells no one a second time.
        _edit_case(personas, case, [personas.stockholm], products="Gloves")
    started = Notification.objects.filter(kind=Kind.JOINT_CASE_STARTED)
    assert [n.recipient for n in started] == [personas.olle]
    olle_mail = [m for m in mail.outbox if personas.olle.email in m.to]
    assert len(olle_mail) == 1 and "Joint case started" in olle_mail[0].subject
    assert "Region Skåne leads a joint follow-up" in olle_mail[0].body
    # The lead's own people (Stina) are not told about their own case.
    assert not Notification.objects.filter(recipient=personas.stina, kind=Kind.JOINT_CASE_STARTED).exists()

    case.status = "step1_assessed"
    case.save(update_fields=["status"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.close_case(acting_user=personas.stina, case=case, reason="Nothing found")
    from kedja.notifications import events

    assert events.joint_case_closed(case) == 0
    closed = Notification.objects.filter(kind=Kind.JOINT_CASE_CLOSED)
    assert [n.recipient for n in closed] == [personas.olle]
    assert [m.subject for m in mail.outbox if personas.olle.email in m.to] == [
        "Joint case closed: Leverantör A AB"
    ]


def test_a_region_added_later_is_told_in_swedish(personas, case_a, django_capture_on_commit_callbacks):
    from kedja.organisations.models import Membership, Role, User

    ulla = User.objects.create_user("ulla@uppsala.test", "x-password-1", full_name="Ulla")
    Membership.objects.create(user=ulla, organisation=personas.uppsala, role=Role.OFFICER)
    Preference.objects.create(user=ulla, language="sv")
    with django_capture_on_commit_callbacks(execute=True):
        _edit_case(personas, case_a, [personas.stockholm, personas.uppsala])
    assert Notification.objects.filter(kind=Kind.JOINT_CASE_STARTED, recipient=ulla).count() == 1
    # Olle was told when the case started; being in the case still, he is not told again.
    assert Notification.objects.filter(kind=Kind.JOINT_CASE_STARTED, recipient=personas.olle).count() == 1
    (swedish,) = [m for m in mail.outbox if ulla.email in m.to]
    assert "Gemensamt ärende startat" in swedish.subject
