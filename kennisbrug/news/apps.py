from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "kennisbrug.news"
    verbose_name = "Nieuws en dossier"
