from django import forms
from django.utils.translation import gettext_lazy as _

from parkcarbon.engine import releases
from parkcarbon.engine.park_factors import COLUMNS


def release_choices():
    return [(r.id, f"{r.id} ({r.date.isoformat()})") for r in releases()]


class _ReleaseForm(forms.Form):
    """A release picker: the shipped releases, plus the approved releases of ``park`` when given (a park's own
    factors are offered only to that park's inventories)."""

    release = forms.ChoiceField(label=_("Factor library release"), choices=release_choices)

    def __init__(self, *args, park=None, **kwargs):
        super().__init__(*args, **kwargs)
        if park is not None:
            from parkcarbon.releases.park_releases import release_choices as with_park

            self.fields["release"].choices = with_park(park)


class ReasonForm(_ReleaseForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(_ReleaseForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)


class SeriesForm(_ReleaseForm):
    first_year = forms.IntegerField(label=_("From year"), min_value=2005, max_value=2035)
    last_year = forms.IntegerField(label=_("To year"), min_value=2005, max_value=2035)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ParkReleaseForm(forms.Form):
    base_release = forms.ChoiceField(label=_("On shipped release"), choices=release_choices)
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("What the set holds, e.g. PPA supplier electricity and measured coal NCV."))


class ParkFactorForm(forms.Form):
    """One park factor with the provenance the shipped library carries (engine/park_factors.py COLUMNS)."""

    subject = forms.CharField(label=_("Activity or fuel"), max_length=60,
                              help_text=_("The library's code, e.g. electricity_grid or bituminous_coal."))
    param = forms.CharField(label=_("Parameter"), max_length=30, help_text=_("e.g. ef_grid, ncv, cc, of."))
    gas = forms.CharField(label=_("Gas"), max_length=10, required=False)
    qualifier = forms.CharField(label=_("Qualifier"), max_length=60, required=False)
    region = forms.CharField(label=_("Region"), max_length=20, initial="CN")
    valid_from = forms.IntegerField(label=_("Valid from (year)"))
    valid_to = forms.IntegerField(label=_("Valid to (year)"), required=False)
    value = forms.FloatField(label=_("Value"))
    unit = forms.CharField(label=_("Unit"), max_length=30)
    uncertainty_pct = forms.FloatField(label=_("Uncertainty (%)"), initial=0)
    source_document = forms.CharField(label=_("Source document"), max_length=300,
                                      help_text=_("e.g. the supply contract or the laboratory report, with its number."))
    source_table = forms.CharField(label=_("Table or page"), max_length=200)
    source_year = forms.IntegerField(label=_("Year of the source"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def row(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in COLUMNS}


class ParkFactorUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV or xlsx file"),
                           help_text=_("Columns: %(columns)s") % {"columns": ",".join(COLUMNS)})


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for rejection"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
