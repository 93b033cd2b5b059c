from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "kennisbrug.readiness"
    verbose_name = _("Databankrijpheid")
