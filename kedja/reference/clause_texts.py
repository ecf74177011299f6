"""Kedja's own short summaries of the code of conduct and contract-clause versions.

These are summaries written for Kedja from public descriptions of the documents (see
docs/domain-rules.md §3), not the legal texts. Where the content is not public we say so and mark
the requirement as a placeholder that the secretariat can fill in from the Requirement page.
Requirement keys are stable identifiers agreed across apps; numbers may change between
versions, keys never do.

Each requirement is a dict with: key, number, section, code_area, title/text/criterion in
Swedish and English, is_placeholder, ilo (ILO instrument codes) and corresponds_to
(keys of requirements in another document, given as "document-key:requirement-key").
"""

from datetime import date

from kedja.reference.models import ClauseLevel, CodeArea, DocumentKind, RequirementSection

OFFICIAL_TEXT_URL = "https://www.sustainabilityduediligence.com"

NOT_PUBLIC_SV = "Innehållet är inte offentligt."
NOT_PUBLIC_EN = "The content is not public."

TEN_FUNDAMENTAL = ["C029", "P029", "C105", "C087", "C098", "C138", "C182", "C100", "C111", "C155", "C187"]
EIGHT_CORE_2013 = ["C029", "C087", "C098", "C100", "C105", "C111", "C138", "C182"]


def _req(key, number, section, title_sv, title_en, text_sv, text_en, **extra) -> dict:
    return {
        "key": key,
        "number": number,
        "section": section,
        "title_sv": title_sv,
        "title_en": title_en,
        "text_sv": text_sv,
        "text_en": text_en,
        "criterion_sv": extra.get("criterion_sv", ""),
        "criterion_en": extra.get("criterion_en", ""),
        "code_area": extra.get("code_area", ""),
        "is_placeholder": extra.get("is_placeholder", False),
        "ilo": extra.get("ilo", []),
        "corresponds_to": extra.get("corresponds_to", []),
    }


def _monitoring(text_sv, text_en) -> dict:
    """The monitoring requirement (section 4) of a clause version, in that version's words."""
    return _req(
        "monitoring", "4", RequirementSection.MONITORING, "Uppföljning", "Monitoring", text_sv, text_en
    )


def _sanctions(text_sv, text_en) -> dict:
    """The deviations-and-sanctions requirement of a clause version, in that version's words."""
    return _req(
        "sanctions",
        "",
        RequirementSection.SANCTIONS,
        "Avvikelser och sanktioner",
        "Deviations and sanctions",
        text_sv,
        text_en,
    )


