"""The demo loader builds approved analyses through the actions and is safe to run twice."""

import pytest

from kedja.organisations.models import Membership, Organisation, OrganisationKind, Role, User
from kedja.risk import demo
from kedja.risk.models import AnalysisStatus, RiskAnalysis

pytestmark = pytest.mark.django_db


def test_demo_loads_approved_analyses_idempotently(reference, risk_data):
    secretariat = Organisation.objects.get(kind=OrganisationKind.SECRETARIAT)
    sara = User.objects.create_user("sara@kansliet.demo", "x" * 12, full_name="Sara")
    Membership.objects.create(user=sara, organisation=secretariat, role=Role.SECRETARIAT_STAFF)
    demo.load()
    demo.load()
    analyses = RiskAnalysis.objects.all()
    assert analyses.count() == 3  # the prioritised categories of the small fixture
    assert all(a.status == AnalysisStatus.APPROVED and a.versions.count() == 1 for a in analyses)
    instruments = analyses.get(category__slug="surgical_instruments")
    assert instruments.items.filter(
        country__iso3="PAK", issue__code="child_labour", risk_category="critical"
    ).exists()
