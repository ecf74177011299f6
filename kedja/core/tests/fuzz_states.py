"""Objects in the states that show the forms the demo data does not reach, made before the fuzz
crawl through the actions, as the demo makes its own. Kept out of the demo: these states (a
sanction in force, an office audit left open, a division decided mid-period) would change what
every other demo-based test sees.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from kedja.contracts.models import Contract
from kedja.followup import actions
from kedja.followup.models import (
    AnswerRequest,
    FollowUpCase,
    Invitation,
    PublishedSummary,
    RequestKind,
    SummaryStatus,
)
from kedja.followup.rules import SanctionGround, SanctionKind
from kedja.followup.tasks import invitation_link
from kedja.grievance import actions as grievances
from kedja.grievance.models import Grievance, ReportedIssue
from kedja.organisations.models import Organisation, User
from kedja.plans import actions as plans
from kedja.reference.models import Category, Country
from kedja.reference.queries import current_period
from kedja.risk import actions as risk
from kedja.risk import spend_actions
from kedja.risk.models import SpendScreening
from kedja.training import actions as training
from kedja.training.models import CaseVersion, Session, VersionStatus


@dataclass
class Leads:
    """Per persona ("anonymous" for the visitor without an account): the pages to open first, as
    e-mails and bookmarks would lead there, and the forms posted again at each sign-in (page, values
    over the form's own), for what a signed-in session alone does not give: the reporter's receipt
    code and secret, a workshop's join code."""

    links: dict[str, list[str]] = field(default_factory=dict)
    sign_ins: dict[str, list[tuple[str, dict[str, str]]]] = field(default_factory=dict)

    def add(self, other: "Leads") -> None:
        for persona, links in other.links.items():
            self.links.setdefault(persona, []).extend(links)
        for persona, forms in other.sign_ins.items():
            self.sign_ins.setdefault(persona, []).extend(forms)


def _user(email: str) -> User:
    return User.objects.get(email=email)


def load() -> Leads:
    """Make the objects; return how each persona is led to them."""
    leads = _followup_and_training()
    # The screenings first: they weigh spend with the analyses of the period current when they run.
    for more in (_reporter(), _workshop_participant(), _screenings(), _new_division(), _proposals()):
        leads.add(more)
    return leads


def _followup_and_training() -> Leads:
    """An invitation to choose a password, the draft's first question, the supplier's cases with
    something to do, a published summary and the list of whom to follow up in a category: pages
    the crawl's few pages per kind would otherwise leave to the order the database lists them in."""
    sara = _user("sara@kansliet.demo")
    today = timezone.localdate()
    wound = Contract.objects.get(reference="RS-2024-0087")
    skane = Organisation.objects.get(slug="region-skane")
    # Step 2 without an office audit (the form that opens one); step 2 with one open: its
    # checklist, its conclusion and a document the supplier is asked to upload; and a third.
    cases = [
        actions.start_case_at_step2(
            acting_user=sara,
            supplier=wound.supplier,
            lead=skane,
            products=products,
            reason="Ny produkt; leverantören har redan genomgått steg 1.",
            contracts=[wound],
        )
        for products in ("Kompresser", "Sårtejp", "Plåster")
    ]
    audit = actions.open_office_audit(acting_user=sara, case=cases[1], product=cases[1].products)
    actions.request_document(
        acting_user=sara,
        audit=audit,
        description="Uppförandekod för leverantörer",
        deadline=today + timedelta(30),
    )
    # A closed case's summary the supplier may still comment on before it is published.
    actions.close_case(acting_user=sara, case=cases[2], reason="Inga avvikelser.")
    actions.prepare_summary(
        acting_user=sara, case=cases[2], text_sv="Inga avvikelser.", text_en="No deviations."
    )
    # A sanction in force, a call-off stop not yet ended: correct, withdraw, end the stop.
    gloves = FollowUpCase.objects.get(products="Nitrilhandskar")
    actions.decide_sanction(
        acting_user=sara,
        case=gloves,
        contract=gloves.contracts.first(),
        ground=SanctionGround.FAILURE_TO_HANDLE,
        kind=SanctionKind.CALL_OFF_STOP,
        ground_since=today - timedelta(days=30),
        reason="Återbetalningen av rekryteringsavgifterna är försenad.",
    )
    # Next year's national plan approved and not yet launched: the form that launches it.
    year_plan = plans.open_year_plan(acting_user=sara, year=today.year + 2)
    plans.propose(
        acting_user=sara, year_plan=year_plan, region=skane, supplier=wound.supplier, product="Förband"
    )
    plans.consolidate(acting_user=sara, year_plan=year_plan)
    plans.approve_year_plan(acting_user=sara, year_plan=year_plan)
    # A workshop running its first question (its join link, the answer form), and a case with a
    # new draft version (its questions' edit forms).
    published = CaseVersion.objects.filter(status=VersionStatus.PUBLISHED).order_by("pk")
    session = training.start_session(acting_user=sara, version=published.first())
    training.advance(acting_user=sara, session=session)
    draft = training.start_new_version(acting_user=sara, case=published.last().case)
    # The grievance handlers ask the supplier linked to a report to respond: the response form.
    reported = Grievance.objects.filter(suppliers=wound.supplier).first()
    grievances.ask_supplier(
        acting_user=sara, grievance=reported, supplier=wound.supplier, question="Hur hanteras passen?"
    )
    # The supplier's open request answered anew instead of confirmed: the answer form and its
    # documents (the demo's request asks only to confirm, and the crawl confirms it first).
    lev = _user("lev@medisupply.demo")
    waiting = AnswerRequest.objects.get(supplier=wound.supplier, status="open", kind=RequestKind.CONFIRM)
    actions.update_answer(acting_user=lev, request=waiting)
    invited = Invitation.objects.filter(created_account=True, user__password__startswith="!").first()
    published = PublishedSummary.objects.filter(status=SummaryStatus.PUBLISHED).order_by("pk").first()
    follow_up = reverse("plans:follow_up_proposals")
    return Leads(
        links={
            "sara": [
                *([urlsplit(invitation_link(invited)).path] if invited else []),
                reverse("training:question_edit", args=[draft.uuid, 1]),
                # Its withdraw form, and suppliers ranked in the wound-care contract's category.
                reverse("followup:summary_edit", args=[published.case.uuid]),
                f"{follow_up}?category={wound.category.slug}",
            ],
            "lev": [reverse("followup:portal_case", args=[case.uuid]) for case in (gloves, *cases[1:])],
        }
    )


def _reporter() -> Leads:
    """A report filed on the public channel; its reporter signs in with the receipt code and the
    secret shown once, as the follow-up page asks, and reads the own page with the answer form."""
    grievance, secret = grievances.submit_report(
        language="sv",
        issue=ReportedIssue.WAGES,
        description="Lönen betalas ut två månader för sent.",
        country=Country.objects.filter(iso3="MYS").first(),
    )
    follow = reverse("grievance:follow", args=["sv"])
    return Leads(
        links={"anonymous": [reverse("grievance:reporter_view", args=["sv"])]},
        sign_ins={"anonymous": [(follow, {"code": grievance.receipt_code, "secret": secret})]},
    )


def _workshop_participant() -> Leads:
    """The running workshop joined with its code, as a participant's phone does: the answer form."""
    session = Session.objects.filter(current_question__isnull=False).order_by("-pk").first()
    join = reverse("training:join_code", args=[session.code])
    return Leads(
        links={"anonymous": [reverse("training:play", args=[session.uuid])]},
        sign_ins={"anonymous": [(join, {"display_name": "Grupp 1"})]},
    )


def _screenings() -> Leads:
    """Two spend screenings run as the background worker would: one finished (its suppliers to
    propose for the follow-up plan), one failed with its file kept (its columns to map again)."""
    sara = _user("sara@kansliet.demo")
    wound = Contract.objects.get(reference="RS-2024-0087")
    cpv = wound.cpv_codes.order_by("code").first()
    lines = f"Leverantör;CPV-kod;Belopp\n{wound.supplier.org_number};{cpv.code};125 000\n"
    done = _screen(sara, "reskontra.csv", lines.encode(), keep_file=False)
    # The first megabyte is UTF-8, so the upload is accepted; the worker then meets a Windows-1252
    # line and fails the screening, keeping the file for another mapping.
    mixed = lines.encode() + f"{wound.supplier.org_number};{cpv.code};2\n".encode() * 50_000
    failed = _screen(sara, "blandad.csv", mixed + "Åre AB;33141420;3\n".encode("cp1252"), keep_file=True)
    return Leads(
        links={
            "sara": [
                reverse("plans:screening_proposals", args=[done.uuid]),
                reverse("risk:spend_mapping", args=[failed.uuid]),
            ]
        }
    )


def _screen(user: User, name: str, content: bytes, *, keep_file: bool) -> SpendScreening:
    item = spend_actions.start_screening(
        acting_user=user, uploaded=SimpleUploadedFile(name, content), keep_file=keep_file
    )
    # The screening is queued when the mapping's transaction commits; run it now, as the tests do.
    with TestCase.captureOnCommitCallbacks(execute=True):
        spend_actions.confirm_mapping(acting_user=user, screening=item, columns=item.columns)
    item.refresh_from_db()
    return item


def _new_division() -> Leads:
    """The steering group's new division in force from today: its categories have no action plan
    yet, so the form that creates one is shown."""
    sara = _user("sara@kansliet.demo")
    today, period = timezone.localdate(), current_period()
    plans.decide_division(
        acting_user=sara,
        name=f"{period.name} (beslut {today:%Y-%m-%d})",
        starts_on=today,
        ends_on=period.ends_on,
        decided_on=today,
        decision_text="Styrgruppen bekräftar indelningen inför planeringen.",
        based_on=period,
        changes=[],
    )
    return Leads(links={"sara": [reverse("plans:plan_create")]})


def _proposals() -> Leads:
    """A textiles analysis of the current period whose chain is mapped, with the items a slice of
    the open risk data (ILAB's goods and the CPV links to them) proposes: the form that confirms or
    rejects them."""
    call_command("load_risk_data", only=["ilab_goods", "cpv_ilab"], verbosity=0)
    stina = _user("stina@skane.demo")
    textiles = Category.objects.get(slug="laundry_textiles")
    analysis = risk.start_analysis(category=textiles, period=current_period(), acting_user=stina)
    countries = list(Country.objects.filter(iso3__in=["IND", "PAK", "CHN", "TUR"]))
    for stage in ("raw_material", "processing", "manufacturing"):
        risk.add_stage(analysis=analysis, stage=stage, countries=countries, acting_user=stina)
    risk.propose_items(analysis=analysis, acting_user=stina)
    return Leads(links={"sara": [reverse("risk:analysis_detail", args=[analysis.uuid])]})
