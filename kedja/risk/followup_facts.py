"""The product's risk that follow-up's escalation suggestion needs (registered in `RiskConfig.ready`).

The case's contracts in scope, else the supplier's active contracts (the supplier risk register):
their worst category, and the countries of the supplier's known sites where a register item is
rated high or critical.
"""

from kedja.contracts.models import Contract, ContractStatus
from kedja.followup.escalation import ProductRisk
from kedja.followup.models import FollowUpCase
from kedja.followup.rules import HIGH_RISK

from .register import RegisterFacts, contract_register
from .scoring import RiskCategory


def product_risk(case: FollowUpCase) -> ProductRisk:
    contracts = list(case.contracts.all()) or list(
        Contract.objects.filter(supplier_id=case.supplier_id, status=ContractStatus.ACTIVE)
    )
    if not contracts:
        return ProductRisk()
    facts = RegisterFacts.load(contracts)
    registers = [contract_register(contract, facts=facts) for contract in contracts]
    ratings = [RiskCategory(r.rating) for r in registers if r.rating]
    worst = str(max(ratings, key=lambda c: c.rank)) if ratings else None
    countries = {
        item.country.name
        for register in registers
        for item in register.items
        if item.category in HIGH_RISK
        and item.country is not None
        and any(site.country_id == item.country.pk for site in register.contract.sites.all())
    }
    return ProductRisk(worst, tuple(sorted(countries)))
