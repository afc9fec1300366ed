from django import forms
from django.utils.translation import gettext_lazy as _

from parkcarbon.engine import releases


def release_choices():
    return [(r.id, f"{r.id} ({r.date.isoformat()})") for r in releases()]


class ReasonForm(forms.Form):
    release = forms.ChoiceField(label=_("Factor library release"), choices=release_choices)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(forms.Form):
    release = forms.ChoiceField(label=_("Factor library release"), choices=release_choices)
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)


class SeriesForm(forms.Form):
    release = forms.ChoiceField(label=_("Factor library release"), choices=release_choices)
    first_year = forms.IntegerField(label=_("From year"), min_value=2005, max_value=2035)
    last_year = forms.IntegerField(label=_("To year"), min_value=2005, max_value=2035)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
