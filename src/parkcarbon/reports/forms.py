from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parkcarbon.reports.content import LANGUAGE


class ReportForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"), widget=forms.RadioSelect)
    verified_only = forms.BooleanField(
        label=_("Verified inventories only"), required=False,
        help_text=_("Park reports: count only enterprise inventories with a positive verification conclusion, at "
                    "their verified figures. The report says so."))

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = templates
        # Preselect a report in the reader's language (an English user used to get the Chinese report by default).
        in_language = [key for key, _label in templates if LANGUAGE.get(key) == get_language()]
        self.fields["template"].initial = (in_language or [templates[0][0]])[0]
