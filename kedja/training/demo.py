"""Demo case exercises: five bilingual cases and one finished, anonymised workshop. Safe to run twice."""

from django.db import transaction

from kedja.organisations.models import User
from kedja.reference.models import Category, Country
from kedja.training import actions
from kedja.training.actions import OptionData, QuestionData, StageData, VersionData
from kedja.training.demo_cases import BANGLADESH_FIRE, MALAYSIA_GLOVES, SIALKOT_INSTRUMENTS
from kedja.training.demo_cases_more import CONGO_COBALT, SWEDISH_CLEANING
from kedja.training.models import CaseVersion, QuestionKind, Session

AUTHOR = "sara@kansliet.demo"
FACILITATOR = "stina@skane.demo"
CASES = [MALAYSIA_GLOVES, SIALKOT_INSTRUMENTS, BANGLADESH_FIRE, SWEDISH_CLEANING, CONGO_COBALT]

PROMPTS = {
    QuestionKind.ISSUE: (
        "Vilken människorättsrisk är den centrala i berättelsen?",
        "Which human-rights issue is at the heart of the story?",
    ),
    QuestionKind.CHAIN: (
        "Var i leverantörskedjan uppstår skadan?",
        "Where in the supply chain does the harm occur?",
    ),
    QuestionKind.SCALE: (
        "Hur allvarlig är skadan för de drabbade (grad, Sc)?",
        "How grave is the harm for those affected (scale, Sc)?",
    ),
    QuestionKind.SCOPE: (
        "Hur många berörs eller riskerar att beröras (räckvidd, So)? Höj ett steg om sårbara grupper berörs.",
        "How many people are affected or at risk (scope, So)? Go one step up if vulnerable groups are affected.",
    ),
    QuestionKind.IRREMEDIABILITY: (
        "Hur svårt är det att återställa de drabbades situation (oåterkallelighet, Ir)?",
        "How hard is it to restore those affected to an equivalent situation (irremediability, Ir)?",
    ),
    QuestionKind.INVOLVEMENT: (
        "Hur är regionen involverad i skadan?",
        "How is the region involved in the harm?",
    ),
    QuestionKind.REMEDY: (
        "Vad gäller för gottgörelse: är den skyldig, är den möjlig, och av vem?",
        "What about remedy: is it owed, is it possible, and by whom?",
    ),
    QuestionKind.ACTIONS: (
        "Vad ska regionen göra nu? Välj alla som passar och motivera.",
        "What should the region do now? Choose all that fit and justify.",
    ),
}

SCALE_OPTIONS = {
    5: ("5 – Liv, frihet eller fysisk integritet", "5 – Life, liberty or physical integrity"),
    4: ("4 – Allvarlig skada på hälsa eller försörjning", "4 – Serious harm to health or livelihood"),
    3: ("3 – En grundläggande rättighet förvägras", "3 – Denial of a fundamental right"),
    2: ("2 – Måttlig skada", "2 – Moderate harm"),
    1: ("1 – Liten skada", "1 – Minor harm"),
}
SCOPE_OPTIONS = {
    5: (
        "5 – 10 000 eller fler, eller en hel sektor eller region",
        "5 – 10,000 or more, or a whole sector or region",
    ),
    4: ("4 – 1 000–9 999 personer", "4 – 1,000–9,999 people"),
    3: ("3 – 100–999 personer", "3 – 100–999 people"),
    2: ("2 – 10–99 personer", "2 – 10–99 people"),
    1: ("1 – färre än 10 personer", "1 – fewer than 10 people"),
}
IR_OPTIONS = {
    5: (
        "5 – Oåterkalleligt: död, bestående skada, förlorad skolgång",
        "5 – Irreversible: death, permanent injury, lost schooling",
    ),
    4: ("4 – Mycket svårt att återställa", "4 – Very hard to restore"),
    3: (
        "3 – Går att gottgöra bara med betydande tid eller kostnad",
        "3 – Remediable only with significant time or cost",
    ),
    2: ("2 – Går att gottgöra med en viss insats", "2 – Remediable with some effort"),
    1: (
        "1 – Går att gottgöra helt och snabbt, t.ex. genom efterbetalning",
        "1 – Fully and quickly remediable, e.g. by back pay",
    ),
}
INVOLVEMENT_OPTIONS = {
    "cause": (
        "Orsakar: regionens egen verksamhet ger upphov till skadan",
        "Causes: the region's own activity produces the harm",
    ),
    "contribute": (
        "Bidrar till: regionens agerande (pris, ledtider, ändrade beställningar) orsakar, underlättar eller "
        "driver fram skadan tillsammans med andra",
        "Contributes: the region's conduct (price, lead times, changed orders) causes, facilitates or "
        "incentivises the harm together with others",
    ),
    "linked": (
        "Direkt kopplad: en affärspartner i kedjan orsakar skadan, som är kopplad till regionens varor eller "
        "tjänster genom affärsrelationen",
        "Directly linked: a business partner in the chain causes the harm, which is linked to the region's "
        "products or services through the business relationship",
    ),
    "none": (
        "Inte involverad: skadan sker hos någon annan än regionens avtalspart",
        "Not involved: the harm happens at someone other than the region's contract party",
    ),
}
SEVERITY_NOTE = (
    "Allvarlighet gäller risken för människor, inte för regionen. En enda dimension kan göra en skada mycket "
    "allvarlig, och allvarlighet går före sannolikhet (UNGP 24).",
    "Severity is about the risk to people, not to the region. One dimension alone can make harm severe, and "
    "severity comes before likelihood (UNGP 24).",
)


