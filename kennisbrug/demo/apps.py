from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kennisbrug.demo"
    verbose_name = "Demodata"
