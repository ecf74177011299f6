"""Put suppliers of the "whom to follow up" list on the yearly follow-up plan, as the region's
proposals for step 1."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core.audit import record
from kedja.organisations.models import Organisation, User
from kedja.organisations.queries import actor_for
from kedja.risk.models.analysis import RiskCategoryChoice

from .. import queries
from ..models import Proposal, YearlyFollowUpPlan
from .yearly import propose


@transaction.atomic
def propose_from_follow_up_list(
    *, acting_user: User, year_plan: YearlyFollowUpPlan, region: Organisation, rows: list[Any]
) -> list[Proposal]:
    """Propose, for `region`, the chosen rows of the follow-up list (`risk.register.SupplierRisk`:
    a supplier organisation with its rating and top priority) for
    step 1 of the year. All or nothing: a supplier already on the year's plan refuses the lot."""
    if not queries.may_propose(actor_for(acting_user), region.pk):
        raise PermissionDenied(_("You may only propose for your own region."))
    if not rows:
        raise ValidationError(_("Choose at least one supplier."))
    planned = queries.planned_supplier_ids(year_plan, region)
    already = [row.supplier.name for row in rows if row.supplier.pk in planned]
    if already:
        raise ValidationError(
            _("Already on the %(year)s follow-up plan: %(names)s. Leave them out and try again.")
            % {"year": year_plan.year, "names": ", ".join(already)}
        )
    proposals = [
        propose(
            acting_user=acting_user,
            year_plan=year_plan,
            region=region,
            supplier=row.supplier,
            step=1,
            motivation=_("Whom to follow up: rating %(rating)s, highest priority %(priority)s.")
            % {
                "rating": RiskCategoryChoice(row.rating).label if row.rating else "–",
                "priority": row.top_priority,
            },
        )
        for row in rows
    ]
    record(
        "plans.proposal.from_follow_up_list",
        year_plan,
        actor=acting_user,
        changes={"suppliers": [row.supplier.name for row in rows]},
    )
    return proposals
