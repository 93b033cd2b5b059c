from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OaiConfig(AppConfig):
    name = "kennisbrug.oai"
    verbose_name = _("OAI-PMH")

    def ready(self) -> None:
        from kennisbrug.oai import signals

        signals.connect()
