"""The traffic light stored on each case, so that lists, counts and dashboards read it as a column,
and with it the case's numbers of open and closed deviations (read from the same facts).

`rules.traffic_light` decides a case's light from its facts and the date. Only one part of it moves
with the date alone: an open deviation, or an open corrective action of one, turns the case red once
its deadline has passed. So a case stores the colour as long as no deadline passes (`stored_light`)
and the earliest such deadline (`red_after`); `rules.light_on` and its SQL twin
`queries.light_expression` read the light of any day from the two. Every save and delete of a
finding, a corrective action, a zero-tolerance report or a sanction decision refreshes its case in
the same transaction (apps.py connects the signals), whichever action made it.
"""

from django.db import models

from .models import FollowUpCase
from .queries import light_facts
from .rules import stored_light

BATCH = 1000


def refresh_lights(case_ids: list[int]) -> None:
    """Store the light of these cases again from their facts."""
    for start in range(0, len(case_ids), BATCH):
        facts = light_facts(case_ids[start : start + BATCH])
        cases = []
        for pk, case_facts in facts.items():
            colour, red_after = stored_light(case_facts)
            closed = sum(deviation.closed for deviation in case_facts.deviations)
            cases.append(
                FollowUpCase(
                    pk=pk,
                    stored_light=colour,
                    red_after=red_after,
                    deviations_open=len(case_facts.deviations) - closed,
                    deviations_closed=closed,
                )
            )
        FollowUpCase.objects.bulk_update(
            cases, ["stored_light", "red_after", "deviations_open", "deviations_closed"]
        )


def refresh_all_lights() -> None:
    """Every case's light (after a bulk load that bypassed the signals)."""
    refresh_lights(list(FollowUpCase.objects.order_by("pk").values_list("pk", flat=True)))


def refresh_case_of(sender: type[models.Model], instance: models.Model, **kwargs: object) -> None:
    """Signal receiver: the light of the case a saved or deleted row belongs to."""
    case_id = getattr(instance, "case_id", None)
    if case_id is not None:
        refresh_lights([case_id])
