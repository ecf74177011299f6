"""Hand-picked content of the demo risk analyses, one per prioritised category (2023–2025).

Each analysis names the chain stages, the countries and the risks that the open data (ILAB, WGI,
HDI, the curated sector table) and the domain document point to. Scores are not written here: the
actions compute them with the method, so each item lands in the category the model gives it. Where
the model's default does not fit, the item carries an override with its reason, as a workshop would.
Texts are in Swedish, as the regions would write them.
"""

from __future__ import annotations

MIGRANTS = "migrantarbetare"
CHILDREN = "barn"
WOMEN = "kvinnor i osäkra anställningar"


def item(stage: str, iso3: str | None, issue: str, good: str = "", so: int = 3, groups: str = "", **values):
    """One curated risk item; `groups` names the vulnerable groups (and marks the item vulnerable)."""
    spec = {"stage": stage, "iso3": iso3, "issue": issue, "good": good, "scope_band": so, **values}
    if groups:
        spec.update(vulnerable=True, vulnerable_groups=groups)
    return spec


def sialkot_workshops(cpv_code: str, *, child_labour: int, ohs: int, wages: int) -> list[dict]:
    """Forging and polishing put out to Sialkot's small workshops (tier 3), with each item's scope."""
    return [
        item(
            "manufacturing",
            "PAK",
            "child_labour",
            "Surgical Instruments",
            child_labour,
            CHILDREN,
            tier=3,
            cpv_code=cpv_code,
        ),
        item("manufacturing", "PAK", "ohs", so=ohs, tier=3, cpv_code=cpv_code),
        item("manufacturing", "PAK", "wages", so=wages, tier=3, cpv_code=cpv_code),
    ]


# Items that close the chain in Sweden or the EU: warehouses, transport and deliveries.
SWEDISH_DISTRIBUTION = item("distribution", "SWE", "employment_terms", so=2)
EU_WAREHOUSES = item("distribution", "DEU", "working_hours", so=2)

CONTRIBUTING_DEADLINES = {"lead_times_compressed": True, "orders_changed_short_notice": True}