COC_2024 = {
    "key": "code-of-conduct-2024",
    "kind": DocumentKind.CODE_OF_CONDUCT,
    "level": "",
    "version": "2024",
    "valid_from": date(2024, 3, 1),
    "valid_to": None,
    "title_sv": "Uppförandekod för leverantörer (2024)",
    "title_en": "Supplier code of conduct (2024)",
    "summary_sv": (
        "Uppförandekoden är bilaga 1 till 2024 års kontraktsvillkor och säger vad leverantören åtar "
        "sig; villkorets process säger hur. Den bygger på FN:s Global Compact och internationella "
        "konventioner och gäller all verksamhet som har samband med det som köps. Texten här är "
        "Kedjas sammanfattning, inte den officiella texten."
    ),
    "summary_en": (
        "The code of conduct is appendix 1 of the 2024 contract clause and says what the supplier "
        "commits to; the clause's process says how. It builds on the UN Global Compact and "
        "international conventions and applies to all operations connected with what is purchased. "
        "The text here is Kedja's summary, not the official text."
    ),
    "requirements": [
        _req(
            "coc-human-rights",
            "1.1",
            RequirementSection.COMMITMENT,
            "Mänskliga rättigheter",
            "Human rights",
            "Leverantören åtar sig att respektera internationellt erkända mänskliga rättigheter: att "
            "undvika att orsaka eller bidra till negativ påverkan och att hantera den påverkan som "
            "uppstår (FN:s vägledande principer, princip 11).",
            "The supplier commits to respect internationally recognised human rights: to avoid "
            "causing or contributing to adverse impacts and to address impacts that occur (UN "
            "Guiding Principles, principle 11).",
            code_area=CodeArea.HUMAN_RIGHTS,
        ),
        _req(
            "coc-labour-rights",
            "1.2",
            RequirementSection.COMMITMENT,
            "Arbetstagares rättigheter",
            "Workers' rights",
            "Leverantören åtar sig att följa ILO:s tio grundläggande konventioner: tvångsarbete "
            "(29 med protokollet från 2014, 105), föreningsfrihet och kollektiv förhandlingsrätt "
            "(87, 98), barnarbete (138, 182), icke-diskriminering (100, 111) och en säker och hälsosam "
            "arbetsmiljö (155, 187, tillagda 2022).",
            "The supplier commits to the ten fundamental ILO conventions: forced labour (29 with its "
            "2014 Protocol, 105), freedom of association and collective bargaining (87, 98), child "
            "labour (138, 182), non-discrimination (100, 111) and a safe and healthy working "
            "environment (155, 187, added in 2022).",
            code_area=CodeArea.LABOUR_RIGHTS,
            ilo=TEN_FUNDAMENTAL,
        ),
        _req(
            "coc-environment",
            "1.3",
            RequirementSection.COMMITMENT,
            "Miljö",
            "Environment",
            "Leverantören åtar sig att förebygga och minska negativ miljöpåverkan i verksamheten och "
            "leveranskedjan, i linje med Global Compacts miljöprinciper. Detaljerna finns i den "
            "officiella texten.",
            "The supplier commits to prevent and reduce adverse environmental impact in its "
            "operations and supply chain, in line with the Global Compact's environmental "
            "principles. The details are in the official text.",
            code_area=CodeArea.ENVIRONMENT,
        ),
        _req(
            "coc-business-ethics",
            "1.4",
            RequirementSection.COMMITMENT,
            "Affärsetik och antikorruption",
            "Business ethics and anti-corruption",
            "Leverantören åtar sig att motverka korruption i alla former, även mutor och utpressning, "
            "i linje med Global Compact och FN:s konvention mot korruption.",
            "The supplier commits to work against corruption in all its forms, including bribery and "
            "extortion, in line with the Global Compact and the UN Convention against Corruption.",
            code_area=CodeArea.BUSINESS_ETHICS,
        ),
    ],
}

_PR = RequirementSection.PROCESS_REQUIREMENT
_ZT = RequirementSection.ZERO_TOLERANCE