def _options(pairs, correct) -> list[OptionData]:
    return [OptionData(sv, en, is_correct=index in correct) for index, (sv, en) in enumerate(pairs)]


def _question(kind, options, why, discuss=("", ""), **extra) -> QuestionData:
    prompt = PROMPTS[kind]
    return QuestionData(
        kind=kind,
        prompt_sv=prompt[0],
        prompt_en=prompt[1],
        explanation_sv=why[0],
        explanation_en=why[1],
        discussion_sv=discuss[0],
        discussion_en=discuss[1],
        options=options,
        **extra,
    )


def _severity(kind, table, expert: int, why) -> QuestionData:
    levels = sorted(table, reverse=True)
    options = [OptionData(*table[level], is_correct=level == expert) for level in levels]
    return _question(kind, options, why, SEVERITY_NOTE)


def _questions(spec: dict) -> list[QuestionData]:
    chain_pairs = [(f"{sv} (led {tier})", f"{en} (tier {tier})") for _k, tier, _c, sv, en in spec["chain"]]
    involvement, involvement_why, involvement_discuss = spec["involvement"]
    keys = list(INVOLVEMENT_OPTIONS)
    return [
        _question(
            QuestionKind.ISSUE,
            _options(spec["issue"]["options"], {spec["issue"]["correct"]}),
            spec["issue"]["why"],
            spec["issue"]["discuss"],
        ),
        _question(QuestionKind.CHAIN, _options(chain_pairs, {spec["chain_correct"]}), spec["chain_why"]),
        _severity(QuestionKind.SCALE, SCALE_OPTIONS, *spec["scale"]),
        _severity(QuestionKind.SCOPE, SCOPE_OPTIONS, *spec["scope"]),
        _severity(QuestionKind.IRREMEDIABILITY, IR_OPTIONS, *spec["ir"]),
        _question(
            QuestionKind.INVOLVEMENT,
            _options(INVOLVEMENT_OPTIONS.values(), {keys.index(involvement)}),
            involvement_why,
            involvement_discuss,
        ),
        _question(
            QuestionKind.REMEDY,
            _options(spec["remedy"]["options"], {spec["remedy"]["correct"]}),
            spec["remedy"]["why"],
            spec["remedy"]["discuss"],
        ),
        _question(
            QuestionKind.ACTIONS,
            _options(spec["actions"]["options"], set(spec["actions"]["correct"])),
            spec["actions"]["why"],
            spec["actions"]["discuss"],
            multiple=True,
            asks_justification=True,
        ),
    ]


def _country(iso3: str) -> Country | None:
    # Countries come from load_reference; without them the case simply shows no country.
    return Country.objects.filter(iso3=iso3).first()


def load_case(spec: dict, author) -> CaseVersion:
    """Create and publish one case from its spec, unless a case with that English title exists."""
    existing = CaseVersion.objects.filter(title_en=spec["title"][1]).first()
    if existing:
        return existing
    case = actions.create_case(
        acting_user=author,
        data=VersionData(
            title_sv=spec["title"][0],
            title_en=spec["title"][1],
            story_sv=spec["story"][0],
            story_en=spec["story"][1],
            country=_country(spec["country"]),
            tier=spec["tier"],
            workers_affected=spec["workers"],
            findings_reference=spec["findings"],
        ),
        category=Category.objects.filter(slug=spec["category"]).first(),
    )
    version = case.versions.get()
    stages = [StageData(kind, sv, en, tier, _country(iso3)) for kind, tier, iso3, sv, en in spec["chain"]]
    actions.save_chain(acting_user=author, version=version, stages=stages)
    for data in _questions(spec):
        actions.save_question(acting_user=author, version=version, data=data)
    return actions.publish_version(acting_user=author, version=version)


# Which option each of four demo tables chose per question (index into the options).
DEMO_ANSWERS = [
    [0, 2, 0, 1, 2, 2, 0, [0, 1, 2]],
    [0, 2, 0, 0, 2, 1, 0, [0, 3]],
    [1, 1, 0, 1, 1, 2, 1, [1, 2]],
]


def _demo_workshop(version: CaseVersion) -> None:
    facilitator = User.objects.filter(email=FACILITATOR).first()
    if facilitator is None or Session.objects.filter(version=version).exists():
        return
    session = actions.start_session(acting_user=facilitator, version=version, group_mode=True)
    tables = [
        actions.join_session(acting_user=None, code=session.code, display_name=f"Bord {n}") for n in (1, 2, 3)
    ]
    for question in version.questions.prefetch_related("options").order_by("position"):
        actions.advance(acting_user=facilitator, session=session)
        options = list(question.options.all())
        for table, answers in zip(tables, DEMO_ANSWERS, strict=True):
            chosen = answers[question.position - 1]
            chosen = chosen if isinstance(chosen, list) else [chosen]
            actions.submit_answer(
                acting_user=None,
                participant=table,
                question=question,
                option_ids=[options[i].pk for i in chosen],
            )
        actions.reveal(acting_user=facilitator, session=session)
    actions.end_session(acting_user=facilitator, session=session)


@transaction.atomic
def load() -> None:
    """Build the demo cases through the actions. Runs after the organisation demo."""
    author = User.objects.get(email=AUTHOR)
    versions = [load_case(spec, author) for spec in CASES]
    _demo_workshop(versions[0])
