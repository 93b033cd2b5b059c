from django import forms

from kennisbrug.readiness.models import CRITERIA, ReadinessCheck


class ReadinessForm(forms.ModelForm):
    class Meta:
        model = ReadinessCheck
        fields = [name for name, _label in CRITERIA]
        widgets = {name: forms.Textarea(attrs={"rows": 7}) for name, _label in CRITERIA}
