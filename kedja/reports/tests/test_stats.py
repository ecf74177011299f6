"""The dashboard figures are computed from the records; every chart has its table and CSV."""

from django.urls import reverse

from kedja.reports import stats

from .conftest import YEAR


def test_national_figures(personas, activity):
    scope = stats.Scope(year=YEAR)
    data = {d.key: d for d in stats.national(scope)}
    assert data["by_step"].rows == [["Steg 1", 2, 0], ["Steg 2", 1, 1], ["Steg 3", 0, 0]]
    issues = {row[0]: row[1:] for row in data["deviations_issue"].rows}
    assert issues == {"Tvångsarbete": [1, 1], "Löner": [0, 1]}
    areas = {row[0]: row[1:] for row in data["actions_area"].rows}
    assert areas["H – Upphandlingsregion H"] == [1, 1, 1]  # open, overdue, closed
    lights = {row[0]: row[1:] for row in data["lights_category"].rows}
    assert lights["Tvätt och textilier"] == [2, 0, 1]  # green, yellow, red (one overdue action)
    regions = {row[0]: row for row in data["fulfilment_region"].rows}
    assert regions["Region Skåne"][-1] == 100  # led 3 of 3, joint audit 1 of 1
    trend = {row[0]: row[1:] for row in data["trend"].rows}
    assert trend[str(YEAR)] == [4, 1, 3, 1] and trend[str(YEAR - 1)] == [1, 1, 1, 1]


def test_each_regions_figures_count_the_deviations_and_actions_of_its_own_cases(personas, activity):
    from kedja.followup.models import CorrectiveAction, Finding, FindingKind

    counted = []
    for region in (personas.skane, personas.stockholm, personas.uppsala):
        scope = stats.Scope(year=YEAR, region=region)
        own = set(stats.cases_of(scope).values_list("pk", flat=True))
        deviations = [f for f in Finding.objects.filter(kind=FindingKind.DEVIATION) if f.case_id in own]
        actions = [a for a in CorrectiveAction.objects.select_related("finding") if a.finding.case_id in own]
        data = {d.key: d for d in stats.national(scope)}
        assert sum(row[1] + row[2] for row in data["deviations_issue"].rows) == len(deviations), region
        assert sum(sum(row[1:]) for row in data["actions_area"].rows) == len(actions), region
        trend = {row[0]: row[1:] for row in data["trend"].rows}
        assert trend[str(YEAR)][2] == len(deviations), region
        counted.append(len(deviations) + len(actions))
    assert max(counted) > 0 and min(counted) < max(counted)  # the regions' cases differ


def test_charts_are_accessible_svg(personas, activity):
    dataset = stats.lights_by_category(stats.Scope(year=YEAR))
    chart = dataset.svg()
    assert chart.startswith("<svg") and 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert "<pattern" in chart and "Tvätt och textilier" in chart
    assert "style=" not in chart


def test_dashboard_region_page_and_csv(personas, activity, client_for, django_assert_max_num_queries):
    client = client_for(personas.vera)
    response = client.get(reverse("reports:dashboard"), {"year": YEAR})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<svg") >= 6 and "<table" in body
    csv = client.get(reverse("reports:dataset_csv", args=["deviations_issue"]), {"year": YEAR})
    assert csv["Content-Type"].startswith("text/csv")
    assert "Tvångsarbete;1;1" in csv.content.decode()
    response = client.get(reverse("reports:region", args=["region-stockholm"]), {"year": YEAR})
    assert response.status_code == 200 and "Region Stockholm" in response.content.decode()
    # Two of them sum the joint cases' tasks and cost shares per region.
    with django_assert_max_num_queries(42):
        client.get(reverse("reports:dashboard"), {"year": YEAR})


def test_dashboards_are_refused_outside_the_collaboration(personas, activity, client_for):
    for user in (personas.lev, personas.alva):
        client = client_for(user)
        assert client.get(reverse("reports:dashboard")).status_code == 404
        assert client.get(reverse("reports:dataset_csv", args=["trend"])).status_code == 404
        assert client.get(reverse("reports:region", args=["region-skane"])).status_code == 404
    assert client_for(personas.sara).get(reverse("reports:region", args=["supplier-a"])).status_code == 404


def test_deviations_with_equal_counts_are_listed_by_name():
    from collections import Counter

    grouped = {
        "Tvångsarbete": Counter(closed=1, open=1),
        "Löner": Counter(closed=0, open=3),
        "Barnarbete": Counter(closed=2, open=0),
    }
    assert stats._remedied_first(grouped) == [["Löner", 0, 3], ["Barnarbete", 2, 0], ["Tvångsarbete", 1, 1]]
