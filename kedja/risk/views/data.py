"""Pages that show what the open data says: countries (with the computed Ctx and why) and goods."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kedja.core.htmx import render_page
from kedja.core.pagination import paginate
from kedja.reference.models import Country
from kedja.risk.data import RiskData
from kedja.risk.models import DatasetKind, IlabCountryProfile, IlabGoodListing, WgiValue
from kedja.risk.queries import attributions, dataset_editions, good_slugs


def _country_names(data: RiskData) -> dict[str, str]:
    names = {
        w.iso3: w.country_name for w in WgiValue.objects.filter(edition=data.editions.get(DatasetKind.WGI))
    }
    names.update({c.iso3: c.name for c in Country.objects.all()})
    return names


def country_list(request: HttpRequest) -> HttpResponse:
    data = RiskData.current()
    names = _country_names(data)
    query = request.GET.get("q", "").strip().lower()
    rows = [
        (iso3, names.get(iso3, iso3), data.context(iso3))
        for iso3 in sorted(set(data.governance) | set(data.hdi), key=lambda code: names.get(code, code))
        if not query or query in names.get(iso3, "").lower() or query == iso3.lower()
    ]
    context = {
        "page": paginate(request, rows, per_page=50),
        "q": query,
        "attributions": attributions("wgi", "hdi"),
    }
    return render_page(request, "risk/country_list.html", context)


def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    data = RiskData.current()
    iso3 = iso3.upper()
    if iso3 not in data.governance and iso3 not in data.hdi and iso3 not in data.profiles:
        raise Http404
    editions = data.editions
    context = {
        "iso3": iso3,
        "name": _country_names(data).get(iso3, iso3),
        "wgi": WgiValue.objects.filter(edition=editions.get(DatasetKind.WGI), iso3=iso3).first(),
        "hdi": data.hdi.get(iso3),
        "hdi_range": data.hdi_range,
        "profile": IlabCountryProfile.objects.filter(
            edition=editions.get(DatasetKind.ILAB_PROFILES), iso3=iso3
        ).first(),
        "listings": IlabGoodListing.objects.filter(edition=editions.get(DatasetKind.ILAB_GOODS), iso3=iso3),
        "ctx": data.context(iso3),
        "ctx_child": data.context(iso3, child_labour_issue=True),
        "attributions": attributions("wgi", "hdi", "ilab_goods", "ilab_profiles"),
    }
    return render(request, "risk/country_detail.html", context)


def good_detail(request: HttpRequest, slug: str) -> HttpResponse:
    data = RiskData.current()
    good = good_slugs(data).get(slug)
    if good is None:
        raise Http404
    listings = IlabGoodListing.objects.filter(edition=data.editions.get(DatasetKind.ILAB_GOODS), good=good)
    context = {
        "good": good,
        "listings": listings,
        "cpv_rows": [row for row in data.cpv_goods if row.good == good],
        "attributions": attributions("ilab_goods", "cpv_ilab"),
    }
    return render(request, "risk/good_detail.html", context)


def dataset_list(request: HttpRequest) -> HttpResponse:
    """Every loaded dataset edition with its licence, attribution and hash; public, like the data pages."""
    kind = request.GET.get("kind", "")
    kind = kind if kind in DatasetKind.values else ""
    context = {"page": paginate(request, dataset_editions(kind)), "kind": kind, "kinds": DatasetKind.choices}
    return render_page(request, "risk/dataset_list.html", context)
