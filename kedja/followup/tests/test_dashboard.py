"""The case team's dashboard: my cases, overdue lists, counts, filters, refusals and query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kedja.followup import actions, dashboard
from kedja.followup.models import AnswerRequest, CaseStatus, FollowUpCase
from kedja.organisations.queries import actor_for

from . import factories

URL = "/followup/my/"


def _past(days: int = 3):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def overdue_case(personas, sent_case):
    """Supplier A's case (led by Skåne, Stockholm takes part) with its answers overdue."""
    AnswerRequest.objects.filter(pk=sent_case.answer_request_id).update(deadline=_past())
    return sent_case


@pytest.fixture
def late_action(personas, contract_a):
    """An overdue corrective action on a deviation of another of supplier A's cases, at step 2."""
    case = actions.start_case_from_contract(
        acting_user=personas.stina, contract=contract_a, lead=personas.skane
    )
    FollowUpCase.objects.filter(pk=case.pk).update(status=CaseStatus.STEP2, current_step=2)
    case.refresh_from_db()
    finding = factories.deviation(personas, case, title="No grievance channel")
    action = factories.corrective_action(
        personas,
        finding,
        description="Put up QR-code posters",
        owner="HR manager",
        deadline=timezone.localdate() + timedelta(days=10),
    )
    action.deadline = _past()  # ten days pass (the action's save keeps the case's stored light)
    action.save(update_fields=["deadline"])
    return action


@pytest.fixture
def other_case(personas):
    """Supplier B's case led by Region Uppsala, with a contract produced in Viet Nam."""
    contract = factories.contract(
        personas.supplier_b, [personas.uppsala], reference="RU-1", cat=factories.category("textiles")
    )
    contract.production_countries.add(factories.country("VNM", "Viet Nam", "Vietnam"))
    case = FollowUpCase.objects.create(
        supplier=personas.supplier_b,
        lead_organisation=personas.uppsala,
        category=contract.category,
        origin="contract",
        year=2026,
    )
    case.contracts.add(contract)
    return case


def test_my_cases_are_those_my_region_leads_or_takes_part_in(personas, overdue_case, other_case, client_for):
    for user, sees in ((personas.stina, True), (personas.olle, True), (personas.vera, False)):
        body = client_for(user).get(URL).content.decode()
        assert (personas.supplier_a.name in body) is sees, user
    vera = client_for(personas.vera).get(URL).content.decode()
    assert personas.supplier_b.name in vera
    assert personas.supplier_a.name in client_for(personas.vera).get(URL + "?scope=all").content.decode()


def test_overdue_answers_and_actions_are_listed(personas, overdue_case, late_action, client_for):
    response = client_for(personas.stina).get(URL)
    answers = response.context["answers"]
    assert answers == [overdue_case]
    assert response.context["actions"] == [late_action]
    assert response.context["answers_total"] == 1 and response.context["actions_total"] == 1
    body = response.content.decode()
    assert "Put up QR-code posters" in body


def test_answers_before_the_deadline_or_submitted_are_not_overdue(personas, sent_case, client_for):
    assert client_for(personas.stina).get(URL).context["answers"] == []


def test_counts_by_step_and_traffic_light(personas, overdue_case, late_action, other_case, client_for):
    counts = client_for(personas.sara).get(URL + "?scope=all").context["counts"]
    by_step = {step: cells for step, cells, _total in counts["rows"]}
    # Order of the cells: green, yellow, red.
    assert by_step[1] == [2, 0, 0]
    assert by_step[2] == [0, 0, 1]
    assert counts["total"] == 3


@pytest.mark.parametrize(
    ("query", "a", "b"),
    [
        ("category=gloves", True, False),
        ("category=textiles", False, True),
        ("area=H", True, False),
        ("area=B", False, True),
        ("region=region-stockholm", True, False),
        ("region=region-uppsala", False, True),
        ("supplier=556000-0002", False, True),
        ("supplier=Leverantör A", True, False),
        ("country=VNM", False, True),
    ],
)
def test_filters(personas, overdue_case, other_case, client_for, query, a, b):
    filters = dashboard.CaseFilters.from_query(QueryDict(f"scope=all&{query}"))
    suppliers = {c.supplier for c in dashboard.filtered_cases(actor_for(personas.sara), filters)}
    assert (personas.supplier_a in suppliers) is a and (personas.supplier_b in suppliers) is b
    counts = client_for(personas.sara).get(f"{URL}?scope=all&{query}").context["counts"]
    assert counts["total"] == a + b


def test_country_filter_uses_sites_of_the_contracts_in_scope(personas, overdue_case, client_for):
    site = factories.site(personas.supplier_a, iso3="MYS")
    site.contracts.add(overdue_case.contracts.get())
    response = client_for(personas.stina).get(f"{URL}?country=MYS")
    assert [c.pk for c in response.context["mine"]] == [overdue_case.pk]
    assert client_for(personas.stina).get(f"{URL}?country=VNM").context["mine"] == []


def test_country_filter_finds_a_case_by_its_audited_site(personas, step3_case, client_for):
    """An audited site counts even when it is in no contract's chain (the factory's site is not)."""
    factories.site_audit(personas, step3_case)  # a site in Malaysia
    assert not step3_case.contracts.filter(sites__country__iso3="MYS").exists()
    assert [c.pk for c in client_for(personas.stina).get(f"{URL}?country=MYS").context["mine"]] == [
        step3_case.pk
    ]
    assert client_for(personas.stina).get(f"{URL}?country=VNM").context["mine"] == []


