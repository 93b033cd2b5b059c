from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "kennisbrug.newsletter"
    verbose_name = "Nieuwsbrief"