CLAUSE_2024 = {
    "key": "clause-2024",
    "kind": DocumentKind.CONTRACT_CLAUSE,
    "level": ClauseLevel.ADVANCED_2024,
    "version": "2024",
    "valid_from": date(2024, 3, 1),
    "valid_to": None,
    "title_sv": "Särskilt kontraktsvillkor om tillbörlig aktsamhet för hållbara leveranskedjor (2024)",
    "title_en": "Special contract condition on due diligence for sustainable supply chains (2024)",
    "summary_sv": (
        "Villkoret lanserades i mars 2024 efter en revision med Adda och Upphandlingsmyndigheten. "
        "Det följer FN:s vägledande principer och OECD:s vägledning för tillbörlig aktsamhet. "
        "Avsnitt 1 är åtagandena i uppförandekoden, avsnitt 2 processkraven (2.1–2.7), avsnitt 3 "
        "rapporteringsskyldigheten och avsnitt 4 uppföljning och spårbarhet; därtill avvikelser "
        "och sanktioner. Det gäller från avtalsstart eller ett datum som köparen anger. Texterna "
        "här är Kedjas sammanfattningar."
    ),
    "summary_en": (
        "The clause was launched in March 2024 after a revision with Adda and the National Agency "
        "for Public Procurement. It follows the UN Guiding Principles and the OECD Due Diligence "
        "Guidance. Section 1 is the commitments of the code of conduct, section 2 the process "
        "requirements (2.1–2.7), section 3 the reporting obligation and section 4 monitoring and "
        "traceability, followed by deviations and sanctions. It applies from contract start or a "
        "date the buyer sets. The texts here are Kedja's summaries."
    ),
    "requirements": [
        _req(
            "pr1-policies",
            "1",
            _PR,
            "Policyer och ansvar",
            "Policies and responsibilities",
            "Policyer antagna på högsta nivå, offentliga, kommunicerade till rättighetsinnehavare och "
            "behandlade av styrelsen. Namngivet ansvar i ledningen, och ansvar hos de medarbetare vars "
            "beslut påverkar riskerna mest.",
            "Policies adopted at the highest level, public, communicated to rights-holders and "
            "considered by the board. Named responsibility in management, and responsibility for the "
            "staff whose decisions most affect the risks.",
            criterion_sv="Underskrivna och daterade policyer eller datum för styrelsens beslut; vid "
            "en branschgemensam uppförandekod en jämförelse mot åtagandena i avsnitt 1.",
            criterion_en="Signed and dated policies or the date the board adopted them; with a "
            "multi-stakeholder code, a comparison against the commitments in section 1.",
        ),
        _req(
            "pr2-identify-assess",
            "2",
            _PR,
            "Identifiera och bedöma",
            "Identify and assess",
            "a) Identifiera riskleverantörer, b) kartlägga deras leveranskedjor, c) se över riskerna "
            "regelbundet, d) samråda meningsfullt med rättighetsinnehavare eller använda trovärdiga "
            "oberoende källor, e) uppmärksamma utsatta grupper och människorätts- och miljöförsvarare, "
            "f) prioritera efter allvar och sannolikhet.",
            "a) Identify risk suppliers, b) map their supply chains, c) review the risks regularly, "
            "d) consult rights-holders meaningfully or use credible independent sources, e) attend to "
            "vulnerable groups and human-rights and environmental defenders, f) prioritise by "
            "severity and likelihood.",
        ),
        _req(
            "pr3-cause-contribute",
            "3",
            _PR,
            "Förebygga och begränsa när leverantören orsakar eller bidrar",
            "Prevent and mitigate where the supplier causes or contributes",
            "Upphöra med verksamheten som orsakar eller bidrar (även underlåtenhet), ta fram "
            "åtgärdsplaner tillsammans med berörda rättighetsinnehavare och använda inköpsmetoder som "
            "inte hindrar underleverantörer från att respektera kraven.",
            "Cease the activity that causes or contributes (omissions included), draw up action plans "
            "with the rights-holders affected, and use purchasing practices that do not keep "
            "sub-suppliers from meeting the requirements.",
        ),
        _req(
            "pr4-linked",
            "4",
            _PR,
            "Förebygga och begränsa när leverantören är kopplad",
            "Prevent and mitigate where the supplier is linked",
            "Använda sitt inflytande: bedöma riskleverantörer, ta fram åtgärdsplaner, föra vidare "
            "avsnitt 1–2 skriftligt, kräva transparens (4.3) och behålla rätten att tillfälligt "
            "stoppa leveranser och att säga upp underleverantörsavtalet vid allvarliga avvikelser som "
            "inte åtgärdas. Kopplingen bygger på samband med leverantörens verksamhet, inte på avtal.",
            "Use leverage: assess risk suppliers, draw up action plans, pass sections 1–2 on in "
            "writing, require transparency (4.3), and keep the right to suspend deliveries "
            "temporarily and to end the sub-contract for serious deviations that are not remedied. "
            "Being linked rests on a connection to the supplier's operations, not on a contract.",
        ),
        _req(
            "pr5-unknown",
            "5",
            _PR,
            "Processkrav 5 (innehållet är inte offentligt)",
            "Process requirement 5 (content not public)",
            NOT_PUBLIC_SV + " En kommentar säger att villkoret medvetet utelämnar OECD-stegen "
            "”följa upp” och ”kommunicera”, så processkrav 5 är troligen inget av dem (obekräftat). "
            "Kansliet fyller i texten när den är känd.",
            NOT_PUBLIC_EN + " A commentary says the clause deliberately leaves out the OECD steps "
            "“track” and “communicate”, so process requirement 5 is probably neither (unconfirmed). "
            "The secretariat fills in the text when it is known.",
            is_placeholder=True,
        ),
        _req(
            "pr6-grievance",
            "6",
            _PR,
            "Klagomålsmekanism",
            "Grievance mechanism",
            "Rättighetsinnehavare, deras företrädare och försvarare ska kunna lämna klagomål, och "
            "klagomålen ska hanteras.",
            "Rights-holders, their representatives and defenders can raise complaints, and the "
            "complaints are addressed.",
            criterion_sv="Instruktioner, digitala kanaler, affischer med QR-kod på egna "
            "och underleverantörers arbetsplatser, eller branschgemensamma mekanismer.",
            criterion_en="Instructions, digital channels, QR-code posters at own and sub-suppliers' "
            "sites, or multi-stakeholder mechanisms.",
        ),
        _req(
            "pr7-remediation",
            "7",
            _PR,
            "Gottgörelse",
            "Remediation",
            "Bara när leverantören orsakat eller bidragit: gottgöra de drabbade i proportion till "
            "skadan, samråda med dem om gottgörelsen och kontrollera att de är nöjda med process och "
            "resultat. Är leverantören bara kopplad finns ingen skyldighet, men den ska använda sitt "
            "inflytande på den som orsakat eller bidragit.",
            "Only where the supplier caused or contributed: restore those affected in proportion to "
            "the harm, consult them on the remedy and check that they are satisfied with process and "
            "outcome. If the supplier is only linked there is no duty, but it uses its leverage on "
            "whoever caused or contributed.",
        ),
        _req(
            "reporting",
            "3",
            RequirementSection.REPORTING,
            "Rapporteringsskyldighet",
            "Reporting obligation",
            "Har leverantören skälig anledning att tro att en nolltoleransavvikelse förekommer eller "
            "har förekommit i verksamheten eller leveranskedjan, rapporterar den fakta och vidtagna "
            "och planerade åtgärder inom det antal kalenderdagar som anges i avtalet.",
            "When the supplier has reasonable grounds to believe that a zero-tolerance deviation "
            "occurs or has occurred in its operations or supply chain, it reports the facts and the "
            "measures taken and planned within the number of calendar days set in the contract.",
        ),
        _req(
            "zt-forced-labour",
            "",
            _ZT,
            "Tvångsarbete",
            "Forced labour",
            "Standardlista, kan ändras per avtal.",
            "Default list, editable per contract.",
        ),
        _req(
            "zt-child-labour",
            "",
            _ZT,
            "Barnarbete",
            "Child labour",
            "Standardlista, kan ändras per avtal.",
            "Default list, editable per contract.",
        ),
        _req(
            "zt-life-threatening-work-environment",
            "",
            _ZT,
            "Livshotande brister i arbetsmiljön",
            "Life-threatening failures in the working environment",
            "Standardlista, kan ändras per avtal.",
            "Default list, editable per contract.",
        ),
        _req(
            "zt-serious-environmental-damage",
            "",
            _ZT,
            "Allvarlig miljöskada",
            "Serious environmental damage",
            "Standardlista, kan ändras per avtal.",
            "Default list, editable per contract.",
        ),
        _req(
            "zt-large-scale-corruption",
            "",
            _ZT,
            "Storskalig korruption",
            "Large-scale corruption",
            "Standardlista, kan ändras per avtal.",
            "Default list, editable per contract.",
        ),
        _req(
            "zt-attacks-on-defenders",
            "",
            _ZT,
            "Angrepp på människorätts- eller miljöförsvarare",
            "Attacks on human-rights or environmental defenders",
            "Standardlista, kan ändras per avtal.",
            "Default list, editable per contract.",
        ),
        _monitoring(
            "Leverantören medverkar i uppföljningen av avsnitt 1–2: dialog, självskattning, "
            "transparens i leveranskedjan och revisioner.",
            "The supplier takes part in monitoring of sections 1–2: dialogue, self-assessment, "
            "supply-chain transparency and audits.",
        ),
        _req(
            "traceability",
            "4.3",
            RequirementSection.MONITORING,
            "Spårbarhet",
            "Traceability",
            "Inom fyra veckor från en begäran (eller den tid avtalet anger) lämnar leverantören "
            "skriftligt juridiska namn och fysiska adresser för de valda typerna av "
            "produktionsställen: slutlig tillverkning; valfritt ledet före slutlig tillverkning; "
            "komponenttillverkning; smältverk och raffinaderier för 3TG, kobolt och glimmer; "
            "råvaruutvinning.",
            "Within four weeks of a request (or the time the contract sets), the supplier states in "
            "writing the legal names and physical addresses of the selected site types: final "
            "manufacturing; optionally the tier before final manufacturing; component production; "
            "smelters and refiners of 3TG, cobalt and mica; raw-material extraction.",
        ),
        _sanctions(
            "Avvikelser från avsnitt 1–2 hanteras enligt en överenskommen åtgärdsplan. Grund för "
            "sanktion är att inte rapportera (avsnitt 3), att inte medverka i uppföljningen (avsnitt "
            "4) eller att inte hantera avvikelser enligt planen. Sanktionerna är vite per påbörjad "
            "vecka upp till ett tak, avropsstopp (bara ramavtal) och uppsägning; omedelbar "
            "uppsägning när vitestaket nåtts, avropsstoppet varat ett visst antal månader eller "
            "köparen gjort en nolltoleransavvikelse sannolik. Undantag gäller troligen när en "
            "underleverantör vägrar spårbarhet eller revision (obekräftat).",
            "Deviations from sections 1–2 are handled under an agreed corrective action plan. Grounds "
            "for sanctions are failing to report (section 3), failing to take part in monitoring "
            "(section 4), or not handling deviations according to the plan. The sanctions are a "
            "penalty per started week up to a cap, a call-off stop (framework agreements only) and "
            "termination; immediate termination once the penalty cap is reached, the call-off stop "
            "has lasted a set number of months, or the buyer has made a zero-tolerance deviation "
            "probable. An exception probably applies when a sub-supplier refuses traceability or "
            "audit (unconfirmed).",
        ),
    ],
}

