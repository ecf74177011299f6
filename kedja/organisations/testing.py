"""The test personas of shared/docs/architecture.md, built once per test that asks for them."""

from dataclasses import dataclass
from datetime import date

from kedja.organisations.models import (
    AreaCoordinatorship,
    AreaMembership,
    Membership,
    Organisation,
    OrganisationKind,
    ProcurementArea,
    Role,
    User,
)

PASSWORD = "kedja-test-password"


@dataclass
class Personas:
    sara: User  # secretariat staff
    olle: User  # officer, Region Stockholm, area C
    stina: User  # strategist, Region Skåne, area H, coordinator of H
    vera: User  # viewer, Region Uppsala (area B)
    lev: User  # supplier contact at supplier A
    lisa: User  # supplier contact at supplier B
    alva: User  # auditor at an audit firm
    secretariat: Organisation
    stockholm: Organisation
    skane: Organisation
    uppsala: Organisation
    supplier_a: Organisation
    supplier_b: Organisation
    audit_firm: Organisation
    area_b: ProcurementArea
    area_c: ProcurementArea
    area_h: ProcurementArea


def _area(letter: str) -> ProcurementArea:
    area, _ = ProcurementArea.objects.get_or_create(
        letter=letter,
        defaults={"name_sv": f"Upphandlingsregion {letter}", "name_en": f"Procurement region {letter}"},
    )
    return area


def _org(kind: str, name: str, slug: str, **extra) -> Organisation:
    org, _ = Organisation.objects.get_or_create(slug=slug, defaults={"kind": kind, "name": name, **extra})
    return org


def _person(email: str, name: str, org: Organisation, role: str, **extra) -> User:
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, PASSWORD, full_name=name
    )
    Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": role, **extra})
    return user


def build_personas() -> Personas:
    since = date(2020, 1, 1)
    area_b, area_c, area_h = _area("B"), _area("C"), _area("H")
    secretariat = _org(OrganisationKind.SECRETARIAT, "Regionernas kansli för hållbar upphandling", "kansliet")
    stockholm = _org(OrganisationKind.REGION, "Region Stockholm", "region-stockholm", code="SE-AB")
    skane = _org(OrganisationKind.REGION, "Region Skåne", "region-skane", code="SE-M")
    uppsala = _org(OrganisationKind.REGION, "Region Uppsala", "region-uppsala", code="SE-C")
    for area, region in ((area_c, stockholm), (area_h, skane), (area_b, uppsala)):
        AreaMembership.objects.get_or_create(area=area, organisation=region, valid_from=since)
    supplier_a = _org(OrganisationKind.SUPPLIER, "Leverantör A AB", "supplier-a", org_number="556000-0001")
    supplier_b = _org(OrganisationKind.SUPPLIER, "Leverantör B AB", "supplier-b", org_number="556000-0002")
    audit_firm = _org(
        OrganisationKind.AUDIT_FIRM, "Revisionsbyrån AB", "audit-firm", org_number="556000-0009"
    )
    stina = _person("stina@skane.test", "Stina Strateg", skane, Role.STRATEGIST)
    AreaCoordinatorship.objects.get_or_create(
        membership=Membership.objects.get(user=stina, organisation=skane), area=area_h, valid_from=since
    )
    return Personas(
        sara=_person(
            "sara@kansliet.test", "Sara Sekretariat", secretariat, Role.SECRETARIAT_STAFF, is_org_admin=True
        ),
        olle=_person("olle@stockholm.test", "Olle Officer", stockholm, Role.OFFICER),
        stina=stina,
        vera=_person("vera@uppsala.test", "Vera Viewer", uppsala, Role.VIEWER),
        lev=_person(
            "lev@supplier-a.test", "Lev Leverantör", supplier_a, Role.SUPPLIER_CONTACT, is_org_admin=True
        ),
        lisa=_person("lisa@supplier-b.test", "Lisa Leverantör", supplier_b, Role.SUPPLIER_CONTACT),
        alva=_person("alva@audit.test", "Alva Auditor", audit_firm, Role.AUDITOR),
        secretariat=secretariat,
        stockholm=stockholm,
        skane=skane,
        uppsala=uppsala,
        supplier_a=supplier_a,
        supplier_b=supplier_b,
        audit_firm=audit_firm,
        area_b=area_b,
        area_c=area_c,
        area_h=area_h,
    )
