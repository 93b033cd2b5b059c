from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "kennisbrug.privacy"
    verbose_name = "Privacy"
