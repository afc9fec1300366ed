from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parkcarbon.benchmarking.models import ProductOutput, SiteFacts, product_choices


class ProductOutputForm(forms.ModelForm):
    class Meta:
        model = ProductOutput
        fields = ["product", "quantity", "note"]
        widgets = {"quantity": forms.NumberInput(attrs={"step": "any", "min": 0})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = [("", "---------"), *product_choices(get_language() or "zh-hans")]


class BaseOutputFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        products = [f.cleaned_data.get("product") for f in self.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("product")]
        if len(products) != len(set(products)):
            raise forms.ValidationError(_("Each product may be listed once."))


OutputFormSet = forms.modelformset_factory(ProductOutput, form=ProductOutputForm, formset=BaseOutputFormSet,
                                           extra=2, can_delete=True)


class SiteFactsForm(forms.ModelForm):
    class Meta:
        model = SiteFacts
        fields = ["roof_area_m2"]