def test_country_options_are_every_country_in_the_readers_language(personas, client_for):
    from django.conf import settings

    factories.country("CIV", "Côte d'Ivoire", "Elfenbenskusten")  # no contract or site anywhere
    stina = client_for(personas.stina)
    swedish = dict(stina.get(URL).context["countries"])
    assert swedish["CIV"] == "Elfenbenskusten"
    stina.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = stina.get(f"{URL}?country=CIV")
    assert dict(response.context["countries"])["CIV"] == "Côte d'Ivoire"
    assert '<option value="CIV" selected>Côte d&#x27;Ivoire</option>' in response.content.decode()


def test_suppliers_and_auditors_never_see_the_dashboard(
    personas, overdue_case, late_action, other_case, client_for
):
    for user, target in ((personas.lisa, "/followup/portal/"), (personas.lev, "/followup/portal/")):
        response = client_for(user).get(URL + "?scope=all")
        assert response.status_code == 302 and response["Location"] == target
    response = client_for(personas.alva).get(URL)
    assert response.status_code == 302 and response["Location"] == "/followup/audits/"
    assert client_for(None).get(URL).status_code == 302


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_query_count_is_constant_as_cases_grow(personas, overdue_case, late_action, other_case, client_for):
    client = client_for(personas.stina)
    url = f"{URL}?scope=all&area=H"
    _queries(client, url)  # warm caches (content types, sessions)
    before = _queries(client, url)
    contract = overdue_case.contracts.get()
    for n in range(6):
        case = actions.start_case_from_contract(
            acting_user=personas.stina, contract=contract, lead=personas.skane
        )
        case.status = [CaseStatus.STEP2, CaseStatus.STEP1_SENT][n % 2]
        case.current_step = 2 if n % 2 == 0 else 1
        case.save()
        finding = factories.deviation(personas, case, title=f"F{n}", code_area="environment")
        factories.corrective_action(personas, finding, description="Fix", owner="CEO", deadline=_past(1))
    assert _queries(client, url) == before
    assert before <= 27  # two zero-tolerance lists and the three light queries of "my cases" included


def test_sql_traffic_light_agrees_with_the_rule(personas, contract_a):
    from kedja.followup import queries
    from kedja.followup.models import CorrectiveAction, Finding

    today = timezone.localdate()
    shapes = [
        [],  # green: no deviations
        [("open", today + timedelta(days=5), None)],  # yellow
        [("open", today - timedelta(days=1), None)],  # red: deadline passed
        [("closed", today - timedelta(days=5), today - timedelta(days=1))],  # red: closed late
        [("closed", today, today - timedelta(days=1))],  # green: closed on time
    ]
    cases = []
    for shape in shapes:
        case = actions.start_case_from_contract(
            acting_user=personas.stina, contract=contract_a, lead=personas.skane
        )
        for status, deadline, closed_on in shape:
            Finding.objects.create(
                case=case, kind="deviation", title="x", status=status, deadline=deadline, closed_on=closed_on
            )
        cases.append(case)
    late_action_case = cases[1]
    CorrectiveAction.objects.create(
        finding=late_action_case.findings.get(),
        description="a",
        owner="o",
        deadline=today - timedelta(days=2),
    )
    sql = {
        c.pk: c.light
        for c in queries.with_overview(FollowUpCase.objects.filter(pk__in=[c.pk for c in cases]))
    }
    assert [sql[c.pk] for c in cases] == [queries.compute_light(c) for c in cases]
    assert [sql[c.pk] for c in cases] == ["green", "red", "red", "red", "green"]
    sets = FollowUpCase.objects.filter(pk__in=sql).annotate(light=queries.light_expression())
    assert {c.pk: c.light for c in sets} == sql


def test_secretariat_starts_from_all_cases_and_regions_from_their_own(personas, client_for):
    sara_page = client_for(personas.sara).get(reverse("followup:dashboard"))
    assert sara_page.context["filters"].scope == "all"
    olle_page = client_for(personas.olle).get(reverse("followup:dashboard"))
    assert olle_page.context["filters"].scope == "mine"
    chosen = client_for(personas.sara).get(reverse("followup:dashboard"), {"scope": "mine"})
    assert chosen.context["filters"].scope == "mine"


def test_a_long_section_shows_its_first_rows_in_order_and_counts_them_all(personas, late_action, client_for):
    finding = late_action.finding
    for days in range(dashboard.LIST_LIMIT + 4):
        action = factories.corrective_action(
            personas, finding, description=f"Action {days}", owner="HR", deadline=timezone.localdate()
        )
        action.deadline = _past(days + 5)
        action.save(update_fields=["deadline"])
    response = client_for(personas.stina).get(URL)
    listed = response.context["actions"]
    assert response.context["actions_total"] == dashboard.LIST_LIMIT + 5
    assert len(listed) == dashboard.LIST_LIMIT
    assert [a.deadline for a in listed] == sorted(a.deadline for a in listed)
    assert listed[0].description == f"Action {dashboard.LIST_LIMIT + 3}"  # the longest overdue first
    assert response.context["zero_tolerance_total"] == 0 and response.context["zero_tolerance"] == []
