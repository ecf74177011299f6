from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from kedja.contracts import demo as contracts_demo
from kedja.followup import demo as followup_demo
from kedja.grievance import demo as grievance_demo
from kedja.organisations import demo as organisations_demo
from kedja.organisations.models import User
from kedja.plans import demo as plans_demo
from kedja.reference import demo as reference_demo
from kedja.reports import demo as reports_demo
from kedja.risk import demo as risk_demo
from kedja.training import demo as training_demo
from kedja.watchlists import demo as watchlists_demo


class Command(BaseCommand):
    help = "Load the demo data (after load_reference). Does nothing if the demo is already loaded."

    def handle(self, *args, **options):
        if User.objects.filter(email="sara@kansliet.demo").exists():
            self.stdout.write("Demo data is already loaded.")
        else:
            with transaction.atomic():
                organisations_demo.load()
                contracts_demo.load()
                risk_demo.load()
                followup_demo.load()
                plans_demo.load()
                reports_demo.load()
                training_demo.load()
                grievance_demo.load()
                reference_demo.load()
            # After the commit above: the screening that saved suppliers and sites queued then
            # found no list loaded, so the watch list is screened once, here.
            with transaction.atomic():
                watchlists_demo.load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write(
            f"\nDemo logins at {settings.KEDJA_BASE_URL}/ (password: {organisations_demo.DEMO_PASSWORD})"
        )
        for email, name, _slug, _role, _admin, label in organisations_demo.DEMO_USERS:
            self.stdout.write(f"  {email:28} {name:16} {label}")
