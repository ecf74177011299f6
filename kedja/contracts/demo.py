"""Demo suppliers, contracts and supply chains, built through the actions.

Their texts (products, roles, cost sharing) are what a Swedish region's officer or the supplier
types, so they are in Swedish; names and addresses are as the sites spell them.

Runs after `load_reference` and the organisation/user demo. Safe to run twice: suppliers are
found by slug, contacts by e-mail, contracts by reference and sites by legal name. All names,
numbers and addresses are fictional.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from kedja.contracts import actions
from kedja.contracts.actions import ContractInput, SiteInput
from kedja.contracts.models import Contract, ContractStatus, Site, SiteType
from kedja.organisations.models import Organisation, OrganisationKind, User
from kedja.reference.models import Category, Country, RequirementDocument

ACTING_USER = "sara@kansliet.demo"
TRACE_TYPES = [SiteType.FINAL_MANUFACTURING, SiteType.COMPONENT, SiteType.RAW_MATERIAL]
TRACE_3TG = [SiteType.FINAL_MANUFACTURING, SiteType.COMPONENT, SiteType.SMELTER_REFINER]


@dataclass
class S:
    """A demo site: (legal name, country, tier, type, supplies-to name, products, workers, address)."""

    name: str
    country: str
    tier: int
    type: str
    supplies_to: str = ""
    products: str = ""
    workers: int | None = None
    address: str = ""
    confidential: bool = True


@dataclass
class C:
    """A demo contract and the sites of its chain."""

    reference: str
    title: str
    category: str
    regions: list[str]
    cpv: str
    starts_on: date
    ends_on: date | None
    countries: list[str]
    sites: list[S] = field(default_factory=list)
    clause: str = "clause-2024"
    framework: bool = True
    penalty: int | None = 5000
    cap: int | None = 10
    call_off_months: int | None = 3
    reporting_days: int | None = 30
    value: int | None = None
    status: str = ContractStatus.ACTIVE
    trace_types: list[str] = field(default_factory=lambda: list(TRACE_TYPES))
    cost_sharing: str = ""


@dataclass
class Supplier:
    slug: str
    name: str
    org_number: str
    country: str
    website: str
    contacts: list[tuple[str, str, str, str]]
    contracts: list[C]


GLOVE_CHAIN = [
    S(
        "MediSupply Nordic AB, centrallager",
        "SWE",
        1,
        SiteType.DISTRIBUTION,
        "",
        "Lager och distribution",
        45,
        "Industrivägen 12, 721 30 Västerås",
        confidential=False,
    ),
    S(
        "Klang Nitrile Products Sdn Bhd",
        "MYS",
        2,
        SiteType.FINAL_MANUFACTURING,
        "MediSupply Nordic AB, centrallager",
        "Undersökningshandskar av nitril (doppning, strippning, packning)",
        2400,
        "Lot 1123, Jalan Sungai Puloh, 42100 Klang, Selangor",
    ),
    S(
        "Ipoh Glove Industries Sdn Bhd",
        "MYS",
        2,
        SiteType.FINAL_MANUFACTURING,
        "MediSupply Nordic AB, centrallager",
        "Sterila operationshandskar",
        1100,
        "Kawasan Perindustrian Menglembu, 31450 Ipoh, Perak",
    ),
    S(
        "Selangor Latex Compounding Sdn Bhd",
        "MYS",
        3,
        SiteType.COMPONENT,
        "Klang Nitrile Products Sdn Bhd",
        "Blandning av nitrillatex",
        160,
        "Shah Alam, Selangor",
    ),
    S(
        "Songkhla Rubber Cooperative",
        "THA",
        4,
        SiteType.RAW_MATERIAL,
        "Ipoh Glove Industries Sdn Bhd",
        "Naturgummilatex",
        600,
        "Hat Yai district, Songkhla",
    ),
]


def instrument_chain(maker: str, delivers_to: str) -> list[S]:
    """Sialkot's pattern: a finishing factory that puts out forging and polishing to small workshops."""
    return [
        S(
            maker,
            "PAK",
            2,
            SiteType.FINAL_MANUFACTURING,
            delivers_to,
            "Efterbehandling, passivering och packning av avdelningsinstrument",
            320,
            "Small Industrial Estate, Sialkot 51310",
        ),
        S(
            f"Ugoki forging workshop ({maker})",
            "PAK",
            3,
            SiteType.COMPONENT,
            maker,
            "Smide av ämnen till saxar och pincetter",
            18,
            "Ugoki road, Sialkot",
        ),
        S(
            f"Daska Road polishing unit ({maker})",
            "PAK",
            3,
            SiteType.COMPONENT,
            maker,
            "Slipning och polering",
            12,
            "Daska road, Sialkot",
        ),
        S(
            "Lahore Stainless Rolling Mills",
            "PAK",
            4,
            SiteType.RAW_MATERIAL,
            f"Ugoki forging workshop ({maker})",
            "Stång av rostfritt stål (AISI 410/420)",
            250,
            "Sundar Industrial Estate, Lahore",
        ),
    ]


