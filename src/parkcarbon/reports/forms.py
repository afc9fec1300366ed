from django import forms
from django.utils.translation import gettext_lazy as _


class ReportForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"), widget=forms.RadioSelect)
    verified_only = forms.BooleanField(
        label=_("Verified inventories only"), required=False,
        help_text=_("Park reports: count only enterprise inventories with a positive verification conclusion, at "
                    "their verified figures. The report says so."))

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = templates
        self.fields["template"].initial = templates[0][0]
