"""The start page is each persona's inbox: what needs them now, with counts and deadlines, each item
linking to where it is handled, never anything of another region, supplier or audit firm; and its
query count does not grow with the data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kedja.followup import actions
from kedja.followup.tests import factories
from kedja.notifications import inbox


@pytest.fixture
def stockholm_case(personas, clause):
    """A draft case Region Stockholm leads for supplier B (neither Skåne's nor supplier A's)."""
    contract = factories.contract(personas.supplier_b, [personas.stockholm], reference="SLL-1", clause=clause)
    return actions.start_case_from_contract(
        acting_user=personas.olle, contract=contract, lead=personas.stockholm
    )


def page(client_for, user, language="sv"):
    client = client_for(user)
    client.cookies["django_language"] = language
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.text


def sections(user) -> dict:
    from kedja.organisations.queries import actor_for

    return {s.key: s for s in inbox.sections_for(actor_for(user), timezone.localdate())}


def test_strategist_sees_the_areas_case_awaiting_assessment(
    personas, submitted_case, stockholm_case, client_for
):
    html = page(client_for, personas.stina)
    assert reverse("followup:case_detail", args=[submitted_case.uuid]) in html
    assert "Självskattningar att bedöma" not in html  # the secretariat's section, not hers
    assert sections(personas.stina)["awaiting_assessment"].total == 1
    assert reverse("followup:case_detail", args=[stockholm_case.uuid]) not in html
    assert personas.supplier_b.name not in html


def test_officer_sees_the_regions_cases_and_contracts_only(
    personas, submitted_case, stockholm_case, client_for
):
    factories.contract(personas.supplier_b, [personas.stockholm], reference="SLL-2", clause=None)
    skane_only = factories.contract(personas.supplier_a, [personas.skane], reference="RS-9")
    html = page(client_for, personas.olle)
    assert reverse("followup:case_detail", args=[stockholm_case.uuid]) in html
    assert reverse("followup:case_detail", args=[submitted_case.uuid]) not in html
    mine = sections(personas.olle)
    assert mine["contracts_due"].total == 1 and "SLL-2" in mine["contracts_due"].items[0].text
    assert reverse("contracts:contract_detail", args=[skane_only.uuid]) not in html


def test_secretariat_sees_reviews_summaries_and_zero_tolerance(personas, step2_case, client_for):
    factories.deviation(personas, step2_case, title="Debt bondage", zero_tolerance=True)
    html = page(client_for, personas.sara)
    assert "Nolltoleranslarm" in html and "Debt bondage" in html
    assert sections(personas.sara)["zero_tolerance"].total == 1


def test_supplier_sees_its_request_and_actions_never_another_suppliers(personas, step2_case, client_for):
    factories.corrective_action(
        personas, factories.deviation(personas, step2_case), description="Repay recruitment fees"
    )
    html = page(client_for, personas.lev, "en")
    assert "Corrective actions to report on" in html and "Repay recruitment fees" in html
    assert reverse("followup:portal_case", args=[step2_case.uuid]) in html
    other = page(client_for, personas.lisa, "en")
    assert "Repay recruitment fees" not in other and "Nothing needs you right now." in other


def test_supplier_sees_the_open_self_assessment_with_its_deadline(personas, sent_case, client_for):
    html = page(client_for, personas.lev)
    request = sent_case.answer_request
    assert reverse("followup:portal_request", args=[request.uuid]) in html
    assert request.deadline.isoformat() in html


def test_auditor_sees_assigned_audits_and_reports_due(personas, step3_case, client_for):
    upcoming = factories.site_audit(personas, step3_case, starts_in=5)
    late = factories.site_audit(personas, step3_case, site_name="Dipping Co", starts_in=-10)
    mine = sections(personas.alva)
    assert [i.link for i in mine["assigned"].items] == [
        reverse("followup:site_audit_detail", args=[upcoming.uuid])
    ]
    assert mine["reports_due"].items[0].overdue
    assert reverse("followup:site_audit_detail", args=[late.uuid]) in page(client_for, personas.alva)
    assert "Glove Factory" not in page(client_for, personas.alva)  # the site's name stays on its page


def test_viewer_gets_the_empty_state_in_both_languages(personas, submitted_case, client_for):
    assert "Inget väntar på dig just nu." in page(client_for, personas.vera)
    assert "Nothing needs you right now." in page(client_for, personas.vera, "en")


def test_anonymous_start_page_has_no_inbox(client_for, personas):
    assert "inbox-title" not in page(client_for, None)


def test_inbox_query_count_does_not_grow_with_data(personas, step3_case, clause, client_for):
    def count(user) -> int:
        client = client_for(user)
        client.get(reverse("home"))  # warm the session and the caches
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home"))
        return len(queries)

    users = (personas.sara, personas.stina, personas.olle, personas.lev, personas.alva)
    before = [count(user) for user in users]
    for n in range(4):
        finding = factories.deviation(personas, step3_case, title=f"Hours {n}", zero_tolerance=n % 2 == 0)
        factories.corrective_action(personas, finding, deadline=timezone.localdate() + timedelta(days=n + 1))
        contract = factories.contract(
            personas.supplier_b, [personas.stockholm], reference=f"C-{n}", clause=clause
        )
        actions.start_case_from_contract(
            acting_user=personas.olle, contract=contract, lead=personas.stockholm
        )
    factories.site_audit(personas, step3_case, starts_in=3)
    assert [count(user) for user in users] == before


def test_a_long_section_links_to_every_item(personas, clause, client_for):
    """The start page shows the first SHOWN items and links to the section's own page, which lists
    them all (paginated) for the same person only."""
    for n in range(inbox.SHOWN + 2):
        contract = factories.contract(
            personas.supplier_b, [personas.stockholm], reference=f"L-{n}", clause=clause
        )
        actions.start_case_from_contract(
            acting_user=personas.olle, contract=contract, lead=personas.stockholm
        )
    mine = sections(personas.olle)["region_cases"]
    assert mine.total == inbox.SHOWN + 2 and len(mine.items) == inbox.SHOWN
    all_url = reverse("notifications:inbox_section", args=["region_cases"])
    assert all_url in page(client_for, personas.olle)
    full = client_for(personas.olle).get(all_url)
    assert full.status_code == 200 and full.text.count('href="/followup/cases/') == inbox.SHOWN + 2
    # Stina's inbox has no such section (her region leads none of these cases): nothing to list.
    assert client_for(personas.stina).get(all_url).status_code == 404
    assert (
        client_for(personas.olle).get(reverse("notifications:inbox_section", args=["nope"])).status_code
        == 404
    )


def test_a_region_sees_its_tasks_in_joint_cases(personas, case_a, client_for):
    """Case A is led by Skåne with Stockholm taking part: Olle sees Stockholm's open task."""
    due = timezone.localdate() - timedelta(days=2)
    for description, region in (("Interview the union", personas.stockholm), ("Skåne's own", personas.skane)):
        actions.add_joint_task(
            acting_user=personas.stina, case=case_a, region=region, description=description, due_on=due
        )
    done = actions.add_joint_task(
        acting_user=personas.stina, case=case_a, region=personas.stockholm, description="Done one", due_on=due
    )
    actions.set_joint_task_done(acting_user=personas.stina, task=done, done=True)
    olle = sections(personas.olle)["joint_tasks"]
    assert [i.text for i in olle.items] == [
        f"Interview the union ({personas.supplier_a.name}, Region Stockholm)"
    ]
    assert olle.items[0].overdue
    assert [i.text.split(" (")[0] for i in sections(personas.stina)["joint_tasks"].items] == ["Skåne's own"]
    assert "joint_tasks" not in sections(personas.lev) and "joint_tasks" not in sections(personas.vera)