SUPPLIERS = [
    Supplier(
        "medisupply",
        "MediSupply Nordic AB",
        "556701-2345",
        "SWE",
        "https://medisupply.example",
        [
            ("Lena Holm", "lena.holm@medisupply.example", "+46 21 480 10 20", "Hållbarhetschef"),
            (
                "Mats Ek",
                "mats.ek@medisupply.example",
                "+46 21 480 10 31",
                "Kvalitets- och regelefterlevnadschef",
            ),
        ],
        [
            C(
                "SLL-2023-0412",
                "Undersökningshandskar och operationshandskar",
                "gloves",
                ["region-stockholm", "region-uppsala"],
                "18424300 33141420",
                date(2023, 4, 1),
                date(2027, 3, 31),
                ["MYS", "THA"],
                GLOVE_CHAIN,
                value=38_000_000,
            ),
            C(
                "RS-2024-0087",
                "Sårvårdsprodukter och förband",
                "wound_care",
                ["region-skane"],
                "33141110 33141112",
                date(2024, 2, 1),
                date(2028, 1, 31),
                ["CHN", "IND"],
                [
                    GLOVE_CHAIN[0],
                    S(
                        "Jiangsu Cotton Dressings Co., Ltd.",
                        "CHN",
                        2,
                        SiteType.FINAL_MANUFACTURING,
                        "MediSupply Nordic AB, centrallager",
                        "Gasvävskompresser och absorberande förband",
                        900,
                        "Nantong, Jiangsu",
                    ),
                    S(
                        "Gujarat Cotton Spinning Mills",
                        "IND",
                        3,
                        SiteType.COMPONENT,
                        "Jiangsu Cotton Dressings Co., Ltd.",
                        "Bomullsgarn",
                        700,
                        "Ahmedabad, Gujarat",
                    ),
                ],
                penalty=10000,
                cap=8,
                value=12_500_000,
            ),
            C(
                "VGR-2024-1130",
                "Instrument för vårdavdelningar",
                "surgical_instruments",
                ["vastra-gotalandsregionen"],
                "33169000",
                date(2024, 9, 1),
                date(2026, 8, 31),
                ["PAK"],
                [
                    GLOVE_CHAIN[0],
                    *instrument_chain(
                        "Sialkot Precision Instruments (Pvt) Ltd", "MediSupply Nordic AB, centrallager"
                    ),
                ],
                framework=False,
                call_off_months=None,
                value=4_200_000,
            ),
        ],
    ),
    Supplier(
        "textilia",
        "Textilia Care AB",
        "556812-3456",
        "SWE",
        "https://textilia.example",
        [("Johanna Sjöberg", "johanna.sjoberg@textilia.example", "+46 40 620 55 00", "CSR-ansvarig")],
        [
            C(
                "RS-2022-0310",
                "Tvätt- och textilservice för sjukhus",
                "laundry_textiles",
                ["region-skane", "region-stockholm"],
                "98310000 39518000 33199000",
                date(2022, 10, 1),
                date(2028, 9, 30),
                ["SWE", "BIH", "TUR", "IND"],
                [
                    S(
                        "Textilia Care AB, tvätteri Malmö",
                        "SWE",
                        1,
                        SiteType.SERVICE_DELIVERY,
                        "",
                        "Industritvätt och hyrtextilier",
                        210,
                        "Stenyxegatan 20, 213 76 Malmö",
                        confidential=False,
                    ),
                    S(
                        "Tešanj Medical Textiles d.o.o.",
                        "BIH",
                        2,
                        SiteType.FINAL_MANUFACTURING,
                        "Textilia Care AB, tvätteri Malmö",
                        "Sömnad av patientskjortor och arbetskläder",
                        380,
                        "Industrijska zona bb, 74260 Tešanj",
                    ),
                    S(
                        "Denizli Weaving A.Ş.",
                        "TUR",
                        3,
                        SiteType.COMPONENT,
                        "Tešanj Medical Textiles d.o.o.",
                        "Vävning och färgning av polyester-bomullstyg",
                        520,
                        "Organize Sanayi Bölgesi, Denizli",
                    ),
                    S(
                        "Tiruppur Spinning Mills Pvt Ltd",
                        "IND",
                        3,
                        SiteType.COMPONENT,
                        "Denizli Weaving A.Ş.",
                        "Spinning av bomullsgarn",
                        1300,
                        "Palladam road, Tiruppur, Tamil Nadu",
                    ),
                    S(
                        "Kahramanmaraş Cotton Gin",
                        "TUR",
                        4,
                        SiteType.RAW_MATERIAL,
                        "Denizli Weaving A.Ş.",
                        "Rensning av bomull",
                        90,
                        "Kahramanmaraş",
                    ),
                ],
                framework=False,
                call_off_months=None,
                value=95_000_000,
                cost_sharing="Region Skåne och Region Stockholm delar lika på revisionskostnaderna.",
            ),
            C(
                "SLL-2019-0077",
                "Arbetskläder för vårdpersonal",
                "laundry_textiles",
                ["region-stockholm"],
                "18110000",
                date(2019, 5, 1),
                date(2023, 4, 30),
                ["BIH"],
                [],
                clause="terms-2013",
                penalty=None,
                cap=None,
                call_off_months=None,
                reporting_days=None,
                status=ContractStatus.ENDED,
            ),
        ],
    ),
    Supplier(
        "nordic-compute",
        "Nordic Compute AB",
        "556904-1122",
        "SWE",
        "https://nordiccompute.example",
        [
            (
                "Erik Lund",
                "erik.lund@nordiccompute.example",
                "+46 8 555 120 00",
                "Ansvarig för ansvarsfulla inköp",
            )
        ],
        [
            C(
                "SLL-2024-0220",
                "Bärbara datorer och skärmar",
                "it_ict",
                ["region-stockholm", "region-uppsala"],
                "30213100 30231000",
                date(2024, 6, 1),
                date(2028, 5, 31),
                ["CHN", "COD"],
                [
                    S(
                        "Nordic Compute AB, konfigurationscenter",
                        "SWE",
                        1,
                        SiteType.DISTRIBUTION,
                        "",
                        "Installation och konfiguration av bärbara datorer",
                        60,
                        "Kista Allé 4, 164 55 Kista",
                        confidential=False,
                    ),
                    S(
                        "Chongqing Notebook Assembly Co., Ltd.",
                        "CHN",
                        2,
                        SiteType.FINAL_MANUFACTURING,
                        "Nordic Compute AB, konfigurationscenter",
                        "Slutmontering av bärbara datorer",
                        12000,
                        "Xiyong Comprehensive Bonded Zone, Chongqing",
                    ),
                    S(
                        "Ganzhou Cobalt Refinery Co., Ltd.",
                        "CHN",
                        3,
                        SiteType.SMELTER_REFINER,
                        "Chongqing Notebook Assembly Co., Ltd.",
                        "Raffinering av kobolt till battericeller",
                        800,
                        "Ganzhou, Jiangxi",
                    ),
                    S(
                        "Kolwezi artisanal cobalt collection point",
                        "COD",
                        4,
                        SiteType.RAW_MATERIAL,
                        "Ganzhou Cobalt Refinery Co., Ltd.",
                        "Koboltmalm (hantverksmässig och småskalig gruvdrift)",
                        None,
                        "Kolwezi, Lualaba",
                    ),
                ],
                trace_types=TRACE_3TG,
                value=60_000_000,
            ),
        ],
    ),
    Supplier(
        "stadtjanst-norr",
        "Städtjänst Norr AB",
        "556633-9087",
        "SWE",
        "https://stadtjanstnorr.example",
        [
            (
                "Amira Hassan",
                "amira.hassan@stadtjanstnorr.example",
                "+46 18 430 22 10",
                "HR och hållbarhet",
            )
        ],
        [
            C(
                "RU-2023-0045",
                "Lokalvård Akademiska sjukhuset",
                "cleaning",
                ["region-uppsala"],
                "90911200 90919200",
                date(2023, 1, 1),
                date(2026, 12, 31),
                ["SWE"],
                [
                    S(
                        "Städtjänst Norr AB, Uppsala",
                        "SWE",
                        1,
                        SiteType.SERVICE_DELIVERY,
                        "",
                        "Sjukhusstädning, tre skift",
                        140,
                        "Sjukhusvägen, 751 85 Uppsala",
                        confidential=False,
                    ),
                    S(
                        "Rent & Fint Bemanning AB",
                        "SWE",
                        2,
                        SiteType.SERVICE_DELIVERY,
                        "Städtjänst Norr AB, Uppsala",
                        "Bemanning för helgstädning",
                        25,
                        "Kungsgatan 60, 753 21 Uppsala",
                    ),
                ],
                framework=False,
                call_off_months=None,
                penalty=3000,
                cap=12,
                value=48_000_000,
                trace_types=[SiteType.SERVICE_DELIVERY],
            ),
        ],
    ),
    Supplier(
        "nordfagel",
        "Nordfågel Livsmedel AB",
        "556455-2210",
        "SWE",
        "https://nordfagel.example",
        [("Per Sandberg", "per.sandberg@nordfagel.example", "+46 19 760 40 00", "Inköpsdirektör")],
        [
            C(
                "ROL-2024-0015",
                "Fryst kyckling till storkök",
                "food",
                ["region-orebro-lan", "region-uppsala"],
                "15112130",
                date(2024, 3, 1),
                date(2027, 2, 28),
                ["THA"],
                [
                    S(
                        "Nordfågel Livsmedel AB, Örebro",
                        "SWE",
                        1,
                        SiteType.DISTRIBUTION,
                        "",
                        "Fryslager och distribution",
                        85,
                        "Bettorpsgatan 10, 703 69 Örebro",
                        confidential=False,
                    ),
                    S(
                        "Saraburi Poultry Processing Co., Ltd.",
                        "THA",
                        2,
                        SiteType.FINAL_MANUFACTURING,
                        "Nordfågel Livsmedel AB, Örebro",
                        "Slakt, styckning och infrysning av kyckling",
                        3200,
                        "Nong Khae district, Saraburi",
                    ),
                    S(
                        "Lopburi contract broiler farms",
                        "THA",
                        3,
                        SiteType.RAW_MATERIAL,
                        "Saraburi Poultry Processing Co., Ltd.",
                        "Uppfödning av slaktkyckling (14 gårdar)",
                        420,
                        "Lopburi province",
                    ),
                ],
                penalty=5000,
                cap=10,
                value=22_000_000,
            ),
        ],
    ),
    Supplier(
        "scandi-surgical",
        "Scandinavian Surgical Supply AB",
        "556578-4433",
        "SWE",
        "https://scandisurgical.example",
        [("Sofia Karim", "sofia.karim@scandisurgical.example", "+46 31 700 80 90", "Vd")],
        [
            C(
                "VGR-2023-0871",
                "Kirurgiska instrument, flergångs",
                "surgical_instruments",
                ["vastra-gotalandsregionen", "region-halland"],
                "33169000 33162200 33141411",
                date(2023, 11, 1),
                date(2027, 10, 31),
                ["PAK", "DEU"],
                [
                    S(
                        "Scandinavian Surgical Supply AB, Mölndal",
                        "SWE",
                        1,
                        SiteType.DISTRIBUTION,
                        "",
                        "Import, kontroll och distribution",
                        22,
                        "Flöjelbergsgatan 8, 431 37 Mölndal",
                        confidential=False,
                    ),
                    *instrument_chain("Sialkot Surgico Works", "Scandinavian Surgical Supply AB, Mölndal"),
                ],
                value=9_800_000,
                reporting_days=14,
            ),
        ],
    ),
    Supplier(
        "nordic-generics",
        "Nordic Generics AB",
        "556390-7766",
        "SWE",
        "https://nordicgenerics.example",
        [("Henrik Blom", "henrik.blom@nordicgenerics.example", "+46 13 350 12 00", "Sakkunnig person (QP)")],
        [
            C(
                "ROG-2024-0102",
                "Antibiotika för slutenvården",
                "pharmaceuticals",
                ["region-ostergotland"],
                "33651100",
                date(2024, 4, 1),
                date(2026, 3, 31),
                ["IND", "CHN"],
                [
                    S(
                        "Hyderabad Formulations Pvt Ltd",
                        "IND",
                        2,
                        SiteType.FINAL_MANUFACTURING,
                        "",
                        "Tillverkning av tabletter och injektionsflaskor",
                        1500,
                        "Pashamylaram industrial area, Telangana",
                    ),
                    S(
                        "Patancheru API Synthesis Ltd",
                        "IND",
                        3,
                        SiteType.COMPONENT,
                        "Hyderabad Formulations Pvt Ltd",
                        "Aktiv substans (amoxicillin)",
                        650,
                        "Patancheru, Telangana",
                    ),
                    S(
                        "Shijiazhuang Intermediates Co., Ltd.",
                        "CHN",
                        4,
                        SiteType.COMPONENT,
                        "Patancheru API Synthesis Ltd",
                        "Intermediär 6-APA",
                        900,
                        "Shijiazhuang, Hebei",
                    ),
                ],
                framework=True,
                value=15_000_000,
                status=ContractStatus.ENDED,
            ),
            C(
                "ROG-2026-0033",
                "Antibiotika för slutenvården, förnyat avtal",
                "pharmaceuticals",
                ["region-ostergotland", "region-jonkopings-lan"],
                "33651100 33600000",
                date(2026, 4, 1),
                date(2030, 3, 31),
                ["IND"],
                [],
                value=18_000_000,
            ),
        ],
    ),
    Supplier(
        "absorbia",
        "Absorbia Hygiene AB",
        "556721-5500",
        "SWE",
        "https://absorbia.example",
        [
            (
                "Maria Virtanen",
                "maria.virtanen@absorbia.example",
                "+46 26 410 33 00",
                "Hållbarhetssamordnare",
            )
        ],
        [
            C(
                "RGX-2025-0009",
                "Inkontinensprodukter",
                "incontinence_stoma",
                ["region-gavleborg", "region-skane"],
                "33751000",
                date(2025, 1, 1),
                date(2029, 12, 31),
                ["POL", "FIN"],
                [
                    S(
                        "Absorbia Hygiene Sp. z o.o.",
                        "POL",
                        2,
                        SiteType.FINAL_MANUFACTURING,
                        "",
                        "Inkontinensprodukter för vuxna",
                        450,
                        "ul. Przemysłowa 5, Łódź",
                    ),
                    S(
                        "Kymi Fluff Pulp Oy",
                        "FIN",
                        3,
                        SiteType.COMPONENT,
                        "Absorbia Hygiene Sp. z o.o.",
                        "Fluffmassa",
                        300,
                        "Kuusankoski",
                        confidential=False,
                    ),
                ],
                value=30_000_000,
            ),
        ],
    ),
]


