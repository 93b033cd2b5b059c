from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HarvestConfig(AppConfig):
    name = "kennisbrug.harvest"
    verbose_name = _("Oogsten (OAI-PMH)")
