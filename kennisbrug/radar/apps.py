from django.apps import AppConfig


class RadarConfig(AppConfig):
    name = "kennisbrug.radar"
    verbose_name = "Overlapradar en signalen"

    def ready(self) -> None:
        from kennisbrug.radar import signals

        signals.connect()
