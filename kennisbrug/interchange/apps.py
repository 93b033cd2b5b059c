from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "kennisbrug.interchange"
    verbose_name = "Import en export"
