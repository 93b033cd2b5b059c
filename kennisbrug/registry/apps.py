from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "kennisbrug.registry"
    verbose_name = "Netwerkregister"
