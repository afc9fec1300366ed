"""Forms of the Park Management section. Every dropdown is limited through ``for_user``."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkcarbon.parks import industry
from parkcarbon.parks.division_field import DivisionField
from parkcarbon.parks.models import Agency, Enterprise, Park, Zone


class UserScopedForm(forms.ModelForm):
    """A ModelForm that knows the acting user (for dropdown restriction)."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


def _park_field(form, action: str) -> None:
    """New objects: choose among the parks the user may perform ``action`` on; existing: park is fixed."""
    if form.instance.pk:
        form.fields.pop("park", None)
        return
    parks = Park.objects.for_user(form.user, action)
    form.fields["park"].queryset = parks
    form.fields["park"].empty_label = _("Choose a park")
    if parks.count() == 1:
        form.fields["park"].initial = parks.first()


class ParkForm(UserScopedForm):
    """The park profile. The code is an identifier used across the platform: only Django admin changes it."""

    division = DivisionField(label=_("region"))

    class Meta:
        model = Park
        fields = ["name", "name_en", "division", "level", "area_km2", "leading_industries"]


class ZoneForm(UserScopedForm):
    class Meta:
        model = Zone
        fields = ["park", "name", "name_en", "code", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _park_field(self, "add_zone")

    def clean(self):
        cleaned = super().clean()
        # When editing, `park` is not a form field, so Django skips the (park, code) constraint: check here.
        code = cleaned.get("code")
        if self.instance.pk and code:
            taken = Zone.objects.filter(park=self.instance.park_id, code=code).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("code", _("This park already has a zone with this code."))
        return cleaned


class IndustryCodeInput(forms.TextInput):
    """A text box with the app's own <datalist> of every GB/T 4754-2017 class: the browser searches it by code or
    by any part of the name as the user types (no script, nothing from a CDN)."""

    template_name = "parks/widgets/industry_code.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["options"] = industry.class_options()
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs'].get('id', name)}-classes"
        return context


class IndustryCodeField(forms.CharField):
    """A 4-digit class of GB/T 4754-2017. Accepts the code alone or as picked from the list ("3011 水泥制造")."""

    widget = IndustryCodeInput

    def __init__(self, **kwargs):
        super().__init__(max_length=300, **kwargs)

    def prepare_value(self, value):
        item = industry.lookup(str(value or "").strip())
        return f"{item.code} {item.name}" if item else value

    def to_python(self, value):
        return super().to_python(value).split(" ", 1)[0].strip().upper()

    def validate(self, value):
        super().validate(value)
        item = industry.lookup(value)
        if value and (item is None or item.level != "class"):
            raise forms.ValidationError(
                _("%(value)s is not a 4-digit class of GB/T 4754-2017. Type a code or part of the industry's "
                  "name and choose from the list."),
                code="industry_class", params={"value": value},
            )


class EnterpriseForm(UserScopedForm):
    division = DivisionField(label=_("region"), required=False,
                             help_text=_("Leave empty when the enterprise lies in the park's county."))
    industry_code = IndustryCodeField(
        label=_("industry (GB/T 4754-2017)"),
        help_text=_("The 4-digit class: type its code or part of its name, e.g. 3011 or 水泥 / cement."),
    )

    class Meta:
        model = Enterprise
        fields = [
            "park",
            "zone",
            "name",
            "name_en",
            "credit_code",
            "industry_code",
            "is_key_emitter",
            "division",
            "contact_person",
            "contact_phone",
            "contact_email",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _park_field(self, "add_enterprise")
        self.fields["industry_code"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        parks = [self.instance.park_id] if self.instance.pk else self.fields["park"].queryset
        self.fields["zone"].queryset = Zone.objects.for_user(self.user).filter(park__in=parks)
        self.fields["zone"].empty_label = _("No zone")
        self.fields["credit_code"].widget.attrs.update({"maxlength": 18, "style": "text-transform:uppercase"})

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        park = cleaned.get("park") or (self.instance.park if self.instance.pk else None)
        zone = cleaned.get("zone")
        if zone and park and zone.park_id != park.pk:
            self.add_error("zone", _("This zone belongs to another park."))
        return cleaned


class AgencyForm(UserScopedForm):
    park = forms.ModelChoiceField(
        Park.objects.none(), label=_("park"), help_text=_("The agency is assigned to this park when created.")
    )

    class Meta:
        model = Agency
        fields = ["kind", "name", "name_en", "credit_code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _park_field(self, "add_agency")

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()

    def save(self, commit=True):
        agency = super().save(commit=commit)
        if commit and "park" in self.cleaned_data:
            agency.parks.add(self.cleaned_data["park"])
        return agency


class AgencyAssignForm(forms.Form):
    """Assign an agency to parks/enterprises the acting user administers.

    Assignments outside the user's reach (another park's) are kept untouched.
    """

    parks = forms.ModelMultipleChoiceField(
        Park.objects.none(), required=False, label=_("assigned parks"), widget=forms.CheckboxSelectMultiple
    )
    enterprises = forms.ModelMultipleChoiceField(
        Enterprise.objects.none(),
        required=False,
        label=_("assigned enterprises"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agency, user, **kwargs):
        self.agency, self.user = agency, user
        super().__init__(*args, **kwargs)
        parks = Park.objects.for_user(user, "add_agency")
        self.fields["parks"].queryset = parks
        self.fields["enterprises"].queryset = Enterprise.objects.for_user(user, "change").filter(
            park__in=parks
        )
        if not self.is_bound:
            self.initial = {
                "parks": agency.parks.filter(pk__in=parks),
                "enterprises": agency.enterprises.filter(pk__in=self.fields["enterprises"].queryset),
            }

    def save(self) -> None:
        for name in ("parks", "enterprises"):
            reachable = self.fields[name].queryset
            relation = getattr(self.agency, name)
            kept = relation.exclude(pk__in=reachable)
            relation.set([*kept, *self.cleaned_data[name]])


class EnterpriseFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    park = forms.ModelChoiceField(Park.objects.none(), required=False, label=_("park"))
    zone = forms.ModelChoiceField(Zone.objects.none(), required=False, label=_("zone"))
    industry = forms.ChoiceField(required=False, label=_("industry"))
    key = forms.ChoiceField(
        required=False,
        label=_("key emitting unit"),
        choices=[("", _("All")), ("1", _("Key emitting units")), ("0", _("Other enterprises"))],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = Park.objects.for_user(user)
        self.fields["park"].empty_label = _("All parks")
        self.fields["zone"].queryset = Zone.objects.for_user(user).select_related("park")
        self.fields["zone"].empty_label = _("All zones")
        divisions = [(c.code, str(c)) for c in industry.industry_codes().values() if c.level == "division"]
        self.fields["industry"].choices = [("", _("All industries")), *divisions]
        self.fields["q"].widget.attrs["placeholder"] = _("Name or credit code")

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            q = data["q"].strip()
            queryset = queryset.filter(
                Q(name__icontains=q) | Q(name_en__icontains=q) | Q(credit_code__icontains=q)
            )
        if data["park"]:
            queryset = queryset.filter(park=data["park"])
        if data["zone"]:
            queryset = queryset.filter(zone=data["zone"])
        if data["industry"]:
            queryset = queryset.filter(industry_code__startswith=data["industry"])
        if data["key"]:
            queryset = queryset.filter(is_key_emitter=data["key"] == "1")
        return queryset