COC_2013 = {
    "key": "code-of-conduct-2013",
    "kind": DocumentKind.CODE_OF_CONDUCT,
    "level": "",
    "version": "2013",
    "valid_from": date(2013, 1, 1),
    "valid_to": date(2024, 2, 29),
    "title_sv": "Uppförandekod för leverantörer (äldre version)",
    "title_en": "Supplier code of conduct (older version)",
    "summary_sv": (
        "Den äldre koden användes ungefär 2013–2023 och gäller fortfarande i avtal som tecknades "
        "under den tiden. Giltighetsdatumen är ungefärliga. Texten här är Kedjas sammanfattning."
    ),
    "summary_en": (
        "The older code was used from about 2013 to 2023 and still applies in contracts signed in "
        "that time. The validity dates are approximate. The text here is Kedja's summary."
    ),
    "requirements": [
        _req(
            "coc2013-human-rights",
            "1",
            RequirementSection.COMMITMENT,
            "Mänskliga rättigheter",
            "Human rights",
            "Hänvisar till FN:s allmänna förklaring om de mänskliga rättigheterna.",
            "Refers to the UN Universal Declaration of Human Rights.",
            code_area=CodeArea.HUMAN_RIGHTS,
        ),
        _req(
            "coc2013-labour-rights",
            "2",
            RequirementSection.COMMITMENT,
            "Arbetsrätt",
            "Labour rights",
            "ILO:s åtta kärnkonventioner (29, 87, 98, 100, 105, 111, 138, 182), FN:s konvention om "
            "barnets rättigheter artikel 32 och tillverkningslandets lagar om arbetsrätt, arbetarskydd, "
            "minimilön och socialförsäkring.",
            "The eight ILO core conventions (29, 87, 98, 100, 105, 111, 138, 182), the UN Convention "
            "on the Rights of the Child article 32, and the production country's law on labour, "
            "safety, minimum wage and social insurance.",
            code_area=CodeArea.LABOUR_RIGHTS,
            ilo=EIGHT_CORE_2013,
        ),
        _req(
            "coc2013-environment",
            "3",
            RequirementSection.COMMITMENT,
            "Miljö",
            "Environment",
            "Tillverkningslandets miljölagstiftning.",
            "The production country's environmental law.",
            code_area=CodeArea.ENVIRONMENT,
        ),
        _req(
            "coc2013-anti-corruption",
            "4",
            RequirementSection.COMMITMENT,
            "Korruption",
            "Corruption",
            "FN:s konvention mot korruption.",
            "The UN Convention against Corruption.",
            code_area=CodeArea.BUSINESS_ETHICS,
        ),
    ],
}

