"""The question content Kedja builds self-assessment questionnaires from (data, in Swedish and English).

Each requirement gets a routine question (expected "yes"), a document question shown when the
routine exists, and a question on how it is applied; some requirements add specific questions.
Requirements are found by their stable keys, never by number.
"""

from typing import NotRequired, TypedDict


class Choice(TypedDict):
    value: str
    sv: str
    en: str


class QuestionSpec(TypedDict):
    """One question's content; `%(title)s` in the texts is the requirement's title."""

    suffix: str
    qtype: str
    sv: str
    en: str
    expected: NotRequired[str]
    depends_on: NotRequired[str]  # the suffix of the question it follows up
    depends_value: NotRequired[str]
    choices: NotRequired[list[Choice]]


YES_NO_DOCUMENT: list[QuestionSpec] = [
    {
        "suffix": "routine",
        "qtype": "yes_no",
        "sv": "Har ni en dokumenterad rutin för: %(title)s?",
        "en": "Do you have a documented routine for: %(title)s?",
        "expected": "yes",
    },
    {
        "suffix": "document",
        "qtype": "document",
        "sv": "Ladda upp rutinen eller policyn för: %(title)s (med datum och giltighet).",
        "en": "Upload the routine or policy for: %(title)s (with its date and validity).",
        "depends_on": "routine",
        "depends_value": "yes",
        "expected": "uploaded",
    },
    {
        "suffix": "applied",
        "qtype": "text",
        "sv": "%(title)s: beskriv hur rutinen tillämpas i praktiken, med ett exempel från det senaste året.",
        "en": "%(title)s: describe how the routine is applied in practice, with an example from the past year.",
        "depends_on": "routine",
        "depends_value": "yes",
    },
]

SPECIFIC: dict[str, list[QuestionSpec]] = {
    "pr1-policies": [
        {
            "suffix": "adopted-on",
            "qtype": "date",
            "sv": "Vilket datum antog styrelsen eller högsta ledningen policyn?",
            "en": "On which date did the board or top management adopt the policy?",
            "depends_on": "routine",
            "depends_value": "yes",
        },
    ],
    "pr2-identify-assess": [
        {
            "suffix": "risk-suppliers",
            "qtype": "number",
            "sv": "Hur många riskleverantörer har ni identifierat?",
            "en": "How many risk suppliers have you identified?",
            "expected": "1",
        },
        {
            "suffix": "consultation",
            "qtype": "multiple",
            "sv": "Hur konsulterar ni rättighetsinnehavare?",
            "en": "How do you consult rights-holders?",
            "choices": [
                {"value": "interviews", "sv": "Intervjuer med arbetstagare", "en": "Worker interviews"},
                {"value": "unions", "sv": "Fackliga organisationer", "en": "Trade unions"},
                {"value": "ngos", "sv": "Civilsamhällesorganisationer", "en": "Civil-society organisations"},
                {"value": "sources", "sv": "Oberoende källor", "en": "Credible independent sources"},
            ],
        },
    ],
    "pr6-grievance": [
        {
            "suffix": "channel",
            "qtype": "single",
            "sv": "Vilken kanal för klagomål når rättighetsinnehavare i leverantörskedjan?",
            "en": "Which grievance channel reaches rights-holders in the supply chain?",
            "choices": [
                {"value": "own", "sv": "Egen digital kanal", "en": "Own digital channel"},
                {"value": "msi", "sv": "Branschinitiativ", "en": "Multi-stakeholder mechanism"},
                {"value": "none", "sv": "Ingen ännu", "en": "None yet"},
            ],
        },
    ],
}

# Requirements where "not applicable" (with a reason) is a legitimate answer.
NOT_APPLICABLE_ALLOWED = {"pr3-cause-contribute", "pr7-remediation", "r4-passing-on"}

COMMITMENT_QUESTION: QuestionSpec = {
    "suffix": "commit",
    "qtype": "yes_no",
    "sv": "Åtar ni er att följa uppförandekodens krav om: %(title)s?",
    "en": "Do you commit to the code of conduct's requirements on: %(title)s?",
    "expected": "yes",
}

# Per clause line, by the key of its first version: (questionnaire key, the code-of-conduct line a
# questionnaire built without naming a code version asks about, title sv, title en). A later version
# of a clause asks the same kinds of questions of its own requirements, under the same key, so a
# supplier's earlier answers prefill the new questionnaire.
QUESTIONNAIRES = {
    "clause-2024": (
        "self-assessment-2024",
        "code-of-conduct-2024",
        "Självskattning, villkor 2024",
        "Self-assessment, 2024 clause",
    ),
    "terms-2013": (
        "self-assessment-2013",
        "code-of-conduct-2013",
        "Självskattning, sex rutinkrav (äldre villkor)",
        "Self-assessment, six routine requirements (older terms)",
    ),
}

# Added to the title of a questionnaire built from a later version of the clause or the code.
VERSIONS_SV = " (villkor %(clause)s, uppförandekod %(code)s)"
VERSIONS_EN = " (clause %(clause)s, code of conduct %(code)s)"
