from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.events.models import Event, Workshop


class RegistrationForm(forms.Form):
    """Name, e-mail, organisation, one optional workshop per round, and consent."""

    name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(label=_("E-mailadres"))
    organisation = forms.CharField(
        label=_("Organisatie (niet verplicht)"), max_length=200, required=False
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming om mijn gegevens te gebruiken voor dit evenement. "
            "Na afloop worden ze geanonimiseerd."
        ),
        error_messages={"required": _("Zonder toestemming kunnen we je niet aanmelden.")},
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.round_fields = []
        for round_ in event.rounds.prefetch_related("workshops"):
            choices = [("", _("Geen workshop in deze ronde"))]
            for workshop in round_.workshops.all():
                label = workshop.title
                if workshop.confirmed_count() >= workshop.capacity:
                    label = _("%(title)s (vol: wachtlijst)") % {"title": workshop.title}
                choices.append((str(workshop.pk), label))
            name = f"ronde_{round_.pk}"
            self.fields[name] = forms.ChoiceField(
                label=str(round_), choices=choices, required=False, widget=forms.RadioSelect
            )
            self.round_fields.append(name)

    def chosen_workshops(self) -> list[Workshop]:
        ids = [int(self.cleaned_data[n]) for n in self.round_fields if self.cleaned_data.get(n)]
        return list(
            Workshop.objects.filter(pk__in=ids, round__event=self.event).select_related("round")
        )