ANALYSES: dict[str, dict] = {
    "surgical_instruments": {
        "summary": (
            "Smide, slipning och polering sker till stor del i underleverantörernas verkstäder i Sialkot, "
            "Pakistan, under exportörerna i led 1. Där finns barnarbete (ILAB-listat), metalldamm och buller "
            "utan skydd och löner under minimilön. Instrument som slutbearbetas i Tyskland har ofta ämnen "
            "från samma kluster."
        ),
        "stages": {
            "processing": "Framställning av rostfritt stål",
            "manufacturing": "Smide, slipning, polering och slutkontroll",
            "distribution": "Grossister och lager",
        },
        "items": [
            *sialkot_workshops("33169000", child_labour=4, ohs=4, wages=4),
            item("manufacturing", "PAK", "freedom_of_association", so=3, tier=1, cpv_code="33169000"),
            item("manufacturing", "PAK", "working_hours", so=3, tier=1, cpv_code="33169000"),
            item("processing", "CHN", "ohs", so=3),
            item("manufacturing", "DEU", "ohs", so=2, tier=1),
            EU_WAREHOUSES,
            SWEDISH_DISTRIBUTION,
        ],
    },
    "gloves": {
        "summary": (
            "Doppning och avdragning av handskar i Malaysia och Thailand sker med migrantarbetare från Nepal, "
            "Bangladesh och Myanmar. Rekryteringsavgifter leder till skuldslaveri; ILAB listar gummihandskar "
            "från Malaysia för tvångsarbete och handskar från Kina. Naturgummi för latexhandskar tappas av "
            "småbrukare där barnarbete förekommer."
        ),
        "stages": {
            "raw_material": "Tappning av naturgummi (latexhandskar)",
            "manufacturing": "Doppning, avdragning, kontroll och packning",
            "distribution": "Lager och transport i Europa",
        },
        "items": [
            item("manufacturing", "MYS", "forced_labour", "Rubber Gloves", 5, MIGRANTS),
            item(
                "manufacturing",
                "MYS",
                "recruitment_fees",
                "Rubber Gloves",
                4,
                MIGRANTS,
                evidence=[
                    {
                        "kind": "audit_nc",
                        "source": "Region Östergötland, revisioner av handskfabriker i Malaysia 2019",
                        "dated": "2019-12-31",
                        "is_open": False,
                    }
                ],
            ),
            item("manufacturing", "MYS", "worker_housing", "Rubber Gloves", 3, MIGRANTS),
            item("manufacturing", "MYS", "working_hours", "Rubber Gloves", 4),
            item("manufacturing", "THA", "forced_labour", "Rubber Gloves", 4, MIGRANTS),
            item("manufacturing", "CHN", "forced_labour", "Gloves", 3),
            item("raw_material", "IDN", "child_labour", "Rubber", 3, CHILDREN),
            EU_WAREHOUSES,
            item("distribution", "SWE", "wages", so=2),
        ],
    },
    "general_consumables": {
        "summary": (
            "Montering av sprutor, katetrar och slangar i Malaysia, Kina och Mexiko: migrantarbetare med "
            "rekryteringsskulder, övertid och hinder mot facklig organisering. Handskar och bomull i "
            "kompresser och tops bär de ILAB-listade riskerna (se även analysen av handskar)."
        ),
        "stages": {
            "raw_material": "Bomull till kompresser och tops",
            "processing": "Plastråvara och mjukgörare",
            "manufacturing": "Montering i renrum, formsprutning",
            "distribution": "Lager i Europa och Sverige",
        },
        "items": [
            item("manufacturing", "MYS", "recruitment_fees", so=4, groups=MIGRANTS),
            item("manufacturing", "MYS", "forced_labour", so=4, groups=MIGRANTS),
            item("manufacturing", "MYS", "forced_labour", "Rubber Gloves", 4, MIGRANTS),
            item("raw_material", "CHN", "forced_labour", "Cotton", 3),
            item("manufacturing", "CHN", "working_hours", so=4),
            item("manufacturing", "CHN", "wages", so=4),
            item("manufacturing", "MEX", "freedom_of_association", so=4),
            item("manufacturing", "MEX", "working_hours", so=3),
            item("processing", "CHN", "pollution", so=4),
            item("manufacturing", "DEU", "ohs", so=2),
            item("distribution", "POL", "working_hours", so=3),
            SWEDISH_DISTRIBUTION,
        ],
    },
    "laundry_textiles": {
        "summary": (
            "Bomull från Kina (Xinjiang) och Turkmenistan odlas och skördas med statligt organiserat "
            "tvångsarbete; Uzbekistan har lämnat ILAB:s lista men bevakas. Spinnerier i Indien rekryterar "
            "unga kvinnor till bundna anställningar. Sömnad i Bosnien och Hercegovina, Turkiet och "
            "Bangladesh: en revision fann löner under existensminimum; brister i arbetsmiljö och "
            "föreningsfrihet. Tvätteritjänsten i Sverige har låg risk."
        ),
        "stages": {
            "raw_material": "Odling och skörd av bomull",
            "processing": "Spinning, vävning, färgning och efterbehandling",
            "manufacturing": "Sömnad av arbetskläder och textilier",
            "distribution": "Lager och transport",
            "service_delivery": "Industritvätt i Sverige",
        },
        "items": [
            item("raw_material", "CHN", "forced_labour", "Cotton", 5, "uigurer och andra minoriteter"),
            item("raw_material", "TKM", "forced_labour", "Cotton", 5),
            item(
                "raw_material",
                "UZB",
                "forced_labour",
                "Cotton",
                4,
                sr_override=2,
                sr_reason=(
                    "ILO:s tredjepartsövervakning fann inget systematiskt tvångsarbete i 2021 års skörd och "
                    "ILAB har tagit bort listningen; risken för enskilda fall kvarstår."
                ),
            ),
            item("processing", "IND", "forced_labour", "Thread/Yarn", 4, "unga kvinnor (Sumangali-systemet)"),
            item("processing", "TUR", "pollution", so=4),
            item(
                "manufacturing",
                "BIH",
                "wages",
                so=2,
                scale=4,
                score_reason="Revisionen fann löner under existensminimum, inte bara under minimilön.",
                status="actual",
                evidence=[
                    {
                        "kind": "audit_nc",
                        "source": "Region Skåne, platsrevision hos underleverantör i Bosnien och Hercegovina",
                        "dated": "2024-10-15",
                    }
                ],
            ),
            item("manufacturing", "BIH", "ohs", so=2),
            item("manufacturing", "TUR", "wages", so=3, groups="syriska flyktingar"),
            item("manufacturing", "BGD", "freedom_of_association", so=4, groups=WOMEN),
            item("manufacturing", "BGD", "harassment_gbv", so=3, groups=WOMEN),
            item("service_delivery", "SWE", "ohs", so=2, cpv_code="98310000"),
            item("service_delivery", "SWE", "employment_terms", so=2, cpv_code="98310000"),
            item("distribution", "SWE", "working_hours", so=2),
        ],
    },
    "it_ict": {
        "summary": (
            "Kobolt till batterier bryts hantverksmässigt i DR Kongo med barnarbete; litiumjonbatterier från "
            "Kina är ILAB-listade som härledda. Slutmontering i Kina har mycket övertid och tvångsarbete i "
            "elektroniktillverkning (ILAB). Komponenttillverkning i Malaysia bygger på migrantarbetare med "
            "rekryteringsavgifter."
        ),
        "stages": {
            "raw_material": "Brytning av kobolt och 3TG-mineraler",
            "component": "Komponenter, kretskort och batterier",
            "assembly": "Slutmontering hos kontraktstillverkare",
            "distribution": "Distribution i Europa",
            "service_delivery": "Återtag och återvinning",
        },
        "items": [
            item("raw_material", "COD", "child_labour", "Cobalt ore (heterogenite)", 5, CHILDREN),
            item("component", "CHN", "child_labour", "Lithium-Ion Batteries", 5),
            item(
                "assembly",
                "CHN",
                "forced_labour",
                "Electronics",
                4,
                "studentpraktikanter och överförda arbetare",
            ),
            item(
                "assembly",
                "CHN",
                "working_hours",
                so=5,
                involvement_answers={"lead_times_compressed": True},
            ),
            item("component", "MYS", "recruitment_fees", "Electronics", 4, MIGRANTS),
            item("component", "CHN", "freedom_of_association", so=4),
            item("service_delivery", "SWE", "ohs", so=2),
            item("distribution", "NLD", "working_hours", so=3),
            SWEDISH_DISTRIBUTION,
        ],
    },
    "food": {
        "summary": (
            "Prioriterade produkter enligt handlingsplanen: kött inklusive kyckling (Thailand: migrantarbetare, "
            "hinder mot facklig organisering), frukt och grönsaker (Spanien och Italien: exploatering av "
            "säsongsarbetare; Brasilien), kakao (Elfenbenskusten och Ghana: barnarbete), kaffe (Brasilien) och "
            "ris (Indien). Kakao, kaffe och ris är ILAB-listade i dessa länder."
        ),
        "stages": {
            "raw_material": "Odling, skörd och djuruppfödning",
            "processing": "Slakt, styckning och förädling",
            "service_delivery": "Måltidsservice i Sverige",
        },
        "items": [
            item("processing", "THA", "freedom_of_association", so=4, groups=MIGRANTS, cpv_code="15112000"),
            item("processing", "THA", "recruitment_fees", so=4, groups=MIGRANTS, cpv_code="15112000"),
            item("raw_material", "CIV", "child_labour", "Cocoa", 5, CHILDREN),
            item("raw_material", "GHA", "child_labour", "Cocoa", 5, CHILDREN),
            item("raw_material", "BRA", "forced_labour", "Coffee", 4),
            item("raw_material", "IND", "forced_labour", "Rice", 4),
            item("raw_material", "ESP", "wages", so=4, groups=MIGRANTS),
            item("raw_material", "ESP", "worker_housing", so=4, groups=MIGRANTS),
            item("raw_material", "ITA", "forced_labour", "Tomatoes", 4, MIGRANTS),
            item("raw_material", "BRA", "wages", so=4),
            item("processing", "DEU", "wages", so=4, groups="utstationerade arbetare"),
            item("service_delivery", "SWE", "wages", so=3, groups=MIGRANTS),
        ],
    },
    "cleaning": {
        "summary": (
            "Lokalvård i Sverige med underentreprenörer, nattarbete och många migrantarbetare: underbetalning, "
            "osäkra anställningar och i värsta fall arbetskraftsexploatering. Regionens egna korta "
            "ställtider och ändrade beställningar bidrar till trycket på arbetstid och lön. Palmbaserade "
            "tensider i rengöringsmedel bär en ILAB-listad risk."
        ),
        "stages": {
            "raw_material": "Palmolja till tensider",
            "manufacturing": "Tillverkning av rengöringsmedel",
            "service_delivery": "Lokalvård i regionens lokaler",
        },
        "items": [
            item(
                "service_delivery",
                "SWE",
                "wages",
                so=2,
                groups=MIGRANTS,
                cpv_code="90910000",
                involvement_answers=CONTRIBUTING_DEADLINES,
                evidence=[
                    {
                        "kind": "grievance",
                        "source": "Klagomål från fackförbund om underbetalning hos underentreprenör",
                        "dated": "2025-03-10",
                    }
                ],
            ),
            item(
                "service_delivery",
                "SWE",
                "working_hours",
                so=2,
                groups=MIGRANTS,
                cpv_code="90910000",
                involvement_answers=CONTRIBUTING_DEADLINES,
            ),
            item("service_delivery", "SWE", "forced_labour", so=2, groups=MIGRANTS, cpv_code="90910000"),
            item("service_delivery", "SWE", "harassment_gbv", so=2, groups=WOMEN, cpv_code="90910000"),
            item(
                "service_delivery",
                "SWE",
                "ohs",
                so=3,
                cpv_code="90910000",
                scale=3,
                score_reason="Belastningsskador och exponering för rengöringskemikalier, inte livshotande.",
            ),
            item("service_delivery", "SWE", "employment_terms", so=3, cpv_code="90910000"),
            item("manufacturing", "DEU", "ohs", so=2, cpv_code="39830000"),
            item("raw_material", "MYS", "forced_labour", "Palm Fruit", 4, MIGRANTS),
        ],
    },
    "pharmaceuticals": {
        "summary": (
            "Aktiva substanser (API) och intermediärer tillverkas till stor del i Indien (Hyderabad, "
            "Visakhapatnam) och Kina. Utsläpp av antibiotikarester och lösningsmedel skadar vatten och hälsa "
            "och driver antibiotikaresistens; kemisk syntes medför allvarliga arbetsmiljörisker."
        ),
        "stages": {
            "processing": "Syntes av aktiva substanser och intermediärer",
            "manufacturing": "Formulering och förpackning",
            "distribution": "Partihandel och distribution",
        },
        "items": [
            item("processing", "IND", "pollution", so=5),
            item("processing", "CHN", "pollution", so=4),
            item("processing", "IND", "ohs", so=4),
            item("processing", "CHN", "ohs", so=3),
            item("processing", "IND", "wages", so=4, groups="inhyrda kontraktsarbetare"),
            item("manufacturing", "IND", "working_hours", so=3),
            item("manufacturing", "DEU", "ohs", so=2),
            EU_WAREHOUSES,
            item("distribution", "SWE", "employment_terms", so=1),
        ],
    },
    "wound_care": {
        "summary": (
            "Gasväv och kompresser av bomull: bomull från Kina (tvångsarbete) och Indien (barnarbete) enligt "
            "ILAB; vävning och blekning i Asien med kemikalieexponering och utsläpp. Konvertering och steril "
            "packning är till stor del automatiserad."
        ),
        "stages": {
            "raw_material": "Odling av bomull",
            "processing": "Vävning, blekning och tillskärning av gasväv",
            "manufacturing": "Konvertering och steril packning",
            "distribution": "Lager i Sverige",
        },
        "items": [
            item("raw_material", "CHN", "forced_labour", "Cotton", 4),
            item("raw_material", "IND", "child_labour", "Cotton", 4, CHILDREN),
            item("processing", "CHN", "ohs", so=3, cpv_code="33141110"),
            item("processing", "IND", "pollution", so=3, cpv_code="33141110"),
            item("processing", "CHN", "wages", so=3, cpv_code="33141110"),
            item("manufacturing", "CHN", "working_hours", so=3, cpv_code="33141110"),
            item("manufacturing", "POL", "working_hours", so=3, cpv_code="33141110"),
            SWEDISH_DISTRIBUTION,
        ],
    },
    "compression": {
        "summary": (
            "Kompressionsprodukter stickas av polyamid och elastan, mest i Europa. Garn från Kina (ILAB: "
            "tvångsarbete) och naturgummitråd bär riskerna längre upp i kedjan."
        ),
        "stages": {
            "raw_material": "Naturgummi till elastisk tråd",
            "processing": "Tillverkning av polyamid- och elastangarn",
            "manufacturing": "Stickning och efterbehandling",
            "distribution": "Lager i Sverige",
        },
        "items": [
            item("processing", "CHN", "forced_labour", "Thread/Yarn", 3),
            item("processing", "CHN", "working_hours", so=3),
            item("processing", "CHN", "pollution", so=3),
            item("raw_material", "IDN", "child_labour", "Rubber", 2, CHILDREN),
            item("manufacturing", "DEU", "ohs", so=2),
            item("manufacturing", "ITA", "wages", so=2),
            item("manufacturing", "CZE", "working_hours", so=2),
            SWEDISH_DISTRIBUTION,
        ],
    },
    "dental": {
        "summary": (
            "Handinstrument för tandvård smids och poleras i samma verkstadskluster i Sialkot som kirurgiska "
            "instrument, med barnarbete och farlig arbetsmiljö. Förbrukningsmaterial tillverkas i Kina och "
            "Europa."
        ),
        "stages": {
            "manufacturing": "Smide och polering av handinstrument; förbrukningsmaterial",
            "distribution": "Lager och distribution",
        },
        "items": [
            *sialkot_workshops("33131000", child_labour=3, ohs=3, wages=2),
            item("manufacturing", "CHN", "working_hours", so=3),
            item("manufacturing", "CHN", "freedom_of_association", so=2),
            item("manufacturing", "DEU", "ohs", so=2),
            EU_WAREHOUSES,
            SWEDISH_DISTRIBUTION,
        ],
    },
    "incontinence_stoma": {
        "summary": (
            "Absorberande produkter tillverkas på automatiserade linjer i Europa. Risken ligger i råvarorna: "
            "fluffmassa från skogsbruk (markrättigheter, även samiska renbetesmarker) och eukalyptus från "
            "Brasilien, samt superabsorbenter från kemisk industri i Kina."
        ),
        "stages": {
            "raw_material": "Skogsbruk och massa",
            "processing": "Superabsorbenter och nonwoven",
            "manufacturing": "Konvertering av absorberande produkter och stomipåsar",
            "distribution": "Hemleveranser till patienter",
        },
        "items": [
            item("raw_material", "BRA", "land_rights", "Timber", 3),
            item("raw_material", "SWE", "land_rights", "Timber", 3, "samer (urfolk)"),
            item("processing", "CHN", "working_hours", so=3),
            item("manufacturing", "POL", "ohs", so=2, cpv_code="33751000"),
            item("manufacturing", "CHN", "working_hours", so=3),
            item("manufacturing", "HUN", "working_hours", so=3),
            item("distribution", "SWE", "working_hours", so=2),
        ],
    },
    "medical_technology": {
        "summary": (
            "Elektroniska delsystem, kablage och formsprutade detaljer kommer från Kina, Malaysia och Mexiko; "
            "elektronik från Kina och Malaysia är ILAB-listad för tvångsarbete och tenn från DR Kongo för "
            "barnarbete. Slutmontering sker mest i EU."
        ),
        "stages": {
            "raw_material": "Tenn till lod (3TG)",
            "component": "Elektronik, kablage och plastdetaljer",
            "manufacturing": "Tillverkning av medicintekniska produkter",
            "assembly": "Slutmontering",
            "distribution": "Distribution i Sverige",
        },
        "items": [
            item("component", "CHN", "forced_labour", "Electronics", 3),
            item(
                "raw_material",
                "COD",
                "child_labour",
                "Tin ore (cassiterite)",
                3,
                CHILDREN,
                unmapped_listed_tier=True,
            ),
            item("component", "MYS", "recruitment_fees", "Electronics", 4, MIGRANTS),
            item("component", "CHN", "working_hours", so=4),
            item("component", "MEX", "wages", so=3),
            item("manufacturing", "DEU", "ohs", so=2),
            item("assembly", "IRL", "working_hours", so=2),
            SWEDISH_DISTRIBUTION,
        ],
    },
    "medtech_imaging_function": {
        "summary": (
            "Röntgenrör och strålskydd innehåller volfram (DR Kongo ILAB-listad, spårbarhet till smältverk "
            "saknas); detektorer och elektronik kommer från Kina och Malaysia. Slutmontering i Europa och "
            "Japan."
        ),
        "stages": {
            "raw_material": "Volfram till röntgenrör",
            "component": "Detektorer, elektronik och röntgenrör",
            "assembly": "Slutmontering av utrustning",
            "distribution": "Installation och distribution",
        },
        "items": [
            item("raw_material", "COD", "child_labour", "Tungsten ore (wolframite)", 2, CHILDREN),
            item("component", "CHN", "forced_labour", "Electronics", 3),
            item("component", "MYS", "recruitment_fees", "Electronics", 3, MIGRANTS),
            item("component", "CHN", "working_hours", so=3),
            item("assembly", "DEU", "ohs", so=2),
            item("assembly", "JPN", "working_hours", so=3),
            SWEDISH_DISTRIBUTION,
        ],
    },
    "basic_medical_equipment": {
        "summary": (
            "Sängar, vagnar och enkla apparater tillverkas genom metallbearbetning och manuell montering, "
            "mycket i Kina och Taiwan (migrantarbetare). Blodtrycksmätare och termometrar innehåller "
            "elektronik från Kina (ILAB: tvångsarbete)."
        ),
        "stages": {
            "processing": "Stål och metallbearbetning",
            "component": "Elektronik till mätinstrument",
            "manufacturing": "Svetsning, lackering och montering",
            "distribution": "Lager i Sverige",
        },
        "items": [
            item("component", "CHN", "forced_labour", "Electronics", 2),
            item("manufacturing", "CHN", "ohs", so=3),
            item("processing", "CHN", "pollution", so=3),
            item("manufacturing", "CHN", "working_hours", so=4),
            item("manufacturing", "TWN", "recruitment_fees", so=3, groups=MIGRANTS),
            item("manufacturing", "POL", "ohs", so=2),
            item("manufacturing", "TWN", "working_hours", so=3, groups=MIGRANTS),
            SWEDISH_DISTRIBUTION,
        ],
    },
    "healthcare_paper_plastic": {
        "summary": (
            "Engångsartiklar av plast formsprutas i Kina, Malaysia och Vietnam med övertid och "
            "migrantarbetare. Pappersmassa kommer från nordiskt skogsbruk (samiska markrättigheter) och från "
            "flis från Vietnam, där ILAB listar barnarbete i skogsbruket."
        ),
        "stages": {
            "raw_material": "Skogsbruk och flis till massa",
            "manufacturing": "Formsprutning och konvertering av papper",
            "distribution": "Lager i Sverige",
        },
        "items": [
            item("raw_material", "VNM", "child_labour", "Timber", 2, CHILDREN),
            item("raw_material", "SWE", "land_rights", "Timber", 3, "samer (urfolk)"),
            item("manufacturing", "CHN", "forced_labour", so=3),
            item("manufacturing", "MYS", "recruitment_fees", so=4, groups=MIGRANTS),
            item("manufacturing", "CHN", "working_hours", so=4),
            item("manufacturing", "VNM", "wages", so=3),
            item("manufacturing", "POL", "working_hours", so=2),
            SWEDISH_DISTRIBUTION,
        ],
    },
    "nutrition": {
        "summary": (
            "Klinisk nutrition formuleras i reglerade anläggningar i Europa. Riskerna finns i jordbruksråvaror "
            "(socker från Brasilien: ILAB-listat för tvångsarbete; palmolja med avskogning) och i "
            "vitaminer och premixer från kemisk industri i Kina."
        ),
        "stages": {
            "raw_material": "Socker, vegetabiliska oljor och mjölkråvara",
            "processing": "Vitaminer och premixer",
            "manufacturing": "Formulering och fyllning",
            "distribution": "Hemleveranser till patienter",
        },
        "items": [
            item("raw_material", "BRA", "forced_labour", "Sugarcane", 3),
            item("raw_material", "IDN", "deforestation", "Palm Fruit", 3),
            item("processing", "CHN", "pollution", so=3),
            item("processing", "CHN", "working_hours", so=3),
            item("manufacturing", "DEU", "ohs", so=2),
            item("manufacturing", "NLD", "working_hours", so=2),
            SWEDISH_DISTRIBUTION,
        ],
    },
    "surgical_articles": {
        "summary": (
            "Operationsrockar, draperingar och kompletta set sys och packas i Kina, Vietnam och Malaysia; "
            "textilier från Kina och handskar från Malaysia i seten är ILAB-listade. Sterilisering med "
            "etylenoxid sker i Europa."
        ),
        "stages": {
            "component": "Handskar och textilier i seten",
            "manufacturing": "Tillskärning, sömnad och packning av set",
            "distribution": "Lager i Europa och Sverige",
        },
        "items": [
            item("manufacturing", "CHN", "forced_labour", "Textiles", 3),
            item("component", "MYS", "forced_labour", "Rubber Gloves", 3, MIGRANTS),
            item("manufacturing", "CHN", "freedom_of_association", so=4),
            item("manufacturing", "MYS", "recruitment_fees", so=4, groups=MIGRANTS),
            item("manufacturing", "VNM", "wages", so=3),
            item("manufacturing", "CHN", "working_hours", so=4),
            item("manufacturing", "CZE", "ohs", so=2),
            item("distribution", "POL", "working_hours", so=2),
            SWEDISH_DISTRIBUTION,
        ],
    },
    "ppe": {
        "summary": (
            "Munskydd, förkläden och skyddsrockar sys i Kina, Vietnam och Bangladesh med toppar i efterfrågan "
            "som ger extrem övertid; plagg från Kina är ILAB-listade för tvångsarbete. Nonwoven-material "
            "produceras i kemisk industri."
        ),
        "stages": {
            "processing": "Nonwoven av polypropen",
            "component": "Handskar",
            "manufacturing": "Sömnad av skyddsplagg och munskydd",
            "distribution": "Lager i Europa och Sverige",
        },
        "items": [
            item("manufacturing", "CHN", "forced_labour", "Garments", 4, "överförda arbetare från Xinjiang"),
            item("manufacturing", "CHN", "working_hours", so=5),
            item("manufacturing", "VNM", "wages", so=4),
            item("manufacturing", "BGD", "freedom_of_association", so=4, groups=WOMEN),
            item("component", "MYS", "recruitment_fees", "Rubber Gloves", 4, MIGRANTS),
            item("processing", "CHN", "ohs", so=3),
            item("manufacturing", "POL", "working_hours", so=2),
            SWEDISH_DISTRIBUTION,
        ],
    },
}
