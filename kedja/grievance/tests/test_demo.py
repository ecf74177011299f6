"""The demo grievances: one waiting, one acknowledged, linked to the known glove factory and answered."""

import pytest
from django.core.management import call_command

from kedja.contracts import demo as contracts_demo
from kedja.grievance import demo
from kedja.grievance.models import Grievance, GrievanceStatus
from kedja.organisations import demo as organisations_demo


@pytest.mark.django_db
def test_demo_grievances_are_built_and_loading_twice_adds_nothing():
    call_command("load_reference", verbosity=0)
    organisations_demo.load()
    contracts_demo.load()
    demo.load()
    demo.load()
    assert Grievance.objects.count() == 2
    answered = Grievance.objects.get(status=GrievanceStatus.ACKNOWLEDGED)
    assert answered.sites.filter(legal_name__icontains="Ipoh Glove").exists()
    assert answered.severity == 5 and answered.messages.count() == 2
    assert Grievance.objects.filter(status=GrievanceStatus.RECEIVED).count() == 1
