"""Demo content of the reference data: a draft of the code of conduct's next version.

The secretariat sees what a new version goes through before contracts can choose it: the draft
(its preview), the comparison with the version in force and the publish form. Made through the
same action the edit page uses; safe to run twice (a second edit of the draft changes nothing).
"""

from django.db import transaction

from kedja.organisations.models import User

from . import actions
from .queries import current_code_of_conduct

# The environment commitment reworded to ask for climate reporting (Kedja's demo text, not an
# adopted one).
ENVIRONMENT_DRAFT = {
    "title_sv": "Miljö och klimat",
    "title_en": "Environment and climate",
    "text_sv": (
        "Leverantören åtar sig att förebygga och minska negativ miljöpåverkan i verksamheten och "
        "leveranskedjan, i linje med Global Compacts miljöprinciper, och redovisar årligen sina "
        "utsläpp av växthusgaser och mål för att minska dem. Detaljerna finns i den officiella texten."
    ),
    "text_en": (
        "The supplier commits to prevent and reduce adverse environmental impact in its operations "
        "and supply chain, in line with the Global Compact's environmental principles, and reports "
        "its greenhouse-gas emissions and its targets for reducing them every year. The details are "
        "in the official text."
    ),
}


@transaction.atomic
def load() -> None:
    code = current_code_of_conduct()
    if code is None:
        return
    requirement = code.requirements.filter(key="coc-environment").first()
    if requirement is None:
        return
    actions.edit_requirement_text(
        acting_user=User.objects.get(email="sara@kansliet.demo"),
        requirement=requirement,
        is_placeholder=False,
        criterion_sv=requirement.criterion_sv,
        criterion_en=requirement.criterion_en,
        **ENVIRONMENT_DRAFT,
    )
