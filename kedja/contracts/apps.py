from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "kedja.contracts"
    label = "contracts"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from kedja.organisations.models import Organisation

        from . import signals
        from .models import Contract, Site

        post_save.connect(
            signals.supplier_saved, sender=Organisation, dispatch_uid="contracts.supplier_saved"
        )
        m2m_changed.connect(
            signals.site_links_changed, sender=Site.contracts.through, dispatch_uid="contracts.site_links"
        )
        m2m_changed.connect(
            signals.production_countries_changed,
            sender=Contract.production_countries.through,
            dispatch_uid="contracts.production_countries",
        )
        post_save.connect(signals.site_saved, sender=Site, dispatch_uid="contracts.site_saved")
        pre_delete.connect(signals.site_deleting, sender=Site, dispatch_uid="contracts.site_deleting")
        post_delete.connect(signals.site_deleted, sender=Site, dispatch_uid="contracts.site_deleted")
