from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kennisbrug.audit"
    verbose_name = "Auditlog"

    def ready(self) -> None:
        from kennisbrug.audit import signals

        signals.connect()
