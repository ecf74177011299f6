"""The numbers behind the national dashboards and the annual report, computed from the records.

Each figure is a `Dataset`: a title, a header row and rows, from which the page draws the SVG chart,
the HTML table and the CSV download — one source, three renderings. A case belongs to the year it
was planned for (`FollowUpCase.year`); a category's area is the one responsible in the period in force
on the year's last day (today while the year runs), see `Scope.period`.
"""

import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.core.exports import csv_writer
from kedja.core.i18n import in_english
from kedja.followup.models import (
    ActionStatus,
    CaseOrigin,
    CaseStatus,
    CorrectiveAction,
    CostShare,
    DeviationStatus,
    Finding,
    FindingKind,
    FollowUpCase,
    JointTask,
)
from kedja.followup.queries import light_expression
from kedja.followup.rules import TrafficLight
from kedja.organisations.models import ProcurementArea
from kedja.plans.models import ActionPlan
from kedja.plans.progress import PlanProgress, progress_of_plans, region_totals
from kedja.reference.models import Category, Country, PriorityPeriod
from kedja.reference.queries import areas_by_category, current_period

from . import queries, svg

NOT_COUNTED = (CaseStatus.DRAFT, CaseStatus.CANCELLED)
# Grievance counts below this are not shown as numbers: one or two reports could point at a reporter.
SMALLEST_COUNT_SHOWN = 3
LIGHTS = [TrafficLight.GREEN, TrafficLight.YELLOW, TrafficLight.RED]
TREND_YEARS = 5


class Suppressed(str):
    """A cell left out of the figures because too few reports lie behind it; shown as its words,
    drawn as zero, and still a value (a dataset of suppressed cells is not empty)."""


def _number(value) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


@dataclass
class Dataset:
    """One figure: rows of [label, value, …] under a header row, and how to draw it."""

    key: str
    title: str
    columns: list[str]
    rows: list[list]
    chart: str = "bar"  # "bar", "line" or "" (table only)
    chart_columns: list[int] | None = None  # which value columns the chart draws (default: all)
    styles: list[tuple[str, str]] | None = None
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.rows or not any(
            v for row in self.rows for v in row[1:] if isinstance(v, int | float | Suppressed)
        )

    def series(self) -> list[svg.Series]:
        indices = self.chart_columns or list(range(1, len(self.columns)))
        return [
            svg.Series(
                name=self.columns[i],
                values=[_number(row[i]) for row in self.rows],
                style=self.styles[n] if self.styles else None,
            )
            for n, i in enumerate(indices)
        ]

    def svg(self) -> str:
        if not self.chart or self.is_empty:
            return ""
        labels = [str(row[0]) for row in self.rows]
        draw = svg.line_chart if self.chart == "line" else svg.bar_chart
        return draw(f"chart-{self.key}", self.title, labels, self.series())

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv_writer(out)
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()


