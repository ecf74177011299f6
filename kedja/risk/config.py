"""The parts of the risk method that the method leaves configurable, read from Django settings.

Both settings are optional; without them Kedja uses the method's defaults (docs/risk-method.md).

``KEDJA_RISK_CONTRIBUTION_QUESTIONS``
    The questions whose "yes" makes the region a *contributor* rather than directly linked
    (§2.6). A sequence of question keys. Default: ``("price_below_cost", "lead_times_compressed",
    "orders_changed_short_notice")``, the three the method names. The method's general definition
    of contribution also mentions specifications and payment terms, so two more keys are known:
    ``"specifications_force_risk"`` and ``"payment_terms_force_risk"``. Only the configured
    questions are asked on the item form and count in the score.

``KEDJA_RISK_RESPONSE_DEADLINES``
    Days allowed for the responses the method proposes (§2.9), as a mapping that is merged over
    the defaults ``{"cause_critical": 30, "linked_critical": 30, "linked_high": 90}``. The keys
    ``"cause_high"``, ``"cause_medium"`` and ``"cause_low"`` add deadlines for stopping impacts the
    region causes in the other categories ("other deadlines configurable"); they have no default.

Example::

    KEDJA_RISK_CONTRIBUTION_QUESTIONS = [
        "price_below_cost", "lead_times_compressed", "orders_changed_short_notice",
        "payment_terms_force_risk",
    ]
    KEDJA_RISK_RESPONSE_DEADLINES = {"linked_high": 60, "cause_high": 60}

A wrong key or value raises ImproperlyConfigured when scoring, and `manage.py check` reports it
(check risk.E001), so a typo never silently changes how risks are scored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from kedja.risk.responses import DEFAULT_DEADLINES
from kedja.risk.scoring import CONTRIBUTION_QUESTIONS, EXTRA_CONTRIBUTION_QUESTIONS

KNOWN_QUESTIONS = (*CONTRIBUTION_QUESTIONS, *EXTRA_CONTRIBUTION_QUESTIONS)
KNOWN_DEADLINES = (*DEFAULT_DEADLINES, "cause_high", "cause_medium", "cause_low")


def contribution_questions() -> tuple[str, ...]:
    """The configured contribution questions (§2.6), in the order the form asks them."""
    questions = tuple(getattr(settings, "KEDJA_RISK_CONTRIBUTION_QUESTIONS", CONTRIBUTION_QUESTIONS))
    unknown = [q for q in questions if q not in KNOWN_QUESTIONS]
    if unknown or not questions:
        raise ImproperlyConfigured(
            f"KEDJA_RISK_CONTRIBUTION_QUESTIONS: unknown or empty {unknown}; known: {', '.join(KNOWN_QUESTIONS)}"
        )
    return questions


def response_deadlines() -> dict[str, int]:
    """The method's response deadlines in days (§2.9), with the configured ones merged over them."""
    configured = dict(getattr(settings, "KEDJA_RISK_RESPONSE_DEADLINES", {}))
    for key, days in configured.items():
        if key not in KNOWN_DEADLINES or not isinstance(days, int) or days <= 0:
            raise ImproperlyConfigured(
                f"KEDJA_RISK_RESPONSE_DEADLINES: {key!r}={days!r}; keys are {', '.join(KNOWN_DEADLINES)} "
                "and values whole days above 0"
            )
    return {**DEFAULT_DEADLINES, **configured}
