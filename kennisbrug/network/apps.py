from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "kennisbrug.network"
    verbose_name = "Netwerk en kaart"