_RR = RequirementSection.ROUTINE_REQUIREMENT
_ROUTINE_NOTE_SV = " (Kedjas sammanfattning av bedömningskriteriet.)"
_ROUTINE_NOTE_EN = " (Kedja's summary of the assessment criterion.)"

TERMS_2013 = {
    "key": "terms-2013",
    "kind": DocumentKind.CONTRACT_CLAUSE,
    "level": ClauseLevel.OLD_SIX_ROUTINES,
    "version": "2013",
    "valid_from": date(2013, 1, 1),
    "valid_to": date(2024, 2, 29),
    "title_sv": "Äldre avtalsvillkor med sex rutinkrav",
    "title_en": "Older contract terms with six routine requirements",
    "summary_sv": (
        "De äldre villkoren (ungefär 2013–2023) hade sex rutinkrav med vägledning och "
        "bedömningskriterium. Numreringen följer regionernas; Upphandlingsmyndigheten numrerar samma "
        "innehåll 1 policy, 2 vidareförande, 3 internt ansvar, 4 riskanalys, 5 uppföljning, 6 "
        "avvikelsehantering. Att en risk identifieras är inte i sig en avvikelse. Avtal med de äldre "
        "villkoren löper i flera år bredvid nya, därför hänvisar Kedja till kraven med fasta nycklar."
    ),
    "summary_en": (
        "The older terms (about 2013–2023) had six routine requirements with guidance and an "
        "assessment criterion. Numbering follows the regions'; the National Agency for Public "
        "Procurement numbers the same content 1 policy, 2 passing on, 3 internal responsibility, 4 "
        "risk analysis, 5 follow-up, 6 deviation handling. Identifying a risk is not in itself a "
        "deviation. Contracts on the older terms run for years beside new ones, so Kedja refers to "
        "requirements by stable keys."
    ),
    "requirements": [
        _req(
            "r1-policy",
            "1",
            _RR,
            "Policy",
            "Policy commitment",
            "Leverantören har en policy där den åtar sig att följa uppförandekoden.",
            "The supplier has a policy in which it commits to follow the code of conduct.",
            criterion_sv="En antagen och daterad policy som täcker kodens områden." + _ROUTINE_NOTE_SV,
            criterion_en="An adopted, dated policy covering the areas of the code." + _ROUTINE_NOTE_EN,
            corresponds_to=["clause-2024:pr1-policies"],
        ),
        _req(
            "r2-responsibility",
            "2",
            _RR,
            "Ansvarsfördelning",
            "Division of responsibility",
            "Leverantören har fördelat ansvaret för att kraven följs inom organisationen.",
            "The supplier has assigned responsibility for meeting the requirements within its organisation.",
            criterion_sv="Namngivna ansvariga och en beskriven ansvarsfördelning." + _ROUTINE_NOTE_SV,
            criterion_en="Named responsible people and a described division of responsibility."
            + _ROUTINE_NOTE_EN,
            corresponds_to=["clause-2024:pr1-policies"],
        ),
        _req(
            "r3-risk-analysis",
            "3",
            _RR,
            "Riskanalys",
            "Risk analysis",
            "Leverantören analyserar risken för brott mot uppförandekoden i leveranskedjan.",
            "The supplier analyses the risk of breaches of the code of conduct in its supply chain.",
            criterion_sv="En dokumenterad riskanalys som visar vilka led och länder som granskats."
            + _ROUTINE_NOTE_SV,
            criterion_en="A documented risk analysis showing which tiers and countries were covered."
            + _ROUTINE_NOTE_EN,
            corresponds_to=["clause-2024:pr2-identify-assess"],
        ),
        _req(
            "r4-passing-on",
            "4",
            _RR,
            "Vidareförande av krav",
            "Passing requirements on",
            "Leverantören för vidare kraven i uppförandekoden till sina underleverantörer.",
            "The supplier passes the requirements of the code of conduct on to its sub-suppliers.",
            criterion_sv="Skriftliga åtaganden eller avtal med underleverantörer." + _ROUTINE_NOTE_SV,
            criterion_en="Written commitments or contracts with sub-suppliers." + _ROUTINE_NOTE_EN,
            corresponds_to=["clause-2024:pr4-linked"],
        ),
        _req(
            "r5-follow-up",
            "5",
            _RR,
            "Uppföljning",
            "Follow-up",
            "Leverantören följer upp att underleverantörerna uppfyller kraven.",
            "The supplier follows up that its sub-suppliers meet the requirements.",
            criterion_sv="En plan för uppföljning och resultat av genomförd uppföljning." + _ROUTINE_NOTE_SV,
            criterion_en="A follow-up plan and the results of follow-up carried out." + _ROUTINE_NOTE_EN,
            corresponds_to=["clause-2024:pr4-linked"],
        ),
        _req(
            "r6-deviations",
            "6",
            _RR,
            "Avvikelsehantering",
            "Deviation handling",
            "Leverantören har rutiner för att hantera avvikelser från kraven.",
            "The supplier has routines for handling deviations from the requirements.",
            criterion_sv="En beskriven rutin och exempel på hanterade avvikelser med åtgärder."
            + _ROUTINE_NOTE_SV,
            criterion_en="A described routine and examples of deviations handled with corrective "
            "actions." + _ROUTINE_NOTE_EN,
            corresponds_to=["clause-2024:pr3-cause-contribute", "clause-2024:pr4-linked"],
        ),
    ],
}

