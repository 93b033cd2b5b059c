from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "kennisbrug.interventions"
    verbose_name = "Landelijke interventies"
