from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "kennisbrug.themes"
    verbose_name = "Thema's en agenda's"
