"""How one item's scores came about, step by step with its numbers (docs/risk-method.md §2.2–2.8), built from
an item's record (`snapshot.item_record`): the live item and a frozen version's row explain alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from kedja.risk.models.analysis import InvolvementChoice
from kedja.risk.presentation import LABELS


@dataclass(frozen=True)
class Step:
    label: str
    formula: str
    value: Any


@dataclass(frozen=True)
class Override:
    what: str
    value: Any
    default: Any
    reason: str


def steps(record: dict, raw: dict) -> list[Step]:
    """Each formula step with the item's numbers; `raw` holds the WGI and HDI rows it used."""
    scores = record["scores"]
    sev, ctx, lik = scores["severity"], scores["country_context"], scores["likelihood"]
    vulnerable = 1 if record["inputs"]["vulnerable"] else 0
    rows = [
        Step(_("Scope"), f"So = min(5, {sev['so_band']} + {vulnerable})", sev["so"]),
        Step(_("Severity"), _severity_formula(sev), sev["sev"]),
        *_country_steps(ctx, raw),
        Step(_("Sector risk"), "Sr", scores["sr"]["value"]),
        Step(
            _("Likelihood before ILAB"), f"L0 = ⌊({ctx['ctx']} + {scores['sr']['value']}) / 2 + ½⌋", lik["l0"]
        ),
    ]
    if lik["ilab"]:
        floor = 5 if lik["ilab"] == "direct" else 4
        rows.append(Step(_("ILAB floor"), f"max({lik['l0']}, {floor})", lik["after_ilab"]))
    if lik["gap"] or lik["mitigation"]:
        formula = f"min(5, max({lik['floor']}, {lik['after_ilab']} + {lik['gap']} − {lik['mitigation']}))"
        rows.append(Step(_("Traceability gap and mitigation"), formula, lik["after_adjustments"]))
    if lik["evidence_to_5"]:
        rows.append(Step(_("Evidence or an actual impact"), "L = 5", 5))
    rows.append(Step(_("Likelihood"), "L", lik["value"]))
    rows.append(Step(_("Priority"), f"P = {sev['sev']} × {lik['value']}", scores["priority"]))
    rows.append(Step(_("Risk category"), _("method §2.8"), str(LABELS.get(scores["category"], ""))))
    return rows


def _severity_formula(sev: dict) -> str:
    sc, so, ir = sev["sc"], sev["so"], sev["ir"]
    if sev["agg"] == "hybrid":
        return f"Sev = max({sc}, {ir}, ⌈({sc} + {so} + {ir}) / 3⌉)"
    return f"Sev ({sev['agg']}; Sc {sc}, So {so}, Ir {ir})"


def _country_steps(ctx: dict, raw: dict) -> list[Step]:
    wgi, hdi = raw.get("wgi"), raw.get("hdi")
    rows = []
    if ctx["wgi"] is not None and wgi is not None:
        means = f"{wgi.va_pctrank}, {wgi.rl_pctrank}, {wgi.cc_pctrank}"
        rows.append(Step("WGI", f"1 − mean({means}) / 100", ctx["wgi"]))
    if ctx["hd"] is not None and hdi is not None:
        low, high = raw["hdi_range"]
        rows.append(Step("HD", f"({high} − {hdi.hdi}) / ({high} − {low})", ctx["hd"]))
    if ctx["wgi"] is not None and ctx["hd"] is not None:
        rows.append(Step("CR", f"0.7 · {ctx['wgi']} + 0.3 · {ctx['hd']}", ctx["cr"]))
    else:
        rows.append(Step("CR", _("one source or none (unknown is not low: 0.8)"), ctx["cr"]))
    rows.append(Step(_("Country context"), f"Ctx = 1 + min(4, ⌊5 · {ctx['cr']}⌋)", ctx["ctx_base"]))
    if ctx["child_labour_bump"]:
        rows.append(Step(_("Child-labour bump"), f"min(5, {ctx['ctx_base']} + 1)", ctx["ctx"]))
    return rows


def _involvement(value: str) -> str:
    return str(InvolvementChoice(value).label) if value in InvolvementChoice.values else value


def overrides(record: dict, defaults: tuple[int, int] | None) -> list[Override]:
    """Inputs people set against the defaults, each with its written reason."""
    inputs, scores = record["inputs"], record["scores"]
    found = []
    if defaults and (inputs["scale"], inputs["irremediability"]) != defaults:
        value = f"Sc {inputs['scale']}, Ir {inputs['irremediability']}"
        default = f"Sc {defaults[0]}, Ir {defaults[1]}"
        found.append(Override(_("Scale and irremediability"), value, default, inputs["score_reason"]))
    if inputs["sr_override"]:
        found.append(Override("Sr", inputs["sr_override"], scores["sr"]["default"], inputs["sr_reason"]))
    if inputs["involvement_override"]:
        value, default = inputs["involvement_override"], scores["involvement_computed"]
        found.append(
            Override(
                _("Involvement"), _involvement(value), _involvement(default), inputs["involvement_reason"]
            )
        )
    return found
