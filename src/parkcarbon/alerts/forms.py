"""Rule and acknowledgement forms. Every dropdown is limited to the parks the user may add rules to."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parkcarbon.alerts.models import Metric, Rule
from parkcarbon.engine import load_library, units
from parkcarbon.engine.errors import EngineError
from parkcarbon.parks.forms import UserScopedForm, _park_field
from parkcarbon.parks.models import Enterprise, Zone

LINE_METRICS = (Metric.MISSING_MONTHS, Metric.DEFAULT_DEVIATION, Metric.MEASURED_RANGE)


class RuleForm(UserScopedForm):
    class Meta:
        model = Rule
        fields = ["park", "name", "metric", "threshold", "lower_bound", "parameter", "unit", "activity", "zone",
                  "industry_prefix", "enterprise", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _park_field(self, "add_rule")
        parks = [self.instance.park_id] if self.instance.pk else self.fields["park"].queryset
        self.fields["zone"].queryset = Zone.objects.filter(park__in=parks)
        self.fields["enterprise"].queryset = Enterprise.objects.filter(park__in=parks)

    def clean(self):
        cleaned = super().clean()
        park = cleaned.get("park") or (self.instance.park if self.instance.pk else None)
        for name in ("zone", "enterprise"):
            if cleaned.get(name) and park and cleaned[name].park_id != park.pk:
                self.add_error(name, _("Choose one of the park's own."))
        prefix = cleaned.get("industry_prefix", "")
        if prefix and not prefix.isdigit():
            self.add_error("industry_prefix", _("Give the first digits of a GB/T 4754-2017 code, e.g. 31 or 3120."))
        activity = cleaned.get("activity", "")
        if activity and activity not in load_library().activities:
            self.add_error("activity", _("Unknown activity code: use a code of the activity list (e.g. diesel)."))
        metric, threshold = cleaned.get("metric"), cleaned.get("threshold")
        if metric == Metric.MEASURED_RANGE:
            if not cleaned.get("parameter"):
                self.add_error("parameter", _("A measured range needs the parameter it checks."))
            low = cleaned.get("lower_bound")
            if low is not None and threshold is not None and low > threshold:
                self.add_error("lower_bound", _("The lower bound must not exceed the threshold (the upper bound)."))
            if cleaned.get("unit"):
                try:
                    units.factor(cleaned["unit"], cleaned["unit"])
                except EngineError:
                    self.add_error("unit", _("Unknown unit: write it as in the template, e.g. GJ/t."))
        elif threshold is not None and threshold < 0 and metric not in (Metric.CHANGE_YEAR, Metric.CHANGE_MONTH):
            self.add_error("threshold", _("The threshold must not be negative."))
        if activity and metric not in LINE_METRICS:
            self.add_error("activity", _("Only the data-quality rules look at single activities."))
        return cleaned


class AcknowledgeForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("What was checked or done; kept with your name and the time."))
