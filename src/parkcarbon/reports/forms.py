from django import forms
from django.utils.translation import gettext_lazy as _


class ReportForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"), widget=forms.RadioSelect)

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = templates
        self.fields["template"].initial = templates[0][0]
