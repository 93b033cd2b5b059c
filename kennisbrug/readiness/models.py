"""The databank-readiness check of a regional method: its description in the structure of
the "Goed beschreven" criteria of the Erkenningscommissie Interventies, filled in by the
werkplaats's editors, so it can be scored and exported as a draft databank description."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kennisbrug.products.models import Product

#: The criteria, in the order of a databank's worksheet: (field name, heading).
CRITERIA = [
    ("aanleiding", _("Aanleiding")),
    ("doelgroep", _("Doelgroep")),
    ("doelen", _("Doelen")),
    ("aanpak", _("Aanpak")),
    ("randvoorwaarden", _("Randvoorwaarden")),
    ("overdraagbaarheid", _("Overdraagbaarheid")),
    ("onderzoek", _("Onderzoek naar praktijkervaringen")),
]


class ReadinessCheck(models.Model):
    product = models.OneToOneField(
        Product,
        on_delete=models.CASCADE,
        related_name="readiness_check",
        verbose_name=_("methode"),
    )
    aanleiding = models.TextField(
        _("aanleiding"), blank=True, help_text=_("Welk probleem, bij wie, hoe groot, waardoor?")
    )
    doelgroep = models.TextField(
        _("doelgroep"),
        blank=True,
        help_text=_("Voor wie wel en voor wie niet; wie voert uit (intermediaire doelgroep)?"),
    )
    doelen = models.TextField(
        _("doelen"), blank=True, help_text=_("Hoofddoel en subdoelen: wat is er na afloop anders?")
    )
    aanpak = models.TextField(
        _("aanpak"),
        blank=True,
        help_text=_("Fasen of stappen, duur en frequentie, wie doet wat."),
    )
    randvoorwaarden = models.TextField(
        _("randvoorwaarden"),
        blank=True,
        help_text=_("Opleiding van uitvoerders, tijd, kosten, materialen, samenwerking."),
    )
    overdraagbaarheid = models.TextField(
        _("overdraagbaarheid"),
        blank=True,
        help_text=_("Kan een andere organisatie of gemeente dit uitvoeren? Met welke handleiding?"),
    )
    onderzoek = models.TextField(
        _("onderzoek naar praktijkervaringen"),
        blank=True,
        help_text=_("Hoe zijn ervaringen van deelnemers en uitvoerders verzameld, en wat bleek?"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bijgewerkt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("databankrijpheidscheck")
        verbose_name_plural = _("databankrijpheidschecks")

    def __str__(self) -> str:
        return str(self.product)

    def get_absolute_url(self) -> str:
        return reverse("readiness:check", args=[self.product_id])

    @property
    def werkplaats_id(self) -> int | None:
        return self.product.werkplaats_id

    def fields(self) -> dict[str, str]:
        return {name: getattr(self, name) for name, _label in CRITERIA}
