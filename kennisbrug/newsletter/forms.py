from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme

CONSENT_TEXT = _(
    "Ik wil de nieuwsbrief ontvangen. Kennisbrug gebruikt mijn e-mailadres alleen daarvoor; "
    "ik kan me met één klik afmelden."
)


class InterestsForm(forms.Form):
    whole_network = forms.BooleanField(
        label=_("De nieuwsbrief van het hele netwerk"), required=False, initial=True
    )
    werkplaatsen = forms.ModelMultipleChoiceField(
        label=_("Nieuwsbrieven van werkplaatsen"),
        queryset=Werkplaats.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themanieuwsbrieven"),
        queryset=Theme.objects.filter(parent__isnull=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not (data.get("whole_network") or data.get("werkplaatsen") or data.get("themes")):
            raise forms.ValidationError(_("Kies minstens één nieuwsbrief."))
        return data


class SubscribeForm(InterestsForm):
    email = forms.EmailField(label=_("E-mailadres"))
    name = forms.CharField(label=_("Naam (niet verplicht)"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Zonder toestemming kunnen we je niet inschrijven.")},
    )

    field_order = ["email", "name", "whole_network", "werkplaatsen", "themes", "consent"]
