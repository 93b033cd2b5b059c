from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "kennisbrug.events"
    verbose_name = "Evenementen"
