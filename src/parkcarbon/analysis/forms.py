from django import forms
from django.utils.translation import gettext_lazy as _

from parkcarbon.analysis.models import Scenario

END_YEARS = (2026, 2060)


class ScenarioForm(forms.ModelForm):
    class Meta:
        model = Scenario
        fields = ["name", "end_year", "output_growth_pct", "energy_intensity_decline_pct", "grid_ef_decline_pct",
                  "coal_to_gas_pct", "renewable_share_pct"]

    def clean_end_year(self):
        year = self.cleaned_data["end_year"]
        if not END_YEARS[0] <= year <= END_YEARS[1]:
            raise forms.ValidationError(_("Choose an end year from %(low)s to %(high)s."),
                                        params={"low": END_YEARS[0], "high": END_YEARS[1]})
        return year

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Scenario.objects.filter(park=self.instance.park_id, name=name).exclude(pk=self.instance.pk)
        if others.exists():  # the park is not a form field, so the model's constraint is not checked by the form
            raise forms.ValidationError(_("This park already has a scenario with this name."))
        return name
