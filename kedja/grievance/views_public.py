"""The public pages: file a report, get the receipt, come back with code and secret.

No account, no JavaScript needed, the language in the URL. Nothing here reads or keeps the
client's address except protection.allow(), which keeps only a keyed, truncated hash of it.
"""

from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kedja.core.run import run_anonymous_action

from . import actions, protection, queries
from .forms import AddInformationForm, LookupForm, ReportForm
from .languages import intake_languages, is_rtl, language_links
from .models import Grievance

REPORT_FIELDS = (
    "issue",
    "description",
    "country",
    "site_name",
    "place",
    "product_or_company",
    "when",
    "affected",
)
RECEIPT_KEY = "grievance_receipt"
REPORTER_KEY = "grievance_reporter"


def intake(view):
    """Serve the page in the language of the URL, if it is one the channel is offered in."""

    @wraps(view)
    def wrapped(request: HttpRequest, lang: str, *args, **kwargs) -> HttpResponse:
        if lang not in intake_languages():
            raise Http404
        with translation.override(lang):
            request.LANGUAGE_CODE = lang
            response = view(request, lang, *args, **kwargs)
        response["Content-Language"] = lang
        return response

    return never_cache(wrapped)


def _page(request, lang: str, template: str, context: dict, status: int = 200) -> HttpResponse:
    context = {
        "lang": lang,
        "rtl": is_rtl(lang),
        "languages": language_links(),
        "url_name": request.resolver_match.url_name,
    } | context
    return render(request, f"grievance/public/{template}", context, status=status)


def _too_many(request, lang: str) -> HttpResponse:
    return _page(request, lang, "too_many.html", {}, status=429)


def start(request: HttpRequest) -> HttpResponse:
    lang = request.LANGUAGE_CODE if request.LANGUAGE_CODE in intake_languages() else "sv"
    return redirect("grievance:report", lang=lang)


@intake
def report(request: HttpRequest, lang: str) -> HttpResponse:
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not protection.allow(request, "report"):
            return _too_many(request, lang)
        if form.is_valid():
            data = form.cleaned_data
            submitted = run_anonymous_action(
                request,
                actions.submit_report,
                form=form,
                language=lang,
                contact=data["contact"],
                files=[data["attachment"]] if data["attachment"] else [],
                **{field: data[field] for field in REPORT_FIELDS},
            )
            if submitted:
                grievance, secret = submitted.result
                request.session[RECEIPT_KEY] = [grievance.receipt_code, secret]
                return redirect("grievance:receipt", lang=lang)
        form.fresh_token()
    return _page(request, lang, "report.html", {"form": form})


@intake
def receipt(request: HttpRequest, lang: str) -> HttpResponse:
    """Shown once: the code and secret leave the session as soon as they are displayed."""
    shown = request.session.pop(RECEIPT_KEY, None)
    if not shown:
        return redirect("grievance:follow", lang=lang)
    # No language links here: following one would leave the page before the code is written down.
    context = {"code": shown[0], "secret": shown[1], "languages": []}
    return _page(request, lang, "receipt.html", context)


@intake
def follow(request: HttpRequest, lang: str) -> HttpResponse:
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if not protection.allow(request, "lookup"):
            return _too_many(request, lang)
        if form.is_valid():
            grievance = queries.find_for_reporter(form.cleaned_data["code"], form.cleaned_data["secret"])
            if grievance is not None:
                request.session.cycle_key()
                # Forgotten when the browser closes: phones are often shared.
                request.session.set_expiry(0)
                request.session[REPORTER_KEY] = str(grievance.uuid)
                return redirect("grievance:reporter_view", lang=lang)
            form.add_error(None, _("The receipt code and the secret do not match. Check both and try again."))
        form.fresh_token()
    return _page(request, lang, "follow.html", {"form": form})


def _reporter_grievance(request) -> Grievance | None:
    uuid = request.session.get(REPORTER_KEY)
    return Grievance.objects.filter(uuid=uuid).first() if uuid else None


@intake
def reporter_view(request: HttpRequest, lang: str) -> HttpResponse:
    grievance = _reporter_grievance(request)
    if grievance is None:
        return redirect("grievance:follow", lang=lang)
    form = AddInformationForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not protection.allow(request, "message"):
            return _too_many(request, lang)
        if form.is_valid():
            data = form.cleaned_data
            files = [data["attachment"]] if data["attachment"] else []
            added = run_anonymous_action(
                request,
                actions.add_reporter_information,
                form=form,
                success=_("Thank you. Your information was added to the report."),
                grievance=grievance,
                text=data["text"],
                files=files,
            )
            if added:
                return redirect("grievance:reporter_view", lang=lang)
        form.fresh_token()
    context = {"grievance": grievance, "thread": grievance.messages.all(), "form": form}
    return _page(request, lang, "reporter_view.html", context)


@require_POST
@intake
def leave(request: HttpRequest, lang: str) -> HttpResponse:
    request.session.pop(REPORTER_KEY, None)
    return redirect(reverse("grievance:follow", kwargs={"lang": lang}))
