"""National dashboards, a region's own page and the annual report (request, progress, download)."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kedja.core.audit import latest_change, record_download
from kedja.core.files import attachment, stored_file_response
from kedja.core.htmx import render_page
from kedja.core.run import run_form
from kedja.organisations.queries import actor_who_may, current_area_of, regions

from . import actions, queries, stats
from .forms import ReportRequestForm

FIRST_YEAR = 2010  # the collaboration began in 2010
# A bound on how long figures are reused even without a recorded change (reference data loaded by a
# command, for instance, is not an action).
FIGURES_SECONDS = 600


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return year if FIRST_YEAR <= year <= this_year + 1 else this_year


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year + 1, this_year - 6, -1))


def _require_dashboards(request: HttpRequest):
    return actor_who_may(request.user, queries.may_see_dashboards)


def _figures(request: HttpRequest, scope: stats.Scope) -> str:
    """The key figures, charts and tables, rendered once per year, region, language and day until
    the next recorded change (see `latest_change`): the same for everyone who may see them, and
    the heaviest part of the page (every figure is counted over all the year's cases)."""
    region = scope.region.pk if scope.region is not None else ""
    key = f"reports-figures:{scope.year}:{region}:{get_language()}:{scope.today}:{latest_change()}"

    def render_figures() -> str:
        context = {
            "year": scope.year,
            "region": scope.region,
            "key_figures": stats.key_figures(scope),
            "datasets": stats.national(scope),
        }
        return render_to_string("reports/_all_figures.html", context, request=request)

    return cache.get_or_set(key, render_figures, FIGURES_SECONDS)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require_dashboards(request)
    scope = stats.Scope(year=_year(request))
    context = {
        "year": scope.year,
        "years": _years(),
        "figures": _figures(request, scope),
        "regions": regions().order_by("name"),
    }
    return render(request, "reports/dashboard.html", context)


@login_required
def dataset_csv(request: HttpRequest, key: str) -> HttpResponse:
    _require_dashboards(request)
    region = (
        queries.get_region_for_user(request.user, request.GET["region"])
        if request.GET.get("region")
        else None
    )
    dataset = stats.find(stats.national(stats.Scope(year=_year(request), region=region)), key)
    if dataset is None:
        raise Http404
    suffix = f"-{region.slug}" if region else ""
    filename = f"{key}-{_year(request)}{suffix}.csv"
    record_download(region, actor=request.user, filename=filename, export=True)
    return attachment(dataset.csv(), filename=filename)


@login_required
def region_page(request: HttpRequest, slug: str) -> HttpResponse:
    region = queries.get_region_for_user(request.user, slug)
    scope = stats.Scope(year=_year(request), region=region)
    progress = stats.plan_progress(scope)
    area = current_area_of(region)
    context = {
        "region": region,
        "area": area,
        "year": scope.year,
        "years": _years(),
        "responsible_for": [p.plan for p in progress if area and p.plan.area_id == area.pk],
        "commitments": [(p.plan, r) for p in progress for r in p.regions if r.region.pk == region.pk],
        "figures": _figures(request, scope),
    }
    return render(request, "reports/region.html", context)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    actor = _require_dashboards(request)
    form = ReportRequestForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    requested = run_form(
        request, form, actions.request_annual_report, success=_("The annual report is being generated.")
    )
    if requested:
        return redirect("reports:report_detail", uuid=requested.result.uuid)
    context = {
        "reports": queries.reports_visible_to(actor)[:50],
        "form": form,
        "may_generate": queries.may_generate(actor),
    }
    return render(request, "reports/report_list.html", context)


@login_required
def report_detail(request: HttpRequest, uuid) -> HttpResponse:
    report = queries.get_report_for_user(request.user, uuid)
    return render_page(request, "reports/report_detail.html", {"report": report})


@login_required
def report_download(request: HttpRequest, uuid, kind: str) -> FileResponse:
    report = queries.get_report_for_user(request.user, uuid)
    file = {"pdf": report.pdf, "xlsx": report.xlsx}.get(kind)
    if not file:
        raise Http404
    filename = f"kedja-annual-report-{report.year}.{kind}"
    record_download(report, actor=request.user, filename=filename, export=True)
    return stored_file_response(file, filename=filename)
