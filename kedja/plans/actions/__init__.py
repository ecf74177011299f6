"""Every write of the plans app. Views, commands, the demo loader and tests call these.

- `division`: the division of responsibilities (steering-group decisions, contact designations).
- `action_plans`: the category action plans and the progress recorded against them.
- `yearly`: the yearly national follow-up plan (proposals, consolidation, approval, launch).
- `from_screening`: proposals for the yearly plan made from a spend screening's suppliers.
- `from_risk`: proposals for the yearly plan made from the "whom to follow up" list.
"""

from .action_plans import (
    add_activity,
    add_goal,
    add_product,
    approve_plan,
    complete_activity,
    create_plan,
    explain_delay,
    remove_activity,
    reopen_plan,
    report_hours,
    set_expectation,
    update_plan,
)
from .division import (
    assign_contact,
    decide_division,
    record_period_decision,
)
from .from_risk import propose_from_follow_up_list
from .from_screening import propose_from_screening
from .yearly import (
    approve_year_plan,
    consolidate,
    launch_year_plan,
    open_year_plan,
    propose,
    update_entry,
    withdraw_proposal,
)

__all__ = [
    "add_activity",
    "propose_from_follow_up_list",
    "add_goal",
    "add_product",
    "approve_plan",
    "approve_year_plan",
    "assign_contact",
    "complete_activity",
    "consolidate",
    "create_plan",
    "decide_division",
    "explain_delay",
    "launch_year_plan",
    "open_year_plan",
    "propose",
    "propose_from_screening",
    "record_period_decision",
    "remove_activity",
    "reopen_plan",
    "report_hours",
    "set_expectation",
    "update_entry",
    "update_plan",
    "withdraw_proposal",
]
