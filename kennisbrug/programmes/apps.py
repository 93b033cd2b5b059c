from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "kennisbrug.programmes"
    verbose_name = _("Externe programma's en hun projecten")
