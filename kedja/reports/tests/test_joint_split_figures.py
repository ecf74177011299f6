"""The annual report sums each region's part of the year's joint cases: tasks (and done), cost
shares counted in cases and amounts in kronor; other years' cases do not count."""

from datetime import date
from decimal import Decimal

from kedja.followup import actions
from kedja.reports import annual, stats

from .conftest import YEAR


def _split(personas, case, kind, skane, stockholm):
    actions.set_cost_split(
        acting_user=personas.stina,
        case=case,
        kind=kind,
        values={personas.skane: Decimal(skane), personas.stockholm: Decimal(stockholm)},
    )


def _task(personas, case, region, *, done=False):
    task = actions.add_joint_task(
        acting_user=personas.stina, case=case, region=region, description="Audit", due_on=date(YEAR, 6, 1)
    )
    if done:
        actions.set_joint_task_done(acting_user=personas.stina, task=task, done=True)


def test_joint_split_is_summed_per_region(personas, activity):
    closed, open_case, *_rest, last_year = activity
    _split(personas, closed, "percent", 50, 50)
    _split(personas, open_case, "amount", 30000, 10000)
    _task(personas, closed, personas.stockholm, done=True)
    _task(personas, closed, personas.skane)
    _task(personas, open_case, personas.stockholm)
    last_year.participating_regions.add(personas.stockholm)
    _split(personas, last_year, "amount", 0, 99000)
    _task(personas, last_year, personas.stockholm)

    dataset = stats.joint_split_by_region(stats.Scope(year=YEAR))
    assert dataset.rows == [
        ["Region Skåne", 2, 1, 0, 0.5, 30000.0],
        ["Region Stockholm", 2, 2, 1, 0.5, 10000.0],
    ]
    own = stats.joint_split_by_region(stats.Scope(year=YEAR, region=personas.stockholm))
    assert own.rows == [["Region Stockholm", 2, 2, 1, 0.5, 10000.0]]
    report = annual.collect(YEAR)
    assert report["by_key"]["joint_region"].rows == dataset.rows


def test_no_joint_split_no_rows(personas, activity):
    assert stats.joint_split_by_region(stats.Scope(year=YEAR)).is_empty
