"""Public pages: published summaries with traffic lights, for anyone, without login."""

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from kedja.core.htmx import render_page
from kedja.core.pagination import paginate

from .. import queries
from ..pdf import summary_pdf
from ..rules import TrafficLight


def public_list(request: HttpRequest) -> HttpResponse:
    qs = queries.published_summaries()
    q, light = request.GET.get("q", "").strip(), request.GET.get("light", "")
    if q:
        qs = qs.filter(
            Q(supplier_name__icontains=q) | Q(category_sv__icontains=q) | Q(category_en__icontains=q)
        )
    if light in TrafficLight.values:
        qs = qs.filter(traffic_light=light)
    context = {"page": paginate(request, qs), "q": q, "light": light, "lights": TrafficLight.choices}
    return render_page(request, "followup/public_list.html", context)


def public_detail(request: HttpRequest, uuid) -> HttpResponse:
    return render(request, "followup/public_detail.html", {"summary": queries.get_published_summary(uuid)})


def public_pdf(request: HttpRequest, uuid) -> HttpResponse:
    """The published summary as a PDF, for anyone; drafts and withdrawn summaries give a 404."""
    summary = queries.get_published_summary(uuid)
    response = HttpResponse(summary_pdf(summary), content_type="application/pdf")
    name = slugify(summary.supplier_name) or "summary"
    response["Content-Disposition"] = f'attachment; filename="kedja-{name}-{summary.closed_on or ""}.pdf"'
    return response