_BASIC_NOTE_SV = " Kedjas sammanfattning; jämför med Upphandlingsmyndighetens officiella text."
_BASIC_NOTE_EN = " Kedja's summary; check against the agency's official text."

# The national procurement agency's basic level of the 2024 clause: the same code of conduct and
# the same ideas, with fewer and less detailed process requirements. Its wording is not shipped
# with Kedja, so the requirements stay placeholders the secretariat fills in (shared/docs/domain.md §3).
CLAUSE_2024_BASIC = {
    "key": "clause-2024-basic",
    "kind": DocumentKind.CONTRACT_CLAUSE,
    "level": ClauseLevel.BASIC,
    "version": "2024",
    "valid_from": date(2024, 3, 1),
    "valid_to": None,
    "title_sv": "Kontraktsvillkor om hållbara leveranskedjor, grundnivå (Upphandlingsmyndigheten, 2024)",
    "title_en": "Contract condition on sustainable supply chains, basic level (National Agency for "
    "Public Procurement, 2024)",
    "summary_sv": (
        "Grundnivån är Upphandlingsmyndighetens villkor för upphandlingar där den avancerade nivån "
        "är för omfattande. Leverantören åtar sig uppförandekoden (bilaga 1), har en process för "
        "tillbörlig aktsamhet med policy, riskbedömning och hantering av avvikelser, och medverkar "
        "i uppföljningen. I återanvändningsregeln räknas grundnivån som lägre än den avancerade. "
        "Texterna här är Kedjas sammanfattningar."
    ),
    "summary_en": (
        "The basic level is the National Agency for Public Procurement's condition for procurements "
        "where the advanced level is too extensive. The supplier commits to the code of conduct "
        "(appendix 1), has a due-diligence process with a policy, risk assessment and handling of "
        "deviations, and takes part in monitoring. The reuse rule counts the basic level as lower "
        "than the advanced one. The texts here are Kedja's summaries."
    ),
    "requirements": [
        _req(
            "basic-policy",
            "1",
            _PR,
            "Policy och ansvar",
            "Policy and responsibility",
            "En policy för att respektera åtagandena i uppförandekoden, antagen av ledningen, och en "
            "utsedd ansvarig." + _BASIC_NOTE_SV,
            "A policy to respect the commitments of the code of conduct, adopted by management, and "
            "a named person responsible." + _BASIC_NOTE_EN,
            is_placeholder=True,
            corresponds_to=["clause-2024:pr1-policies"],
        ),
        _req(
            "basic-risk",
            "2",
            _PR,
            "Riskbedömning",
            "Risk assessment",
            "En bedömning av risken att åtagandena inte följs i leveranskedjan för det som köps."
            + _BASIC_NOTE_SV,
            "An assessment of the risk that the commitments are not met in the supply chain of what "
            "is purchased." + _BASIC_NOTE_EN,
            is_placeholder=True,
            corresponds_to=["clause-2024:pr2-identify-assess"],
        ),
        _req(
            "basic-deviations",
            "3",
            _PR,
            "Hantering av avvikelser",
            "Handling deviations",
            "Rutiner för att förebygga och åtgärda avvikelser från åtagandena, även hos "
            "underleverantörer." + _BASIC_NOTE_SV,
            "Routines to prevent and correct deviations from the commitments, also at "
            "sub-suppliers." + _BASIC_NOTE_EN,
            is_placeholder=True,
            corresponds_to=["clause-2024:pr3-cause-contribute", "clause-2024:pr4-linked"],
        ),
        _monitoring(
            "Leverantören medverkar i köparens uppföljning och lämnar de uppgifter som begärs inom "
            "den tid avtalet anger.",
            "The supplier takes part in the buyer's monitoring and provides the information "
            "requested within the time the contract sets.",
        ),
        _sanctions(
            "Avvikelser hanteras enligt en åtgärdsplan; vite och uppsägning enligt avtalets "
            "parametrar." + _BASIC_NOTE_SV,
            "Deviations are handled under a corrective action plan; penalty and termination follow "
            "the contract's parameters." + _BASIC_NOTE_EN,
        ),
    ],
}

DOCUMENTS = [COC_2024, CLAUSE_2024, CLAUSE_2024_BASIC, COC_2013, TERMS_2013]
