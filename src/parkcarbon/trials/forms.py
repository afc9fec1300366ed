"""The public application form and the reviewer's decision forms."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parkcarbon.parks import industry
from parkcarbon.parks.division_field import DivisionField
from parkcarbon.parks.validators import normalise_cn_mobile
from parkcarbon.trials.models import TrialApplication


def industry_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """GB/T 4754-2017 sections and their divisions (the level at which a park names its leading industries)."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for item in industry.industry_codes().values():
        if item.level == "section":
            groups.append((str(item), [(item.code, f"{item.code} {item.name}")]))
        elif item.level == "division":
            groups[-1][1].append((item.code, f"{item.code} {item.name}"))
    return groups


class ApplicationForm(forms.ModelForm):
    division = DivisionField(label=_("province / city / county"))
    mobile = forms.CharField(label=_("mobile phone"), max_length=20,  # "+86 138-0013-8000" before normalising
                             widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    industries = forms.MultipleChoiceField(
        label=_("leading industries"), required=False, choices=industry_choices,
        help_text=_("GB/T 4754-2017 sections or divisions; hold Ctrl (⌘) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = TrialApplication
        fields = ["park_name", "level", "division", "area_km2", "industries", "enterprise_count",
                  "contact_name", "mobile", "email", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4}),
                   "email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", _("Choose a level")), *self.fields["level"].choices[1:]]

    def clean_mobile(self):
        return normalise_cn_mobile(self.cleaned_data["mobile"])

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_industries(self):
        return ",".join(self.cleaned_data["industries"])


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             help_text=_("Sent to the applicant."))


class ApproveForm(forms.Form):
    trial_days = forms.IntegerField(label=_("trial days"), min_value=1, max_value=365,
                                    initial=lambda: settings.PARKCARBON_TRIAL_DAYS)


class ExtendForm(forms.Form):
    # An <input type="date"> takes only ISO dates: the localized zh value (2026/12/29) left it empty.
    until = forms.DateField(label=_("trial ends on"),
                            widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))

    def __init__(self, *args, park, **kwargs):
        super().__init__(*args, **kwargs)
        start = max(park.trial_ends_on or timezone.localdate(), timezone.localdate())
        self.fields["until"].initial = start + timedelta(days=30)

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until < timezone.localdate():
            raise forms.ValidationError(_("The new end date must be today or later."))
        return until
