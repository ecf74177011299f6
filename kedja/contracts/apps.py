from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "kedja.contracts"
    label = "contracts"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from kedja.organisations.models import Organisation

        from .signals import supplier_saved

        post_save.connect(supplier_saved, sender=Organisation, dispatch_uid="contracts.supplier_saved")
