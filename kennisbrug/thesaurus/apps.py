from django.apps import AppConfig


class ThesaurusConfig(AppConfig):
    name = "kennisbrug.thesaurus"
    verbose_name = "Thesaurus"
