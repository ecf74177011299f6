"""Public pages: published summaries with traffic lights, for anyone, without login."""

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kedja.core.htmx import render_page
from kedja.core.pagination import paginate

from . import queries
from .rules import TrafficLight


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
