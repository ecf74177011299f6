"""Responses the method proposes per category × involvement (docs/risk-method.md §2.9).

Deadlines are defaults; pass `deadlines` to change them (the method leaves them configurable).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Involvement(StrEnum):
    CAUSE = "cause"
    CONTRIBUTE = "contribute"
    LINKED = "linked"


class RemediationDuty(StrEnum):
    REQUIRED = "required"
    MAY_SUPPORT = "may_support"


DEFAULT_DEADLINES = {
    "cause_critical": 30,
    "linked_critical": 30,
    "linked_high": 90,
}

TEXTS = {
    "stop_and_remediate": _("Stop the impact and remediate."),
    "change_purchasing_practice": _("Change the purchasing practice at the next call-off or amendment."),
    "leverage_on_residual": _("Use leverage on the residual impact."),
    "fund_remediation": _("Fund or co-design remediation (e.g. repayment of recruitment fees)."),
    "cap_and_transparency": _("Corrective action plan and tier transparency."),
    "joint_follow_up_interviews": _("Joint follow-up with worker interviews."),
    "build_collective_leverage": _("Build collective leverage with other buyers (leverage is low)."),
    "supplier_suspends_node": _("If the plan fails, the supplier suspends the node (its PR4 right)."),
    "terminate_last_resort": _("Terminate only as a last resort, after weighing the harm of exit."),
    "corrective_action_plan": _("Corrective action plan."),
    "annual_follow_up": _("Annual follow-up."),
    "advanced_clause_next_tender": _("Advanced clause at the next tender."),
    "self_assessment_monitoring": _("Self-assessment plus monitoring."),
    "standard_code_clause": _("Standard Code of Conduct clause."),
    "grievance_access": _("Make sure affected people can reach a grievance channel."),
}


@dataclass(frozen=True)
class Response:
    key: str
    deadline_days: int | None = None

    @property
    def text(self) -> str:
        return str(TEXTS[self.key])

    def as_dict(self) -> dict:
        return {"key": self.key, "deadline_days": self.deadline_days}


def responses_for(
    category: str, mode: Involvement | str, lev: int, *, deadlines: dict[str, int] | None = None
) -> tuple[list[Response], str]:
    """The proposed responses and the remediation duty for one item."""
    days = {**DEFAULT_DEADLINES, **(deadlines or {})}
    category, mode = str(category), str(mode)
    if mode == Involvement.CAUSE:
        deadline = days.get("cause_critical") if category == "critical" else days.get(f"cause_{category}")
        actions = [Response("stop_and_remediate", deadline)]
    elif mode == Involvement.CONTRIBUTE:
        actions = [
            Response("change_purchasing_practice"),
            Response("leverage_on_residual"),
            Response("fund_remediation"),
        ]
    else:
        actions = _linked(category, lev, days)
    actions.append(Response("grievance_access"))
    duty = RemediationDuty.MAY_SUPPORT if mode == Involvement.LINKED else RemediationDuty.REQUIRED
    return actions, str(duty)


def _linked(category: str, lev: int, days: dict[str, int]) -> list[Response]:
    if category == "critical":
        actions = [
            Response("cap_and_transparency", days.get("linked_critical")),
            Response("joint_follow_up_interviews"),
        ]
        if lev <= 1:
            actions.append(Response("build_collective_leverage"))
        return [*actions, Response("supplier_suspends_node"), Response("terminate_last_resort")]
    if category == "high":
        return [
            Response("corrective_action_plan", days.get("linked_high")),
            Response("annual_follow_up"),
            Response("advanced_clause_next_tender"),
        ]
    if category == "medium":
        return [Response("self_assessment_monitoring")]
    return [Response("standard_code_clause")]
