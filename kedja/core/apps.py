from django.apps import AppConfig
from django.db.models import fields
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kedja.core"
    label = "core"

    def ready(self) -> None:
        # Django 6.1's empty choice label has no Swedish in Django's catalogue; ours does (the way
        # Django's deprecation note of USE_BLANK_CHOICE_DASH asks for).
        fields.BLANK_CHOICE_LABEL = _("- Select an option -")
        # Registers the SQLite case-folding function before any connection is opened.
        from django.contrib.auth.signals import user_logged_in

        from kedja.core import search  # noqa: F401
        from kedja.core.middleware import SessionTimeoutMiddleware

        user_logged_in.connect(SessionTimeoutMiddleware.start, dispatch_uid="kedja_session_start")
