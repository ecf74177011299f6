from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kedja.core import health


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Health for load balancers: 503 when the database is unreachable (or, with ?worker=required,
    when the task worker has not been seen lately), 200 otherwise; the JSON body says which."""
    report = health.check()
    failing = not report["database"] or (
        request.GET.get("worker") == "required" and not report["worker"]["alive"]
    )
    return JsonResponse(report, status=503 if failing else 200)
