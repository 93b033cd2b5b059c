from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kennisbrug.core"
    verbose_name = "Kern"
