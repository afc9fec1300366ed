"""Forms of Carbon Accounting. Entity dropdowns come from ``for_user``; activity choices from the engine."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.library import SECTORS
from parkcarbon.engine.methods import METHODS
from parkcarbon.engine.values import FIELDS, check_values
from parkcarbon.inventory.models import ActivityLine, Inventory
from parkcarbon.inventory.regions import province_choices, region_for_province
from parkcarbon.parks.models import Enterprise, Park

SECTOR_LABELS = {
    "energy_industries": _("Energy industries (power, heat)"), "industry": _("Industry"), "buildings": _("Buildings"),
    "residential": _("Residential"), "transport": _("Transport"), "agriculture": _("Agriculture"),
    "waste": _("Waste"), "land": _("Land use"),
}


def activity_choices(section: str, methodologies=()) -> list[tuple[str, list[tuple[str, str]]]]:
    """Activities of a section in the user's language: the chosen guidelines' source categories first (in the
    guideline's order), then every other activity grouped by category."""
    zh = (get_language() or "").startswith("zh")
    lib = load_library()

    def name(code):
        act = lib.activities[code]
        return act.name_zh if zh else act.name_en

    groups: list[tuple[str, list[tuple[str, str]]]] = []
    shown: set[str] = set()
    for method_id in methodologies:
        for cat in M.get(method_id).categories:
            codes = [c for c in cat.activities if c in lib.activities and lib.activities[c].section == section
                     and c not in shown]
            if codes:
                groups.append((cat.title_zh if zh else cat.title_en, [(c, name(c)) for c in codes]))
                shown.update(codes)
    others: dict[str, list[tuple[str, str]]] = {}
    for act in lib.activities.values():
        if act.section == section and act.code not in shown:
            others.setdefault(act.category, []).append((act.code, name(act.code)))
    prefix = _("Not in the chosen guideline") + ": " if methodologies else ""
    groups += [(prefix + category.replace("_", " ").capitalize(), items) for category, items in others.items()]
    return groups


class InventoryForm(forms.ModelForm):
    """Basic information: boundary (the park's own sources, or one enterprise), year, region, standard, GWP."""

    boundary = forms.ChoiceField(label=_("Accounting boundary"), choices=[])
    methodologies = forms.MultipleChoiceField(
        label=_("Accounting guidelines"), required=False, widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Leave empty to follow the guideline proposed for the enterprise's industry (GB/T 4754-2017), or "
                    "the park inventory guideline for the park's own sources. A multi-industry enterprise may choose "
                    "several; the first decides the GWP set and the counting rules."),
    )
    gwp_set = forms.ChoiceField(label=_("GWP set"), required=False)

    class Meta:
        model = Inventory
        fields = ["year", "region", "methodologies", "standard", "gwp_set", "grid_basis", "output_value_10k_yuan",
                  "value_added_10k_yuan", "contact_name", "contact_phone"]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        zh = (get_language() or "").startswith("zh")
        self.fields["methodologies"].choices = [
            (m.id, (m.title_zh if zh else m.title_en) + ("" if m.status == "complete" else " *"))
            for m in M.methodologies().values()
        ]
        self.fields["gwp_set"].choices = [("", _("The guideline's own set")), *[(g, g) for g in ("SAR", "AR4", "AR5", "AR6")]]
        self.fields["region"] = forms.ChoiceField(label=_("Region"), choices=province_choices(),
                                                  help_text=self.fields["region"].help_text)
        self.fields["year"].widget.attrs.update({"min": 2005, "max": 2100})
        if self.instance.pk:
            self.fields.pop("boundary")
            return
        parks = Park.objects.for_user(user, "add_inventory")
        enterprises = Enterprise.objects.for_user(user, "add_inventory").select_related("park")
        choices = [(f"park:{p.pk}", _("Park's own sources: %(park)s") % {"park": p.display_name}) for p in parks]
        choices += [(f"enterprise:{e.pk}", e.display_name) for e in enterprises]
        self.fields["boundary"].choices = choices
        self.order_fields(["boundary"])
        first_park = parks.first() or (enterprises.first().park if enterprises.exists() else None)
        if first_park is not None:
            self.fields["region"].initial = region_for_province(first_park.province)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2005 <= year <= 2100:
            raise forms.ValidationError(_("Enter a reporting year between 2005 and 2100."))
        return year

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            clash = Inventory.objects.filter(park=self.instance.park_id, enterprise=self.instance.enterprise_id,
                                             year=cleaned.get("year")).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("year", _("An inventory for this boundary and year exists already."))
            return cleaned
        if "boundary" not in cleaned:
            return cleaned
        kind, _sep, pk = cleaned["boundary"].partition(":")
        if kind == "park":
            self.instance.park = Park.objects.for_user(self.user, "add_inventory").get(pk=pk)
            self.instance.enterprise = None
        else:
            enterprise = Enterprise.objects.for_user(self.user, "add_inventory").get(pk=pk)
            self.instance.enterprise, self.instance.park = enterprise, enterprise.park
        year = cleaned.get("year")
        clash = Inventory.objects.filter(park=self.instance.park, enterprise=self.instance.enterprise, year=year)
        if year and clash.exists():
            raise forms.ValidationError(_("An inventory for this boundary and year exists already."))
        return cleaned

    def _post_clean(self):
        """Fill what the user left to the guideline: the methodology proposed for the boundary, its GWP set."""
        from parkcarbon.engine.errors import InputError
        from parkcarbon.inventory.services import default_methodologies

        data = self.cleaned_data
        if not data.get("methodologies") and (self.instance.pk or self.instance.park_id):
            try:
                data["methodologies"] = default_methodologies(self.instance)
            except InputError as exc:
                self.add_error("methodologies", exc.problems[0].message)
        if not data.get("gwp_set") and data.get("methodologies"):
            data["gwp_set"] = M.get(data["methodologies"][0]).gwp
        super()._post_clean()


