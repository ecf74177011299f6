"""What Kedja knows about each list: its publisher's format, category, licence and attribution."""

from dataclasses import dataclass

from kedja.watchlists import formats
from kedja.watchlists.models import ListCategory, ListSource

US_PUBLIC_DOMAIN = "Public domain (U.S. government work)"


@dataclass(frozen=True)
class SourceSpec:
    source: str
    category: str
    read: formats.Reader
    file_kind: str  # what the upload must be: "text" (CSV, JSON lines) or "xml"
    licence: str
    attribution_sv: str
    attribution_en: str
    source_url: str


SPECS = [
    SourceSpec(
        ListSource.OPENSANCTIONS,
        ListCategory.SANCTIONS,
        formats.read_ftm,
        "text",
        "CC BY-NC 4.0",
        "Källa: OpenSanctions (opensanctions.org), FollowTheMoney-export entities.ftm.json, CC BY-NC 4.0. "
        "Kommersiell användning kräver licens från OpenSanctions.",
        "Source: OpenSanctions (opensanctions.org), FollowTheMoney export entities.ftm.json, CC BY-NC 4.0. "
        "Commercial use requires a licence from OpenSanctions.",
        "https://www.opensanctions.org/datasets/sanctions/",
    ),
    SourceSpec(
        ListSource.OFAC_SDN,
        ListCategory.SANCTIONS,
        formats.read_ofac_sdn,
        "xml",
        US_PUBLIC_DOMAIN,
        "Källa: U.S. Department of the Treasury, Office of Foreign Assets Control, SDN-listan (sdn.xml), "
        "allmän egendom.",
        "Source: U.S. Department of the Treasury, Office of Foreign Assets Control, SDN list (sdn.xml), "
        "public domain.",
        "https://sanctionslist.ofac.treas.gov/",
    ),
    SourceSpec(
        ListSource.EU_FSF,
        ListCategory.SANCTIONS,
        formats.read_eu_fsf,
        "xml",
        "CC BY 4.0 (Commission Decision 2011/833/EU)",
        "Källa: Europeiska kommissionen, konsoliderad förteckning över finansiella sanktioner (FSF, XML), "
        "återanvändning enligt kommissionens beslut 2011/833/EU.",
        "Source: European Commission, consolidated list of financial sanctions (FSF, XML), reused under "
        "Commission Decision 2011/833/EU.",
        "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions",
    ),
    SourceSpec(
        ListSource.UN_SC,
        ListCategory.SANCTIONS,
        formats.read_un_sc,
        "xml",
        "United Nations terms of use",
        "Källa: FN:s säkerhetsråd, konsoliderad sanktionslista (XML), © Förenta nationerna, enligt FN:s "
        "användarvillkor.",
        "Source: United Nations Security Council consolidated sanctions list (XML), © United Nations, "
        "under the UN terms of use.",
        "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list",
    ),
    SourceSpec(
        ListSource.UFLPA,
        ListCategory.FORCED_LABOUR,
        formats.read_simple_csv,
        "text",
        US_PUBLIC_DOMAIN,
        "Källa: U.S. Department of Homeland Security, Forced Labor Enforcement Task Force, UFLPA Entity "
        "List, allmän egendom.",
        "Source: U.S. Department of Homeland Security, Forced Labor Enforcement Task Force, UFLPA Entity "
        "List, public domain.",
        "https://www.dhs.gov/uflpa-entity-list",
    ),
    SourceSpec(
        ListSource.CBP_WRO,
        ListCategory.FORCED_LABOUR,
        formats.read_simple_csv,
        "text",
        US_PUBLIC_DOMAIN,
        "Källa: U.S. Customs and Border Protection, Withhold Release Orders and Findings, allmän egendom.",
        "Source: U.S. Customs and Border Protection, Withhold Release Orders and Findings, public domain.",
        "https://www.cbp.gov/newsroom/stats/trade/withhold-release-orders-and-findings",
    ),
    SourceSpec(
        ListSource.SECRETARIAT,
        ListCategory.OWN,
        formats.read_simple_csv,
        "text",
        "Internal",
        "Källa: kansliets egen bevakningslista.",
        "Source: the secretariat's own watch list.",
        "",
    ),
]
SPEC_BY_SOURCE = {spec.source: spec for spec in SPECS}
