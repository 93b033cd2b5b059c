from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "kennisbrug.programmes"
    verbose_name = "Externe programma's en hun projecten"