@dataclass
class Scope:
    """What a set of figures covers: a year, and optionally one region."""

    year: int
    region: object = None
    today: date = field(default_factory=timezone.localdate)

    @cached_property
    def period(self) -> PriorityPeriod | None:
        """The priority period in force on the last day the figures cover: the year's last day,
        or today while the year runs (so a period that has not started never counts)."""
        return current_period(min(date(self.year, 12, 31), self.today))

    @cached_property
    def areas(self) -> dict[int, ProcurementArea]:
        """Category id → the area responsible for it in the scope's period."""
        return areas_by_category(self.period)

    # The year's cases and deviations are each counted once, by everything their figures group or
    # filter on; each figure then sums the groups it needs. A statement per figure read the same
    # 60,000 findings three times and the cases four times (80 of 220 ms at 20,000 cases). The
    # trend's years stay in statements of their own: grouping them this finely as well cost more
    # than it saved.

    @cached_property
    def case_counts(self) -> list["CaseCount"]:
        rows = (
            cases_of(self)
            .annotate(light=light_expression())
            .values_list("current_step", "status", "origin", "category_id", "light")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return [CaseCount(*row) for row in rows]

    @cached_property
    def deviation_counts(self) -> list["DeviationCount"]:
        rows = (
            Finding.objects.filter(_in_scope(self, "case__"), kind=FindingKind.DEVIATION)
            .values_list(
                "issue__name_sv",
                "issue__name_en",
                "site_audit__site__country__iso3",
                "case__supplier__country_code",
            )
            .annotate(**_open_and_closed("status", DeviationStatus.CLOSED))
            .order_by()
        )
        return [DeviationCount(*row) for row in rows]


@dataclass(frozen=True)
class CaseCount:
    """How many of the year's cases share a step, status, origin, category and traffic light."""

    step: int
    status: str
    origin: str
    category_id: int | None
    light: str
    n: int

    @property
    def counted(self) -> bool:
        """Drafts and cancelled cases are in the count by status only."""
        return self.status not in NOT_COUNTED


@dataclass(frozen=True)
class DeviationCount:
    """How many of the year's deviations, open and closed, share an issue and countries (of the
    audited site, if any, and of the supplier)."""

    issue_sv: str | None
    issue_en: str | None
    site_country: str | None
    supplier_country: str | None
    open: int
    closed: int


def _area_label(area) -> str:
    return f"{area.letter} – {area}" if area else _("Not a national category")


def cases_of(scope: Scope):
    return FollowUpCase.objects.filter(_in_scope(scope))


def _in_scope(scope: Scope, case: str = "") -> Q:
    """The scope's cases as a condition on the case reached through `case` (e.g. "case__" for actions):
    counting findings or actions on the case they join anyway, not on `case IN (the scope's cases)`,
    spares the database a second pass over the cases (a quarter of each such count at 20,000)."""
    q = Q(**{f"{case}year": scope.year})
    if scope.region is not None:
        q &= Q(**{f"{case}pk__in": _team_case_ids(scope.region)})
    return q


def _team_case_ids(region):
    led = FollowUpCase.objects.filter(lead_organisation=region).values("pk")
    joined = FollowUpCase.participating_regions.through.objects.filter(organisation=region).values(
        "followupcase_id"
    )
    return led.union(joined)


# Follow-ups --------------------------------------------------------------------------------------


def followups_by_step(scope: Scope) -> Dataset:
    counts: dict[int, Counter] = defaultdict(Counter)
    for group in scope.case_counts:
        if group.counted:
            counts[group.step]["closed" if group.status == CaseStatus.CLOSED else "open"] += group.n
    rows = [[_("Step %(n)s") % {"n": s}, counts[s]["open"], counts[s]["closed"]] for s in (1, 2, 3)]
    return Dataset("by_step", _("Follow-ups by step"), [_("Step"), _("Open"), _("Closed")], rows)


def followups_by_status(scope: Scope) -> Dataset:
    counts: Counter = Counter()
    for group in scope.case_counts:
        counts[group.status] += group.n
    rows = [[str(label), counts[value]] for value, label in CaseStatus.choices if counts.get(value)]
    return Dataset("by_status", _("Follow-ups by status"), [_("Status"), _("Follow-ups")], rows)


def _open_and_closed(field_name: str, closed_value: str) -> dict[str, Count]:
    """Counts of rows not closed and closed, for grouping in the database."""
    closed = Q(**{field_name: closed_value})
    return {"open": Count("pk", filter=~closed), "closed": Count("pk", filter=closed)}


def _lights(scope: Scope) -> Counter:
    """(category id, light) → number of cases. The light is counted in the database by its SQL
    twin (`followup.queries.light_expression`), so the query count does not grow with the cases."""
    lights: Counter = Counter()
    for group in scope.case_counts:
        if group.counted:
            lights[group.category_id, group.light] += group.n
    return lights


def _light_dataset(key, title, first, grouped: dict[str, Counter]) -> Dataset:
    columns = [first, *(str(label) for label in TrafficLight.labels)]
    rows = [[name, *(c[light] for light in LIGHTS)] for name, c in sorted(grouped.items())]
    styles = [svg.LIGHT_COLOURS[light] for light in LIGHTS]
    return Dataset(key, title, columns, rows, styles=styles)


def lights_by_area(scope: Scope) -> Dataset:
    areas = scope.areas
    grouped: dict[str, Counter] = defaultdict(Counter)
    for (category_id, light), n in _lights(scope).items():
        grouped[_area_label(areas.get(category_id))][light] += n
    return _light_dataset("lights_area", _("Traffic lights per area"), _("Area"), grouped)


def lights_by_category(scope: Scope) -> Dataset:
    lights = _lights(scope)
    names = {c.pk: c.name for c in Category.objects.filter(pk__in={category for category, _ in lights})}
    grouped: dict[str, Counter] = defaultdict(Counter)
    for (category_id, light), n in lights.items():
        grouped[names.get(category_id) or _("No category")][light] += n
    return _light_dataset("lights_category", _("Traffic lights per category"), _("Category"), grouped)


# Deviations and corrective actions ---------------------------------------------------------------


def _remedied_first(grouped: dict[str, Counter]) -> list[list]:
    """Most deviations first; equal counts by name, not in whatever order the database grouped."""
    rows = sorted([k, c["closed"], c["open"]] for k, c in grouped.items())
    return sorted(rows, key=lambda r: -(r[1] + r[2]))


def deviations_by_issue(scope: Scope) -> Dataset:
    grouped: dict[str, Counter] = defaultdict(Counter)
    for group in scope.deviation_counts:
        label = (group.issue_en if in_english() else group.issue_sv) or _("No issue given")
        grouped[label].update(open=group.open, closed=group.closed)
    return Dataset(
        "deviations_issue",
        _("Deviations by issue"),
        [_("Issue"), _("Remedied"), _("Not yet remedied")],
        _remedied_first(grouped),
    )


def deviations_by_country(scope: Scope) -> Dataset:
    """Country of the audited site when there is one, else the supplier's country."""
    names = {c.iso3: c.name for c in Country.objects.all()}
    grouped: dict[str, Counter] = defaultdict(Counter)
    for group in scope.deviation_counts:
        iso = group.site_country or group.supplier_country
        grouped[names.get(iso, iso or _("Unknown"))].update(open=group.open, closed=group.closed)
    return Dataset(
        "deviations_country",
        _("Deviations by country"),
        [_("Country"), _("Remedied"), _("Not yet remedied")],
        _remedied_first(grouped),
    )


def corrective_actions_by_area(scope: Scope) -> Dataset:
    """The state today of the corrective actions of the year's follow-ups."""
    areas = scope.areas
    grouped: dict[str, Counter] = defaultdict(Counter)
    closed = Q(status=ActionStatus.CLOSED)
    overdue = ~closed & Q(deadline__lt=scope.today)
    actions = CorrectiveAction.objects.filter(_in_scope(scope, "case__"))
    for row in (
        actions.values("case__category_id")
        .annotate(
            closed=Count("pk", filter=closed),
            overdue=Count("pk", filter=overdue),
            open=Count("pk", filter=~closed & ~overdue),
        )
        .order_by()
    ):
        area = _area_label(areas.get(row["case__category_id"]))
        grouped[area].update(open=row["open"], overdue=row["overdue"], closed=row["closed"])
    rows = [[k, c["open"], c["overdue"], c["closed"]] for k, c in sorted(grouped.items())]
    styles = [svg.LIGHT_COLOURS["yellow"], svg.LIGHT_COLOURS["red"], svg.LIGHT_COLOURS["green"]]
    return Dataset(
        "actions_area",
        _("Corrective actions per area"),
        [_("Area"), _("Open, on time"), _("Overdue"), _("Closed")],
        rows,
        styles=styles,
    )


# Action plans ------------------------------------------------------------------------------------


def plan_progress(scope: Scope) -> list[PlanProgress]:
    if scope.period is None:
        return []
    plans = list(ActionPlan.objects.filter(period=scope.period).select_related("category", "area", "period"))
    return progress_of_plans(plans, scope.year, today=scope.today)


def plans_by_area(progress: list[PlanProgress]) -> Dataset:
    grouped: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for p in progress:
        row = grouped[_area_label(p.plan.area)]
        row[0] += p.done
        row[1] += len(p.late)
        row[2] += p.planned - p.done - len(p.late)
    rows = [[k, *v] for k, v in sorted(grouped.items())]
    styles = [svg.LIGHT_COLOURS["green"], svg.LIGHT_COLOURS["red"], svg.PALETTE[0]]
    return Dataset(
        "plans_area",
        _("Action-plan activities per area"),
        [_("Area"), _("Done"), _("Late"), _("Not yet due")],
        rows,
        styles=styles,
    )


def fulfilment_by_region(progress: list[PlanProgress], region=None) -> Dataset:
    totals = [r for r in region_totals(progress) if region is None or r.region.pk == region.pk]
    rows = [
        [
            r.region.name,
            r.actual_total,
            max(r.expected_total - r.actual_total, 0),
            r.led,
            r.joined,
            r.joint_audits,
            r.hours,
            "" if r.fulfilment is None else r.fulfilment,
        ]
        for r in totals
    ]
    columns = [
        _("Region"),
        _("Delivered of what was expected"),
        _("Still expected"),
        _("Follow-ups led"),
        _("Follow-ups taken part in"),
        _("Joint audits"),
        _("Hours"),
        _("Fulfilment (%)"),
    ]
    styles = [svg.LIGHT_COLOURS["green"], ("#9e9e9e", "hatch")]
    return Dataset(
        "fulfilment_region",
        _("Action-plan fulfilment per region"),
        columns,
        rows,
        chart_columns=[1, 2],
        styles=styles,
        note=_(
            "Follow-ups led, taken part in and joint audits, counted from the cases; capped per measure at what was expected."
        ),
    )


# Joint cases -------------------------------------------------------------------------------------


def joint_split_by_region(scope: Scope) -> Dataset:
    """Each region's part of the year's joint cases: its tasks (and how many are done) and its cost,
    as shares (half of one case and a quarter of another make 0.75 cases) and as amounts."""
    cases = cases_of(scope).exclude(status__in=NOT_COUNTED).values("pk")
    tasks = JointTask.objects.filter(case__in=cases)
    shares = CostShare.objects.filter(case__in=cases)
    if scope.region is not None:
        tasks, shares = tasks.filter(region=scope.region), shares.filter(region=scope.region)
    rows: dict[str, dict[str, object]] = defaultdict(dict)
    for row in tasks.values("region__name").annotate(
        cases=Count("case", distinct=True), tasks=Count("pk"), done=Count("pk", filter=Q(done=True))
    ):
        rows[row["region__name"]].update(row)
    for row in shares.values("region__name").annotate(
        share_cases=Count("case", distinct=True), percent=Sum("percent"), amount=Sum("amount_sek")
    ):
        rows[row["region__name"]].update(row)
    table = [
        [
            name,
            max(int(r.get("cases") or 0), int(r.get("share_cases") or 0)),
            int(r.get("tasks") or 0),
            int(r.get("done") or 0),
            round(float(r.get("percent") or 0) / 100, 2),
            float(r.get("amount") or 0),
        ]
        for name, r in sorted(rows.items())
    ]
    columns = [
        _("Region"),
        _("Joint cases with a part"),
        _("Tasks"),
        _("Tasks done"),
        _("Cost shares (in cases)"),
        _("Cost amounts (SEK)"),
    ]
    return Dataset(
        "joint_region",
        _("Joint cases: work and cost per region"),
        columns,
        table,
        chart_columns=[2, 3],
        note=_(
            "Summed over the year's joint cases. Shares in percent are counted in cases (half of one "
            "case and a quarter of another make 0.75); amounts are the kronor agreed in each case."
        ),
    )


# Trend -------------------------------------------------------------------------------------------


def trend(scope: Scope) -> Dataset:
    years = list(range(scope.year - TREND_YEARS + 1, scope.year + 1))

    counted = Q(year__in=years) & ~Q(status__in=NOT_COUNTED)
    if scope.region is not None:
        counted &= Q(pk__in=_team_case_ids(scope.region))

    # The deviations are summed from the numbers each case stores with its light (followup/lights.py),
    # in the same statement as the cases, rather than counted from every finding.
    cases = {
        row["year"]: row
        for row in FollowUpCase.objects.filter(counted)
        .values("year")
        .annotate(
            **_open_and_closed("status", CaseStatus.CLOSED),
            deviations_open=Sum("deviations_open"),
            deviations_closed=Sum("deviations_closed"),
        )
        .order_by()
    }
    started = Counter({y: row["open"] + row["closed"] for y, row in cases.items()})
    closed = Counter({y: row["closed"] for y, row in cases.items()})
    found = Counter({y: row["deviations_open"] + row["deviations_closed"] for y, row in cases.items()})
    remedied = Counter({y: row["deviations_closed"] for y, row in cases.items()})
    rows = [[str(y), started[y], closed[y], found[y], remedied[y]] for y in years]
    columns = [_("Year"), _("Follow-ups"), _("Closed"), _("Deviations found"), _("Deviations remedied")]
    return Dataset("trend", _("Trend over the years"), columns, rows, chart="line")


# Grievances -------------------------------------------------------------------------------------


def _count(n: int) -> int | Suppressed:
    if 0 < n < SMALLEST_COUNT_SHOWN:
        return Suppressed(_("fewer than %(n)s") % {"n": SMALLEST_COUNT_SHOWN})
    return n


def _median(value: float | None, behind: int) -> float | str:
    if value is None:
        return "–"
    if behind < SMALLEST_COUNT_SHOWN:
        return Suppressed(_("not shown: fewer than %(n)s reports") % {"n": SMALLEST_COUNT_SHOWN})
    return value


def _named_counts(counts: list[tuple[str, int]]) -> list[list]:
    """Groups of at least the threshold by name; the smaller ones together in one row, so no
    country, issue or category is named for one or two reports."""
    rows: list[list] = [[label, n] for label, n in counts if n >= SMALLEST_COUNT_SHOWN]
    small = sum(n for _label, n in counts if n < SMALLEST_COUNT_SHOWN)
    if small:
        rows.append([_("Others, each fewer than %(n)s") % {"n": SMALLEST_COUNT_SHOWN}, _count(small)])
    return rows


def _suppression_note() -> str:
    return _(
        "Reports received during the year, without anything the reporters wrote. Groups of fewer than %(n)s reports are not shown as numbers (the chart draws them as zero)."
    ) % {"n": SMALLEST_COUNT_SHOWN}


def _months(scope: Scope) -> list[str]:
    last = 12 if scope.year < scope.today.year else scope.today.month
    return [f"{scope.year}-{month:02d}" for month in range(1, last + 1)]


def grievances(scope: Scope) -> list[Dataset]:
    """The grievance channel's figures: counts by month, issue, country and category, and the
    times to acknowledge and to close; small groups suppressed."""
    figures = queries.grievance_statistics(scope.year)
    per_month = dict(figures.by_month)
    note = _suppression_note()
    counted = [
        (
            "grievances_month",
            _("Grievances per month"),
            _("Month"),
            [[m, _count(per_month.get(m, 0))] for m in _months(scope)],
        ),
        ("grievances_issue", _("Grievances by issue"), _("Issue"), _named_counts(figures.by_issue)),
        ("grievances_country", _("Grievances by country"), _("Country"), _named_counts(figures.by_country)),
        (
            "grievances_category",
            _("Grievances by category"),
            _("Category"),
            _named_counts(figures.by_category),
        ),
    ]
    return [
        *(Dataset(key, title, [first, _("Reports")], rows, note=note) for key, title, first, rows in counted),
        Dataset(
            "grievances_handling",
            _("Handling of grievances"),
            [_("Measure"), _("Value")],
            [
                [_("Reports received"), _count(figures.total)],
                [_("Still open"), _count(figures.open)],
                [
                    _("Median days to acknowledge"),
                    _median(figures.median_days_to_acknowledge, figures.acknowledged),
                ],
                [_("Median days to close"), _median(figures.median_days_to_close, figures.closed)],
                [_("Acknowledged after the deadline"), _count(figures.acknowledged_late)],
            ],
            chart="",
            note=note,
        ),
    ]


# Together ----------------------------------------------------------------------------------------


def key_figures(scope: Scope) -> list[tuple[str, int]]:
    """The year's headline counts, from the scope's counted cases and deviations."""
    cases = [group for group in scope.case_counts if group.counted]
    deviations = scope.deviation_counts
    remedied = sum(group.closed for group in deviations)
    return [
        (_("Follow-ups"), sum(group.n for group in cases)),
        (_("Self-assessments (step 1)"), sum(g.n for g in cases if g.origin != CaseOrigin.STEP2)),
        (_("Office audits (step 2)"), sum(g.n for g in cases if g.step >= 2)),
        (_("On-site audits (step 3)"), sum(g.n for g in cases if g.step == 3)),
        (_("Follow-ups closed"), sum(g.n for g in cases if g.status == CaseStatus.CLOSED)),
        (_("Deviations found"), sum(group.open for group in deviations) + remedied),
        (_("Deviations remedied"), remedied),
    ]


def national(scope: Scope) -> list[Dataset]:
    """Every national figure for the dashboard and the annual report, in reading order."""
    progress = plan_progress(scope)
    return [
        followups_by_step(scope),
        followups_by_status(scope),
        lights_by_area(scope),
        lights_by_category(scope),
        deviations_by_issue(scope),
        deviations_by_country(scope),
        corrective_actions_by_area(scope),
        plans_by_area(progress),
        fulfilment_by_region(progress, scope.region),
        joint_split_by_region(scope),
        trend(scope),
        # The channel is national: a report belongs to no region's team.
        *(grievances(scope) if scope.region is None else []),
    ]


def find(datasets: list[Dataset], key: str) -> Dataset | None:
    return next((d for d in datasets if d.key == key), None)
