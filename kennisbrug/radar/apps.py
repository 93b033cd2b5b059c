from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadarConfig(AppConfig):
    name = "kennisbrug.radar"
    verbose_name = _("Overlapradar en signalen")

    def ready(self) -> None:
        from kennisbrug.radar import signals

        signals.connect()
