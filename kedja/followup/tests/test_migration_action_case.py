"""The migration that stores each corrective action's case fills it from the action's finding."""

from datetime import date

import pytest

from .migrating import migrate_to

BEFORE = [("followup", "0021_open_action_deadline_index")]
AFTER = [("followup", "0023_correctiveaction_case_required")]


@pytest.mark.django_db(transaction=True)
def test_each_action_takes_its_findings_case(back_to_latest):
    apps = migrate_to(BEFORE)
    Organisation = apps.get_model("organisations", "Organisation")
    Case = apps.get_model("followup", "FollowUpCase")
    Finding = apps.get_model("followup", "Finding")
    Action = apps.get_model("followup", "CorrectiveAction")
    supplier = Organisation.objects.create(kind="supplier", name="Åkerö Textil AB", slug="akero")
    region = Organisation.objects.create(kind="region", name="Region Ö", slug="region-o", code="SE-99")
    expected = {}
    for n in range(3):
        case = Case.objects.create(supplier=supplier, lead_organisation=region, origin="contract", year=2026)
        finding = Finding.objects.create(case=case, step=2, kind="deviation", title=f"Avvikelse {n}")
        for m in range(n + 1):
            action = Action.objects.create(
                finding=finding, description="Åtgärd", owner="HR", deadline=date(2026, 1, m + 1)
            )
            expected[action.pk] = case.pk

    Action = migrate_to(AFTER).get_model("followup", "CorrectiveAction")

    assert dict(Action.objects.values_list("pk", "case_id")) == expected
    assert len(set(expected.values())) == 3
