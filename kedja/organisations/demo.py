"""Demo people and organisations: the personas of the architecture page, with real demo logins.

Runs after `load_reference`, which creates the secretariat, the 21 regions and areas A–H.
"""

from datetime import date

from django.db import transaction

from kedja.organisations.models import (
    AreaCoordinatorship,
    Membership,
    Organisation,
    OrganisationKind,
    ProcurementArea,
    Role,
    User,
)

DEMO_PASSWORD = "demo-kedja-2026"

DEMO_ORGANISATIONS = [
    # (slug, kind, name, org_number, country)
    ("medisupply", OrganisationKind.SUPPLIER, "MediSupply Nordic AB", "556701-2345", "SWE"),
    ("textilia", OrganisationKind.SUPPLIER, "Textilia Care AB", "556812-3456", "SWE"),
    ("nordic-social-audit", OrganisationKind.AUDIT_FIRM, "Nordic Social Audit AB", "559012-7788", "SWE"),
]

# (e-mail, name, organisation slug, role, org admin, what the login shows)
DEMO_USERS = [
    ("sara@kansliet.demo", "Sara Lind", "kansliet", Role.SECRETARIAT_STAFF, True, "secretariat staff"),
    (
        "olle@stockholm.demo",
        "Olle Berg",
        "region-stockholm",
        Role.OFFICER,
        False,
        "officer, Region Stockholm",
    ),
    ("stina@skane.demo", "Stina Holm", "region-skane", Role.STRATEGIST, True, "strategist, coordinator H"),
    ("vera@uppsala.demo", "Vera Ek", "region-uppsala", Role.VIEWER, False, "viewer, Region Uppsala"),
    ("lev@medisupply.demo", "Lev Andersson", "medisupply", Role.SUPPLIER_CONTACT, True, "supplier contact"),
    ("lisa@textilia.demo", "Lisa Nord", "textilia", Role.SUPPLIER_CONTACT, True, "supplier contact"),
    ("alva@auditpartner.demo", "Alva Strand", "nordic-social-audit", Role.AUDITOR, True, "auditor"),
]


@transaction.atomic
def load() -> None:
    for slug, kind, name, org_number, country in DEMO_ORGANISATIONS:
        Organisation.objects.get_or_create(
            slug=slug,
            defaults={"kind": kind, "name": name, "org_number": org_number, "country_code": country},
        )
    for email, name, org_slug, role, is_admin, _label in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
        Membership.objects.get_or_create(
            user=user,
            organisation=Organisation.objects.get(slug=org_slug),
            defaults={"role": role, "is_org_admin": is_admin},
        )
    stina = Membership.objects.get(user__email="stina@skane.demo")
    AreaCoordinatorship.objects.get_or_create(
        membership=stina, area=ProcurementArea.objects.get(letter="H"), valid_from=date(2023, 1, 1)
    )
