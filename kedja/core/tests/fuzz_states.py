"""Objects in the states that show the forms the demo data does not reach, made before the fuzz
crawl through the actions, as the demo makes its own. Kept out of the demo: these states (a
sanction in force, an office audit left open) would change what every other demo-based test sees.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import timezone

from kedja.contracts.models import Contract
from kedja.followup import actions
from kedja.followup.models import AnswerRequest, FollowUpCase, Invitation, RequestKind
from kedja.followup.rules import SanctionGround, SanctionKind
from kedja.followup.tasks import invitation_link
from kedja.grievance import actions as grievances
from kedja.grievance.models import Grievance
from kedja.organisations.models import Organisation, User
from kedja.plans import actions as plans
from kedja.training import actions as training
from kedja.training.models import CaseVersion, VersionStatus


def _user(email: str) -> User:
    return User.objects.get(email=email)


def load() -> dict[str, list[str]]:
    """Make the objects; return, per persona, the links that lead to them as e-mails and bookmarks
    would (an invitation to choose a password, the draft's first question, the supplier's cases
    with something to do, which the crawl's few pages per kind would otherwise leave to chance)."""
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
    return {
        "sara": [
            *([urlsplit(invitation_link(invited)).path] if invited else []),
            reverse("training:question_edit", args=[draft.uuid, 1]),
        ],
        "lev": [reverse("followup:portal_case", args=[case.uuid]) for case in (gloves, *cases[1:])],
    }
