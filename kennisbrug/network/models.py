"""Municipality boundaries imported from CBS (``kennisbrug import-boundaries``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityBoundary(models.Model):
    """The outline of one gemeente, keyed by its CBS code (GM0363), as the user imported it.

    Kept apart from the registry's Municipality: a CBS file holds every gemeente of the
    country, most of which the registry never mentions, and the map draws them all.
    """

    code = models.CharField(_("CBS-code"), max_length=6, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    #: [[[[lon, lat], ...] ring, ...] polygon, ...] in WGS84, simplified to about 50 metres.
    geometry = models.JSONField(_("grens"))
    centroid_lat = models.FloatField(_("middelpunt (breedte)"))
    centroid_lon = models.FloatField(_("middelpunt (lengte)"))
    imported_at = models.DateTimeField(_("geïmporteerd"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("gemeentegrens")
        verbose_name_plural = _("gemeentegrenzen")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
