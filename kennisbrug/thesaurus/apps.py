from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThesaurusConfig(AppConfig):
    name = "kennisbrug.thesaurus"
    verbose_name = _("Thesaurus")
