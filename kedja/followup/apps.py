from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete


class FollowupConfig(AppConfig):
    name = "kedja.followup"
    label = "followup"

    def ready(self) -> None:
        from kedja.contracts.models import Contract, Site
        from kedja.contracts.signals import contract_countries_changed

        from . import case_countries, lights
        from .models import (
            CorrectiveAction,
            Finding,
            FollowUpCase,
            SanctionDecision,
            SiteAudit,
            ZeroToleranceReport,
        )

        # What a case's stored traffic light depends on (followup/lights.py).
        for model in (Finding, CorrectiveAction, ZeroToleranceReport, SanctionDecision):
            for event, signal in (("saved", post_save), ("deleted", post_delete)):
                uid = f"followup_light_{model.__name__}_{event}"
                signal.connect(lights.refresh_case_of, sender=model, dispatch_uid=uid)

        # What a case's stored countries depend on (followup/case_countries.py).
        contract_countries_changed.connect(
            case_countries.contract_countries_changed, dispatch_uid="followup_countries_contracts"
        )
        m2m_changed.connect(
            case_countries.case_contracts_changed,
            sender=FollowUpCase.contracts.through,
            dispatch_uid="followup_countries_case_contracts",
        )
        post_save.connect(
            case_countries.site_audit_saved, sender=SiteAudit, dispatch_uid="followup_countries_audit_saved"
        )
        post_delete.connect(
            case_countries.site_audit_deleted,
            sender=SiteAudit,
            dispatch_uid="followup_countries_audit_deleted",
        )
        post_save.connect(
            case_countries.site_saved, sender=Site, dispatch_uid="followup_countries_site_saved"
        )
        pre_delete.connect(
            case_countries.contract_deleting,
            sender=Contract,
            dispatch_uid="followup_countries_contract_deleting",
        )
        post_delete.connect(
            case_countries.contract_deleted,
            sender=Contract,
            dispatch_uid="followup_countries_contract_deleted",
        )