@transaction.atomic
def load() -> None:
    """Create the demo suppliers, contacts, contracts and sites that do not exist yet."""
    user = User.objects.get(email=ACTING_USER)
    for spec in SUPPLIERS:
        supplier = _supplier(spec, user)
        for name, email, phone, role in spec.contacts:
            if not supplier.supplier_contacts.filter(email=email).exists():
                actions.add_contact(
                    acting_user=user, supplier=supplier, name=name, email=email, phone=phone, role=role
                )
        for contract_spec in spec.contracts:
            contract = _contract(contract_spec, supplier, user)
            for site_spec in contract_spec.sites:
                _site(site_spec, contract, user)


def _supplier(spec: Supplier, user) -> Organisation:
    country = Country.objects.get(iso3=spec.country)
    supplier = Organisation.objects.filter(slug=spec.slug).first()
    values = {"name": spec.name, "country": country, "org_number": spec.org_number, "website": spec.website}
    if supplier is None:
        return actions.create_supplier(acting_user=user, slug=spec.slug, **values)
    if supplier.kind != OrganisationKind.SUPPLIER:
        raise ValueError(f"The demo supplier slug {spec.slug} belongs to an organisation of another kind.")
    return actions.update_supplier(acting_user=user, supplier=supplier, **values)


def _contract(spec: C, supplier: Organisation, user) -> Contract:
    existing = Contract.objects.filter(supplier=supplier, reference=spec.reference).first()
    if existing:
        return existing
    data = ContractInput(
        reference=spec.reference,
        title=spec.title,
        supplier=supplier,
        category=Category.objects.get(slug=spec.category),
        owning_regions=[Organisation.objects.get(slug=slug) for slug in spec.regions],
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        status=spec.status,
        clause_version=RequirementDocument.objects.get(key=spec.clause),
        cpv_codes=spec.cpv,
        is_framework_agreement=spec.framework,
        estimated_value_sek=Decimal(spec.value) if spec.value else None,
        reporting_deadline_days=spec.reporting_days,
        traceability_site_types=[str(t) for t in spec.trace_types],
        penalty_per_week_sek=Decimal(spec.penalty) if spec.penalty else None,
        penalty_cap_weeks=spec.cap,
        call_off_stop_months=spec.call_off_months if spec.framework else None,
        cost_sharing=spec.cost_sharing,
        production_countries=list(Country.objects.filter(iso3__in=spec.countries)),
    )
    return actions.create_contract(acting_user=user, data=data)


def _site(spec: S, contract: Contract, user) -> Site:
    site = Site.objects.filter(supplier=contract.supplier, legal_name=spec.name).first()
    if site is not None:
        if not site.contracts.filter(pk=contract.pk).exists():
            actions.link_site(acting_user=user, contract=contract, site=site)
        return site
    parent = Site.objects.filter(supplier=contract.supplier, legal_name=spec.supplies_to).first()
    data = SiteInput(
        legal_name=spec.name,
        address=spec.address,
        country=Country.objects.get(iso3=spec.country),
        tier=spec.tier,
        site_type=str(spec.type),
        supplies_to=parent,
        products=spec.products,
        workers=spec.workers,
        is_confidential=spec.confidential,
    )
    return actions.add_site(acting_user=user, contract=contract, data=data)
