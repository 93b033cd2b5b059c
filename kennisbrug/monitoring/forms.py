from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.front.templatetags.front import naam, naamtaal
from kennisbrug.monitoring.models import FundingPeriod
from kennisbrug.monitoring.selection import Selection
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme


class DutchOptionsSelect(forms.Select):
    """Options named after records (werkplaatsen, themes) stay Dutch on the English site and
    say so (WCAG 3.1.2); the empty choice is our own words."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in ("", None):
            option["attrs"]["lang"] = "nl"
        return option


class ThemeOptionsSelect(forms.Select):
    """Theme options in the reader's language where the theme has an English name, each
    saying which language it shows (as ``naamtaal`` does on the pages)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        theme = getattr(value, "instance", None)
        if theme is not None:
            option["attrs"]["lang"] = naamtaal(theme)
        return option


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return naam(obj)


class SelectionForm(forms.Form):
    """The dashboard's filters; read from the query string, so every view has its own URL."""

    periode = forms.ModelChoiceField(
        FundingPeriod.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("alle jaren"),
        label=_("Periode"),
    )
    jaar = forms.IntegerField(
        required=False,
        min_value=1990,
        max_value=2100,
        label=_("Jaar"),
        help_text=_("Eén jaar, bijvoorbeeld voor het jaarverslag; gaat voor de periode."),
    )
    werkplaats = forms.ModelChoiceField(
        Werkplaats.objects.exclude(status=Werkplaats.Status.PREPARING),
        to_field_name="slug",
        required=False,
        empty_label=_("het hele netwerk"),
        label=_("Werkplaats"),
        widget=DutchOptionsSelect,
    )
    thema = ThemeChoiceField(
        Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("alle thema's"),
        label=_("Thema"),
        widget=ThemeOptionsSelect,
    )

    @classmethod
    def from_request(cls, data) -> SelectionForm:
        # A first visit shows the current period; after that the visitor's choice holds.
        if not data:
            current = FundingPeriod.objects.covering(datetime.date.today().year).first()
            data = {"periode": current.slug} if current else {}
        return cls(data)

    def selection(self) -> Selection:
        data = self.cleaned_data if self.is_valid() else {}
        scope = {"werkplaats": data.get("werkplaats"), "theme": data.get("thema")}
        if data.get("jaar"):
            return Selection.for_year(data["jaar"], **scope)
        return Selection.for_period(data.get("periode"), **scope)


class LedgerImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (XLSX of CSV)"),
        help_text=_("Eén regel per partner per jaar; de kolommen staan in de handleiding."),
    )
