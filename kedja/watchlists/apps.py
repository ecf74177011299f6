from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class WatchlistsConfig(AppConfig):
    name = "kedja.watchlists"
    verbose_name = _("Watch lists")

    def ready(self) -> None:
        from kedja.contracts.models import Site
        from kedja.organisations.models import Organisation

        from . import signals

        post_save.connect(signals.site_saved, sender=Site, dispatch_uid="watchlists_site_saved")
        post_save.connect(
            signals.organisation_saved, sender=Organisation, dispatch_uid="watchlists_org_saved"
        )
