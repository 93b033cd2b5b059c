from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BridgeConfig(AppConfig):
    name = "kennisbrug.bridge"
    verbose_name = _("Brug regionaal–landelijk")
