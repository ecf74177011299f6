"""Checks of supplier and contract fields that need no permission and write nothing.

The actions call them before writing; the forms and the supply-chain import may call them too.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kedja.reference.models import Country, CpvCode

SWEDISH_ORG_NUMBER = re.compile(r"^(\d{6})-?(\d{4})$")
CPV_TOKEN = re.compile(r"^(\d{8})(?:-?\d)?$")


def normalise_org_number(org_number: str, country: Country) -> str:
    """Swedish numbers must read NNNNNN-NNNN (the hyphen is added); foreign ones are free text."""
    org_number = org_number.strip()
    if not org_number or country.iso3 != "SWE":
        return org_number
    match = SWEDISH_ORG_NUMBER.match(org_number.replace(" ", ""))
    if not match:
        raise ValidationError(
            {"org_number": _("A Swedish organisation number has the form NNNNNN-NNNN, e.g. 556123-4567.")}
        )
    return f"{match[1]}-{match[2]}"


def parse_cpv_codes(raw: str | list[str]) -> list[CpvCode]:
    """CPV codes from text separated by commas, semicolons or spaces; check digits are stripped.

    `33141420-0`, `331414200` and `33141420` all mean the same code. Unknown or malformed codes
    raise one ValidationError naming each of them.
    """
    tokens = re.split(r"[\s,;]+", raw.strip()) if isinstance(raw, str) else list(raw)
    codes, malformed = [], []
    for token in filter(None, (t.strip() for t in tokens)):
        match = CPV_TOKEN.match(token)
        if match:
            codes.append(match[1])
        else:
            malformed.append(token)
    known = {c.code: c for c in CpvCode.objects.filter(code__in=codes)}
    unknown = [code for code in codes if code not in known]
    errors = []
    if malformed:
        errors.append(_("Not a CPV code (8 digits, optionally with check digit): %s") % ", ".join(malformed))
    if unknown:
        errors.append(_("Unknown CPV code: %s") % ", ".join(unknown))
    if errors:
        raise ValidationError({"cpv_codes": errors})
    return list(dict.fromkeys(known[code] for code in codes))
