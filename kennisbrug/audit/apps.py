from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kennisbrug.audit"
    verbose_name = _("Auditlog")

    def ready(self) -> None:
        from kennisbrug.audit import signals

        signals.connect()