def measured_params(section: str) -> list:
    """Overridable parameters of the section's methods, in order, once each."""
    seen: dict[str, object] = {}
    for act in load_library().activities.values():
        if act.section == section:
            for p in METHODS[act.method].params:
                if p.overridable:
                    seen.setdefault(p.name, p)
    return list(seen.values())


class LineForm(forms.ModelForm):
    """One activity line typed by hand, with optional measured parameters (value + unit) and evidence."""

    class Meta:
        model = ActivityLine
        fields = ["activity", "amount", "unit", "month", "sector", "ad_uncertainty_pct", "note", "evidence"]

    def __init__(self, *args, section: str, methodologies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        self.fields["activity"] = forms.ChoiceField(
            label=_("Activity"), choices=[("", "---------"), *activity_choices(section, methodologies)])
        self.fields["sector"] = forms.ChoiceField(
            label=_("Sector"), required=False,
            choices=[("", _("Default of the activity")), *[(s, SECTOR_LABELS[s]) for s in SECTORS]],
        )
        self.fields["month"] = forms.TypedChoiceField(
            label=_("Month"), coerce=int, initial=0,
            choices=[(0, _("Whole year")), *[(m, str(m)) for m in range(1, 13)]],
        )
        self.fields["amount"].widget.attrs.update({"step": "any", "min": 0})
        self.fields["unit"].widget.attrs.update({"list": "unit-options", "autocomplete": "off"})
        zh = (get_language() or "").startswith("zh")
        self.params = measured_params(section)
        for p in self.params:
            label = (p.label_zh if zh else p.label_en) or p.name
            spec = (self.instance.measured or {}).get(p.name, {}) if self.instance.pk else {}
            self.fields[f"p_{p.name}"] = forms.FloatField(label=_("Measured: %(p)s") % {"p": label}, required=False,
                                                          initial=spec.get("value"))
            self.fields[f"p_{p.name}_unit"] = forms.CharField(label=_("Unit of %(p)s") % {"p": label}, required=False,
                                                              initial=spec.get("unit"),
                                                              widget=forms.TextInput(attrs={"placeholder": p.unit.replace("{amount}", "t")}))

    def clean(self):
        """The engine's value check, the same as for uploads and the CLI (finite, bounded, no control characters)."""
        cleaned = super().clean()
        row = {k: cleaned.get(k) for k in ("activity", "amount", "unit", "month", "ad_uncertainty_pct", "note")}
        for p in self.params:
            row[p.name], row[f"{p.name}_unit"] = cleaned.get(f"p_{p.name}"), cleaned.get(f"p_{p.name}_unit")
        zh = (get_language() or "").startswith("zh")
        for problem in check_values([row]):
            name = problem.column if problem.column in self.fields else f"p_{problem.column}"
            if name in self.fields:
                self.add_error(name, problem.text(get_language()))
            else:  # a field this form does not show (e.g. a landfill deposit's year): name it in the message
                f = FIELDS.get(problem.column)
                label = (f.label_zh if zh else f.label_en) if f else problem.column
                self.add_error(None, f"{label}{'：' if zh else ': '}{problem.text(get_language())}")
        return cleaned

    def measured(self) -> dict:
        out = {}
        for p in self.params:
            value = self.cleaned_data.get(f"p_{p.name}")
            if value is not None:
                out[p.name] = {"value": value, "unit": (self.cleaned_data.get(f"p_{p.name}_unit") or "").strip()}
        return out

    def engine_row(self) -> dict:
        data = self.cleaned_data
        row = {"row_id": "line", "activity": data["activity"], "amount": data["amount"], "unit": data["unit"],
               "month": data.get("month") or 0, "sector": data.get("sector") or None,
               "ad_uncertainty_pct": data.get("ad_uncertainty_pct")}
        for name, spec in self.measured().items():
            row[name], row[f"{name}_unit"] = spec["value"], spec["unit"]
        return row


def unit_options() -> list[str]:
    """Units offered while typing (any unit of the activity's quantity is accepted)."""
    from parkcarbon.engine.units import names

    return [n for n in names() if n not in ("1", "-")]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Standard Excel file (.xlsx)"))
