from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.core import checks


class OrganisationsConfig(AppConfig):
    name = "kedja.organisations"
    label = "organisations"

    def ready(self) -> None:
        checks.register(check_sso_settings)
        checks.register(check_sso_transport, deploy=True)
        # Every way in (password, single sign-on, an accepted invitation, the admin) ends in
        # Django's login(), so its signal is the one place a successful sign-in is logged.
        user_logged_in.connect(_log_sign_in, dispatch_uid="kedja.organisations.sign_in")


def _log_sign_in(sender, request, user, **kwargs) -> None:
    from kedja.organisations import actions

    actions.record_sign_in(acting_user=user)


def check_sso_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Single sign-on is all or nothing: an issuer without a client id (or the reverse) is an error,
    and so is a group mapping that cannot be read."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from kedja.organisations import sso

    errors: list[checks.CheckMessage] = []
    if bool(settings.KEDJA_OIDC_ISSUER) != bool(settings.KEDJA_OIDC_CLIENT_ID):
        errors.append(
            checks.Error(
                "Single sign-on needs both KEDJA_OIDC_ISSUER and KEDJA_OIDC_CLIENT_ID.",
                id="organisations.E001",
            )
        )
    try:
        sso.group_mapping()
    except ImproperlyConfigured as error:
        errors.append(checks.Error(str(error), id="organisations.E002"))
    return errors


def check_sso_transport(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from django.conf import settings

    if settings.KEDJA_OIDC_ISSUER and not settings.KEDJA_OIDC_ISSUER.startswith("https://"):
        return [checks.Warning("KEDJA_OIDC_ISSUER should be an https:// address.", id="organisations.W001")]
    return []
