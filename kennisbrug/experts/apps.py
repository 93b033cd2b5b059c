from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "kennisbrug.experts"
    verbose_name = _("Wie weet hier meer van")
