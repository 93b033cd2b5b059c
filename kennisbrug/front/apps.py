from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "kennisbrug.front"
    verbose_name = "Publieke site"
