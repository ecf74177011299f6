"""Put suppliers found by a spend screening on the yearly follow-up plan, as the region's proposals."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core.audit import record
from kedja.organisations.models import Organisation, User
from kedja.organisations.queries import actor_for
from kedja.risk.models import ScreeningStatus, SpendScreening

from .. import queries
from ..models import Proposal, YearlyFollowUpPlan
from .yearly import propose


@transaction.atomic
def propose_from_screening(
    *,
    acting_user: User,
    year_plan: YearlyFollowUpPlan,
    region: Organisation,
    screening: SpendScreening,
    supplier_keys: list[str] | tuple[str, ...] = (),
    min_risk: Decimal | None = None,
) -> list[Proposal]:
    """Propose, for `region`, the chosen suppliers of a finished screening (by their keys in the
    result), or every known supplier whose average risk weight is at least `min_risk`, for step 1
    of the year's follow-up. All or nothing: a supplier already on the year's plan refuses the lot."""
    if not queries.may_propose(actor_for(acting_user), region.pk):
        raise PermissionDenied(_("You may only propose for your own region."))
    if screening.status != ScreeningStatus.DONE:
        raise ValidationError(_("Only a finished screening can be used."))
    chosen = _chosen(queries.screened_suppliers(screening), supplier_keys, min_risk)
    planned = queries.planned_supplier_ids(year_plan, region)
    already = [row["organisation"].name for row in chosen if row["organisation"].pk in planned]
    if already:
        raise ValidationError(
            _("Already on the %(year)s follow-up plan: %(names)s. Leave them out and try again.")
            % {"year": year_plan.year, "names": ", ".join(already)}
        )
    proposals = [_propose(acting_user, year_plan, region, screening, row) for row in chosen]
    record(
        "plans.proposal.from_screening",
        year_plan,
        actor=acting_user,
        changes={"screening": str(screening.uuid), "suppliers": [row["organisation"].name for row in chosen]},
    )
    return proposals


def _chosen(
    rows: list[dict[str, Any]], keys: list[str] | tuple[str, ...], min_risk: Decimal | None
) -> list[dict[str, Any]]:
    if keys:
        known = {row["key"]: row for row in rows}
        unknown = [key for key in keys if key not in known]
        if unknown:
            raise ValidationError(_("These suppliers are not in Kedja: %s.") % ", ".join(unknown))
        return [known[key] for key in dict.fromkeys(keys)]
    if min_risk is None:
        raise ValidationError(_("Choose suppliers, or a risk weight that the suppliers must reach."))
    chosen = [row for row in rows if row["risk"] >= min_risk]
    if not chosen:
        raise ValidationError(_("No supplier known to Kedja reaches risk weight %s.") % min_risk)
    return chosen


def _propose(
    acting_user: User,
    year_plan: YearlyFollowUpPlan,
    region: Organisation,
    screening: SpendScreening,
    row: dict[str, Any],
) -> Proposal:
    motivation = _("Spend screening of %(file)s: spend %(spend)s SEK, average risk weight %(risk)s.") % {
        "file": screening.file_name,
        "spend": round(Decimal(row["spend"])),
        "risk": round(row["risk"], 2),
    }
    return propose(
        acting_user=acting_user,
        year_plan=year_plan,
        region=region,
        supplier=row["organisation"],
        step=1,
        motivation=motivation,
    )
