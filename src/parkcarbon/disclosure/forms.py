from django import forms
from django.utils.translation import gettext_lazy as _

from parkcarbon.disclosure import frameworks, items
from parkcarbon.disclosure.models import Disclosure

YEARS = (2005, 2035)  # the engine's year range (engine/data/years.csv)


class CreateForm(forms.Form):
    entity = forms.ChoiceField(label=_("Disclosing entity"))
    year = forms.IntegerField(label=_("Reporting year"), min_value=YEARS[0], max_value=YEARS[1])

    def __init__(self, *args, entities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entity"].choices = list(entities)


class DisclosureForm(forms.ModelForm):
    items = forms.MultipleChoiceField(label=_("Items to disclose"), widget=forms.CheckboxSelectMultiple,
                                      required=False)
    frameworks = forms.MultipleChoiceField(label=_("Frameworks to report coverage against"),
                                           widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = Disclosure
        fields = ["items", "frameworks", "label_unverified", "target_metric", "target_scopes", "target_base_year",
                  "target_base_value", "target_year", "target_reduction_pct", "target_net", "target_credits",
                  "target_description", "measures", "correction_reason"]
        widgets = {"target_description": forms.Textarea(attrs={"rows": 2}),
                   "measures": forms.Textarea(attrs={"rows": 4}),
                   "correction_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = items.choices()
        self.fields["frameworks"].choices = frameworks.choices()
        for name in ("target_base_year", "target_year"):
            self.fields[name].widget.attrs.update(min=YEARS[0], max=2100)
        self.fields["target_reduction_pct"].widget.attrs.update(min=0, max=100, step="any")
        if self.instance.version == 1:
            del self.fields["correction_reason"]
        else:
            self.fields["correction_reason"].required = True

    def clean_target_reduction_pct(self):
        value = self.cleaned_data.get("target_reduction_pct")
        if value is not None and not 0 <= value <= 100:
            raise forms.ValidationError(_("Give the reduction as a percentage between 0 and 100."))
        return value

    def clean_target_base_value(self):
        value = self.cleaned_data.get("target_base_value")
        if value is not None and not 0 <= value < 1e12:
            raise forms.ValidationError(_("The base-year value must be zero or more."))
        return value

    def clean_target_base_year(self):
        return self._year("target_base_year")

    def clean_target_year(self):
        return self._year("target_year")

    def _year(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and not YEARS[0] <= value <= 2100:
            raise forms.ValidationError(_("Give a year between %(first)s and 2100.") % {"first": YEARS[0]})
        return value


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("What should change?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class CorrectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
