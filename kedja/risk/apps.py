from django.apps import AppConfig
from django.core import checks


class RiskConfig(AppConfig):
    name = "kedja.risk"
    label = "risk"

    def ready(self) -> None:
        checks.register(check_risk_settings)
        from kedja.followup.escalation import set_risk_source
        from kedja.risk.followup_facts import product_risk

        set_risk_source(product_risk)


def check_risk_settings(app_configs=None, **kwargs) -> list[checks.Error]:
    """`manage.py check` (and runserver) report a wrong KEDJA_RISK_... setting before anything is scored."""
    from django.core.exceptions import ImproperlyConfigured

    from kedja.risk import config

    errors = []
    for read in (config.contribution_questions, config.response_deadlines):
        try:
            read()
        except ImproperlyConfigured as error:
            errors.append(checks.Error(str(error), id="risk.E001"))
    return errors
