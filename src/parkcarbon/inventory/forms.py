"""Forms of Carbon Accounting. Entity dropdowns come from ``for_user``; activity choices from the engine."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.calculate import GWP_SETS
from parkcarbon.engine.library import SECTORS
from parkcarbon.engine.methods import METHODS
from parkcarbon.engine.values import FIELDS, IDENTITY_FIELDS, check_values
from parkcarbon.inventory import guide
from parkcarbon.inventory.models import GWP_LABELS, ActivityLine, Inventory
from parkcarbon.inventory.regions import division_default, division_of_region, region_for_division
from parkcarbon.parks.division_field import DivisionField
from parkcarbon.parks.models import Enterprise, Park

GWP_CHOICES = [(g, GWP_LABELS.get(g, g)) for g in GWP_SETS]

SECTOR_LABELS = {
    "energy_industries": _("Energy industries (power, heat)"), "industry": _("Industry"), "buildings": _("Buildings"),
    "residential": _("Residential"), "transport": _("Transport"), "agriculture": _("Agriculture"),
    "waste": _("Waste"), "land": _("Land use"),
}


def activity_choices(section: str, methodologies=(), park_level: bool = False) -> list[tuple[str, list]]:
    """Activities of a section in the user's language: the chosen guidelines' source categories first (in the
    guideline's order), then the others grouped by the guideline that covers them, the group saying what to do."""
    lib = load_library()
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    shown: set[str] = set()
    for method_id in methodologies:
        for cat in M.get(method_id).categories:
            codes = [c for c in cat.activities if c in lib.activities and lib.activities[c].section == section
                     and c not in shown]
            if codes:
                groups.append((cat.title_zh if guide.zh() else cat.title_en,
                               [(c, guide.activity_name(c)) for c in codes]))
                shown.update(codes)
    others: dict[object, list[tuple[str, str]]] = {}
    for act in lib.activities.values():
        if act.section == section and act.code not in shown:
            other = guide.suggestion(act.code, park_level, methodologies) if methodologies else None
            others.setdefault(other, []).append((act.code, guide.activity_name(act.code)))
    for other, items in others.items():
        if not methodologies:
            label = _("Activities")
        elif other is None:
            label = _("Not counted by any guideline")
        else:
            label = _("Covered by %(guideline)s: add that guideline to use these") % {"guideline": guide.title(other)}
        groups.append((str(label), items))
    return groups


def missing_guidelines(section: str, methodologies, park_level: bool) -> list[tuple[object, str, int]]:
    """Guidelines that would cover the section's other activities (with their title and how many each adds),
    most first."""
    if not methodologies:
        return []
    counts: dict[str, int] = {}
    for act in load_library().activities.values():
        if act.section == section and guide.covering(act.code, methodologies) is None:
            other = guide.suggestion(act.code, park_level, methodologies)
            if other is not None:
                counts[other.id] = counts.get(other.id, 0) + 1
    return [(M.get(mid), guide.title(M.get(mid)), n) for mid, n in sorted(counts.items(), key=lambda kv: -kv[1])]


def _ratio(param, activity: str) -> bool:
    return guide.param_unit(param, activity) in ("fraction", "1", "-")


def entry_hints(section: str, methodologies) -> dict:
    """For the entry script: per activity its default unit (in the user's language), the parameters it may
    have measured, those the guideline requires, and each parameter's unit."""
    hints = {}
    for act in load_library().activities.values():
        if act.section != section:
            continue
        params = [p for p in METHODS[act.method].params if p.overridable]
        hints[act.code] = {
            "unit": guide.unit_label(act.default_unit),
            "params": [p.name for p in params],
            "required": [p.name for p in guide.required_params(methodologies, act.code)],
            # in the page's language (1/年, tCH4/头 on a zh page), as the form accepts it; a ratio keeps its code
            "units": {p.name: guide.param_unit(p, act.code) if _ratio(p, act.code)
                      else guide.unit_label(guide.param_unit(p, act.code)) for p in params},
            "ratio": [p.name for p in params if _ratio(p, act.code)],
            "extras": activity_fields(act.code),
            "extras_required": [f for f in activity_fields(act.code) if FIELDS[f].required],
        }
    return hints


def section_fields(section: str) -> list[str]:
    """Method fields (refrigerant, days, deposit_year ...) of the section's activities, in catalogue order."""
    from parkcarbon.inventory.imports import _row_fields  # imports uses this module's measured_params

    return _row_fields(section)


def activity_fields(activity: str) -> list[str]:
    """The method fields one activity reads (engine ``Method.input_fields``: row fields and qualifying columns such as
    the combustion equipment, without the line's own row_id and unit)."""
    act = load_library().activities[activity]
    return [f for f in METHODS[act.method].input_fields if f not in IDENTITY_FIELDS]


def legacy_region_data(data):
    """Posts made before divisions send ``region``: a province code ('CN-JS', as the API always took) or a GB/T 2260
    code. Without a division of its own, such a post chooses the province's division (or that code)."""
    if not data or "region" not in data or any(key in data for key in ("division", "division_0")):
        return data
    region = (data.get("region") or "").strip()
    data = data.copy()
    data["division"] = division_of_region(region) or region
    return data


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
    division = DivisionField(label=_("Region"), help_text=_(
        "Province, city and county where the boundary lies; the province decides the regional power grid."))
    read_at = forms.CharField(widget=forms.HiddenInput, required=False)  # when the edited inventory was read

    class Meta:
        model = Inventory
        fields = ["year", "division", "methodologies", "standard", "gwp_set", "grid_basis", "output_value_10k_yuan",
                  "value_added_10k_yuan", "contact_name", "contact_phone"]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.data = legacy_region_data(self.data)
        # A province code as posted before divisions, or kept by an inventory made before them, stays acceptable.
        self.fields["division"].partial_ok = {self.instance.division, division_of_region(self.instance.region)} - {""}
        if self.data and self.data.get("region") and "division_0" not in self.data:
            self.fields["division"].partial_ok.add(self.data.get("division", ""))
        zh = (get_language() or "").startswith("zh")
        self.fields["methodologies"].choices = [
            (m.id, f"{m.title_zh if zh else m.title_en} ({guide.completeness(m)})")
            for m in M.methodologies().values()
        ]
        self.fields["gwp_set"].choices = [("", _("The guideline's own set")), *GWP_CHOICES]
        lib = load_library()  # the years the engine computes (years.csv): a year outside has no factor at all
        self.fields["year"].widget.attrs.update({"min": lib.first_year, "max": lib.last_year})
        if self.instance.pk:
            self.fields.pop("boundary")
            self.fields["read_at"].initial = self.instance.updated_at.isoformat()
            if not self.instance.division:  # made before divisions: start from its province
                self.initial["division"] = division_of_region(self.instance.region)
            return
        self.fields.pop("read_at")
        parks = Park.objects.for_user(user, "add_inventory")
        enterprises = Enterprise.objects.for_user(user, "add_inventory").select_related("park")
        choices = [(f"park:{p.pk}", _("Park's own sources: %(park)s") % {"park": p.display_name}) for p in parks]
        choices += [(f"enterprise:{e.pk}", e.display_name) for e in enterprises]
        self.fields["boundary"].choices = choices
        # Choosing another boundary reloads the region selects with its division (the create page reads ?boundary=).
        self.fields["boundary"].widget.attrs.update({
            "hx-get": reverse("inventory:create"), "hx-trigger": "change", "hx-target": "#id_division_cascade",
            "hx-select": "#id_division_cascade", "hx-swap": "outerHTML"})
        self.order_fields(["boundary"])
        values = [value for value, _label in choices]
        chosen = self.data.get("boundary") or self.initial.get("boundary") or ""
        chosen = chosen if chosen in values else (values[0] if values else "")
        self.initial["boundary"] = chosen
        if not self.is_bound:
            self.initial["division"] = self._boundary_division(chosen, parks, enterprises)

    @staticmethod
    def _boundary_division(boundary: str, parks, enterprises) -> str:
        """The enterprise's (else its park's) division for a boundary value such as 'enterprise:5'."""
        kind, _sep, pk = boundary.partition(":")
        if not pk.isdigit():
            return ""
        if kind == "park":
            return division_default(park=parks.filter(pk=pk).first())
        enterprise = enterprises.filter(pk=pk).first()
        return division_default(enterprise) if enterprise else ""

    def clean_year(self):
        year = self.cleaned_data["year"]
        lib = load_library()
        if not lib.first_year <= year <= lib.last_year:  # refused here, before any line is typed or uploaded
            raise forms.ValidationError(
                _("Enter a reporting year from %(first)s to %(last)s: the emission factor library has defaults for "
                  "these years only (base years back to %(first)s).") % {"first": lib.first_year, "last": lib.last_year})
        return year

    def clean_division(self):
        code = self.cleaned_data["division"]
        if code and not region_for_division(code):
            raise forms.ValidationError(_("ParkCarbon has no power grid emission factors for this region yet; "
                                          "choose a region of mainland China."))
        return code

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
    """One activity line typed by hand, with optional measured parameters (value + unit) and evidence. An edit
    carries the line's ``revision`` it was read at; the view refuses a save from an older one."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ActivityLine
        fields = ["activity", "amount", "unit", "month", "sector", "ad_uncertainty_pct", "note", "evidence"]

    def __init__(self, *args, section: str, methodologies=(), park_level: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.section, self.methodologies, self.park_level = section, list(methodologies), park_level
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision
        self.fields["activity"] = forms.ChoiceField(
            label=_("Activity"), choices=[("", "---------"), *activity_choices(section, methodologies, park_level)],
            widget=forms.Select(attrs={"data-entry": "activity"}))
        self.fields["sector"] = forms.ChoiceField(
            label=_("Sector"), required=False,
            choices=[("", _("Default of the activity")), *[(s, SECTOR_LABELS[s]) for s in SECTORS]],
        )
        self.fields["month"] = forms.TypedChoiceField(
            label=_("Month"), coerce=int, initial=0,
            choices=[(0, _("Whole year")), *[(m, str(m)) for m in range(1, 13)]],
        )
        self.fields["amount"].widget.attrs.update({"step": "any", "min": 0})
        self.fields["unit"].widget.attrs.update({"list": "unit-options", "autocomplete": "off", "data-entry": "unit"})
        self.fields["unit"].help_text = _("Set from the activity; any unit of the same quantity is accepted.")
        self.params = measured_params(section)
        for p in self.params:
            label = guide.param_label(p)
            spec = (self.instance.measured or {}).get(p.name, {}) if self.instance.pk else {}
            self.fields[f"p_{p.name}"] = forms.FloatField(
                label=_("Measured: %(p)s") % {"p": label}, required=False, initial=spec.get("value"),
                widget=forms.NumberInput(attrs={"step": "any", "data-param": p.name}))
            self.fields[f"p_{p.name}_unit"] = forms.CharField(
                label=_("Unit of %(p)s") % {"p": label}, required=False, initial=spec.get("unit"),
                widget=forms.TextInput(attrs={"data-param-unit": p.name, "autocomplete": "off"}))
        self.extras = section_fields(section)
        zh = (get_language() or "").startswith("zh")
        for name in self.extras:  # the method's own fields, shown for the activities that read them
            spec, initial = FIELDS[name], (self.instance.extra or {}).get(name) if self.instance.pk else None
            attrs = {"data-extra": name}
            label = spec.label_zh if zh else spec.label_en
            if spec.choices:  # e.g. the combustion equipment: a code, shown with its label
                field = forms.ChoiceField(choices=[("", _("Not stated (the guideline's default)")), *[
                    (code, names[0] if zh else names[1]) for code, names in spec.choices.items()]],
                    widget=forms.Select(attrs=attrs))
            elif spec.max_length:
                field = forms.CharField(max_length=spec.max_length, widget=forms.TextInput(attrs=attrs))
            elif spec.integer:
                field = forms.IntegerField(widget=forms.NumberInput(attrs={**attrs, "step": 1}))
            else:
                field = forms.FloatField(widget=forms.NumberInput(attrs={**attrs, "step": "any"}))
            field.label, field.required, field.initial = label, False, initial
            self.fields[f"x_{name}"] = field

    def clean(self):
        cleaned = super().clean()
        self._check_values(cleaned)
        activity = cleaned.get("activity")
        if not activity:
            return cleaned
        if self.methodologies and guide.covering(activity, self.methodologies) is None:
            self.add_error("activity", guide.not_covered_message(activity, self.methodologies, self.park_level))
            return cleaned
        act = load_library().activities[activity]
        own = {p.name for p in METHODS[act.method].params}
        for p in self.params:  # a parameter of another activity's method is not this line's
            if p.name not in own:
                cleaned[f"p_{p.name}"] = None
            elif cleaned.get(f"p_{p.name}") is not None and not (cleaned.get(f"p_{p.name}_unit") or "").strip():
                cleaned[f"p_{p.name}_unit"] = guide.param_unit(p, activity)  # the unit shown, unless changed
            elif cleaned.get(f"p_{p.name}") is not None and not guide.unit_fits(
                    cleaned[f"p_{p.name}_unit"], p, activity, cleaned.get("unit") or ""):
                self.add_error(f"p_{p.name}_unit", _("%(unit)s is not a unit of %(param)s: enter it like %(example)s.") % {
                    "unit": cleaned[f"p_{p.name}_unit"], "param": guide.param_label(p),
                    "example": guide.unit_label(guide.param_unit(p, activity))})
        own_fields = activity_fields(activity)
        for name in self.extras:  # a field of another activity's method is not this line's
            if name not in own_fields or cleaned.get(f"x_{name}") == "":
                cleaned[f"x_{name}"] = None
        for p in guide.required_params(self.methodologies, activity):
            if cleaned.get(f"p_{p.name}") is None:
                m, _cat = guide.covering(activity, self.methodologies)
                self.add_error(f"p_{p.name}", _(
                    "%(guideline)s gives no default value for this: enter the measured %(param)s.")
                    % {"guideline": guide.title(m), "param": guide.param_label(p)})
        return cleaned

    def _check_values(self, cleaned) -> None:
        """The engine's value check, the same as for uploads and the CLI (finite, bounded, no control characters)."""
        row = {k: cleaned.get(k) for k in ("activity", "amount", "unit", "month", "ad_uncertainty_pct", "note")}
        for p in self.params:
            row[p.name], row[f"{p.name}_unit"] = cleaned.get(f"p_{p.name}"), cleaned.get(f"p_{p.name}_unit")
        activity = cleaned.get("activity")
        own_fields = activity_fields(activity) if activity in load_library().activities else []
        row.update({k: v for k, v in self._extra_row(cleaned).items() if k in own_fields})
        zh = (get_language() or "").startswith("zh")
        for problem in check_values([row]):
            name = self.field_of(problem.column)
            if name in self.fields:
                self.add_error(name, problem.text(get_language()))
            else:  # a field this form does not show (e.g. a landfill deposit's year): name it in the message
                f = FIELDS.get(problem.column)
                label = (f.label_zh if zh else f.label_en) if f else problem.column
                self.add_error(None, f"{label}{'：' if zh else ': '}{problem.text(get_language())}")

    def _extra_row(self, cleaned) -> dict:
        """Method fields as the engine reads them; an evidence file uploaded with the line is its evidence unless a
        document is named (as for stored lines, inventory.services)."""
        row = {n: cleaned[f"x_{n}"] for n in self.extras if cleaned.get(f"x_{n}") not in (None, "")}
        if "evidence" in self.extras and "evidence" not in row:
            upload = cleaned.get("evidence") or (self.instance.evidence if self.instance.pk else None)
            if upload:
                row["evidence"] = upload.name
        return row

    def field_of(self, column: str, unit_on_value: bool = False) -> str:
        """The form field showing an engine column (``ncv`` -> ``p_ncv``, ``refrigerant`` -> ``x_refrigerant``);
        ``unit_on_value`` puts a unit's problem on its value's field (the engine names the pair by its unit)."""
        param = column.removesuffix("_unit") if unit_on_value else column
        for name in (f"x_{column}", column, f"p_{param}"):
            if name in self.fields:
                return name
        return column

    def extra(self) -> dict:
        """The method fields of the line (stored in ``ActivityLine.extra``)."""
        return {name: self.cleaned_data[f"x_{name}"] for name in self.extras
                if self.cleaned_data.get(f"x_{name}") is not None}

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
        row.update(self._extra_row(self.cleaned_data))
        return row


def unit_options() -> list[str]:
    """Units offered while typing (any unit of the activity's quantity is accepted)."""
    from parkcarbon.engine.units import names

    return [n for n in names() if n not in ("1", "-")]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Standard Excel file (.xlsx)"))
