"""Demo grievances: one fresh report waiting for acknowledgement, and one about a known glove
factory that the handler has acknowledged, linked to the site and answered. Built through the
actions; safe to run twice (the demo loader runs it once). Each report is written in the language
its reporter chose (the channel takes reports in several); the handler writes in Swedish."""

from django.db import transaction

from kedja.contracts.models import Site
from kedja.organisations.models import User
from kedja.reference.models import Country

from . import actions
from .models import Credibility, Grievance


@transaction.atomic
def load() -> None:
    if Grievance.objects.exists():
        return
    sara = User.objects.get(email="sara@kansliet.demo")
    actions.submit_report(
        language="en",
        issue="safety",
        description="The fire exit on the second floor is locked during the night shift.",
        country=Country.objects.filter(iso3="PAK").first(),
        site_name="Surgical instruments workshop",
        place="Sialkot",
        when="Every night since March",
        affected="About 40 workers on the night shift",
    )
    grievance, _secret = actions.submit_report(
        language="sv",
        issue="forced_labour",
        description="Arbetsgivaren behåller våra pass och vi har rekryteringsskulder.",
        country=Country.objects.filter(iso3="MYS").first(),
        site_name="Ipoh Glove",
        place="Ipoh, Perak",
        affected="Migrantarbetare från Nepal",
        contact="Via fackets stödlinje",
    )
    actions.acknowledge(acting_user=sara, grievance=grievance, message="Tack, vi har tagit emot din rapport.")
    site = Site.objects.filter(legal_name__icontains="Ipoh Glove").first()
    if site is not None:
        actions.link(
            acting_user=sara, grievance=grievance, suppliers=[], contracts=[], sites=[site], categories=[]
        )
    actions.assess(
        acting_user=sara,
        grievance=grievance,
        credibility=Credibility.CREDIBLE,
        risk_issue=grievance.risk_issue,
        scale=5,
        scope_band=2,
        irremediability=4,
        vulnerable=True,
        note="Stämmer med iakttagelserna från revisionen 2024.",
    )
    actions.reply(
        acting_user=sara,
        grievance=grievance,
        text="Vi har kontaktat leverantören utan att nämna dig. Berätta gärna hur många som berörs.",
    )
