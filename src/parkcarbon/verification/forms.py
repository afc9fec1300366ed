from django import forms
from django.utils.translation import gettext_lazy as _

from parkcarbon.verification.models import Opinion


class CommentForm(forms.Form):
    line = forms.TypedChoiceField(label=_("On line"), required=False, coerce=int, empty_value=None)
    text = forms.CharField(label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [("", _("The whole inventory")), *lines]


class ReturnForm(forms.Form):
    text = forms.CharField(label=_("What should the reporter correct?"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(forms.Form):
    text = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class AdjustmentForm(forms.Form):
    line = forms.TypedChoiceField(label=_("Line"), coerce=int)
    verified_amount = forms.FloatField(label=_("Verified amount (in the line's unit)"), min_value=0)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Evidence file"), required=False)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = list(lines)


class ConclusionForm(forms.Form):
    opinion = forms.ChoiceField(label=_("Conclusion"), choices=Opinion.choices, widget=forms.RadioSelect)
    statement = forms.CharField(label=_("Verification statement"), max_length=5000,
                                widget=forms.Textarea(attrs={"rows": 4}))


class NewVersionForm(forms.Form):
    text = forms.CharField(label=_("Why is the inventory corrected?"), max_length=500)
