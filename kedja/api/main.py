"""The REST API under /api/v1/: one NinjaAPI, each app's router mounted, errors as problem details.

Routers live in each app's `api.py` and read through its `queries.py`, write through its
`actions.py`; this module only authenticates, limits the rate and shapes errors.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as RequestValidationError

from kedja.api.auth import PerCallerThrottle, SessionAuth, TokenAuth
from kedja.contracts.api import router as contracts_router
from kedja.core.api_schemas import Problem
from kedja.followup.api import router as followup_router
from kedja.organisations.api import router as organisations_router
from kedja.reference.api import router as reference_router
from kedja.risk.api import router as risk_router

api = NinjaAPI(
    title="Kedja API",
    version="1",
    description=(
        "Read and write Kedja's contracts, suppliers, follow-up cases and risk analyses. "
        "Authenticate with a personal access token (`Authorization: Bearer kedja_…`, created on "
        "the API tokens page) or, from Kedja's own pages, with the browser session. "
        "A token can see and do exactly what its owner can on the pages."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    throttle=[PerCallerThrottle(settings.KEDJA_API_RATE)],
    # Swagger UI from django-ninja's own static files: no CDN, no inline script (CSP-clean).
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
)
api.add_router("/me", organisations_router)
api.add_router("/reference", reference_router)
api.add_router("/", contracts_router)
api.add_router("/followup", followup_router)
api.add_router("/risk", risk_router)


def problem(
    request: HttpRequest,
    status: int,
    title: str,
    detail: str = "",
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    body = Problem(title=title, status=status, detail=detail, errors=errors)
    response = api.create_response(request, body.model_dump(exclude_none=True), status=status)
    response["Content-Type"] = "application/problem+json"
    return response


@api.exception_handler(Http404)
@api.exception_handler(PermissionDenied)
def not_found(request: HttpRequest, exc: Http404 | PermissionDenied) -> HttpResponse:
    # As on the pages: a forbidden object and a missing one look the same.
    return problem(request, 404, _("Not found"))


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return problem(request, 422, _("The input was not accepted"), " ".join(exc.messages), errors)


@api.exception_handler(RequestValidationError)
def malformed(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # loc is e.g. ("body", "payload", "reference"): name the field as the schema does.
        loc = [str(part) for part in error.get("loc", ())[1:]]
        field = ".".join(loc[1:] if loc[:1] in (["payload"], ["filters"]) else loc) or "__all__"
        errors.setdefault(field, []).append(error.get("msg", ""))
    return problem(request, 422, _("The input was not accepted"), "", errors)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem(request, 401, _("Authentication required"), str(exc) if exc.args else "")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return problem(request, 429, _("Too many requests"))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(request, exc.status_code, str(exc))
