"""Forms of the Carbon Assets pages; every choice of account or enterprise comes from what the user may act on."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parkcarbon.assets.allocation import COOLING, UNIT_TYPES, benchmark_years
from parkcarbon.assets.models import (
    Account,
    AccountKind,
    AllocationStage,
    Instrument,
    Kind,
    Market,
    OffsetProject,
)
from parkcarbon.parks.models import Enterprise, Park

RECORD_KINDS = [(k, label) for k, label in Kind.choices if k in (Kind.ALLOCATION, Kind.ISSUANCE, Kind.BUY, Kind.SELL,
                                                                  Kind.TRANSFER)]


def _today():
    return timezone.localdate()


class AccountForm(forms.Form):
    enterprise = forms.ModelChoiceField(Enterprise.objects.none(), label=_("Enterprise"))
    code = forms.CharField(label=_("Account code"), max_length=60)
    instrument = forms.ChoiceField(label=_("Instrument"), choices=Instrument.choices)
    market = forms.ChoiceField(label=_("Market"), choices=Market.choices)
    vintage = forms.IntegerField(label=_("Vintage"), min_value=2005, max_value=2100)
    project = forms.ModelChoiceField(OffsetProject.objects.none(), label=_("Offset project"), required=False)
    new_project_id = forms.CharField(label=_("or a new project: registry number"), max_length=60, required=False)
    new_project_name = forms.CharField(label=_("project name"), max_length=200, required=False)
    new_project_methodology = forms.CharField(label=_("methodology"), max_length=60, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.for_user(user, "add_asset_account")
        self.fields["project"].queryset = OffsetProject.objects.for_user(user)

    def clean(self):
        data = super().clean()
        if data.get("instrument") == Instrument.CCER and not (data.get("project") or data.get("new_project_id")):
            self.add_error("project", _("An offset account belongs to a project: choose one or give a new one."))
        if data.get("new_project_id") and not (data.get("new_project_name") and data.get("new_project_methodology")):
            self.add_error("new_project_name", _("A new project needs its name and methodology."))
        return data


class RecordForm(forms.Form):
    account = forms.ModelChoiceField(Account.objects.none(), label=_("Account"))
    kind = forms.ChoiceField(label=_("Type"), choices=RECORD_KINDS)
    date = forms.DateField(label=_("Date"), initial=_today)
    quantity = forms.IntegerField(label=_("Quantity (t)"), min_value=1, max_value=10**12)
    price = forms.DecimalField(label=_("Price (yuan/t)"), required=False, min_value=0, max_digits=12,
                               decimal_places=2)
    to_account = forms.ModelChoiceField(Account.objects.none(), label=_("To account (transfer)"), required=False)
    counterparty = forms.CharField(label=_("Counterparty"), max_length=200, required=False)
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
    serial_first = forms.IntegerField(label=_("First serial (offsets)"), required=False, min_value=0)
    serial_last = forms.IntegerField(label=_("Last serial"), required=False, min_value=0)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = Account.objects.for_user(user, "record").filter(kind=AccountKind.HOLDING).select_related(
            "enterprise")
        self.fields["account"].queryset = accounts
        self.fields["to_account"].queryset = accounts

    def clean(self):
        data = super().clean()
        if (data.get("serial_first") is None) != (data.get("serial_last") is None):
            self.add_error("serial_last", _("Give the first and the last serial number."))
        return data


class SurrenderForm(forms.Form):
    account = forms.ModelChoiceField(Account.objects.none(), label=_("Account"))
    year = forms.IntegerField(label=_("Compliance year"), min_value=2019, max_value=2100)
    quantity = forms.IntegerField(label=_("Quantity (t)"), min_value=1, max_value=10**12)
    date = forms.DateField(label=_("Date"), initial=_today)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = Account.objects.for_user(user, "surrender").filter(
            kind=AccountKind.HOLDING, enterprise__isnull=False).select_related("enterprise")


class AllocationForm(forms.Form):
    enterprise = forms.ModelChoiceField(Enterprise.objects.none(), label=_("Enterprise"))
    year = forms.IntegerField(label=_("Compliance year"), min_value=2019, max_value=2100)
    stage = forms.ChoiceField(label=_("Stage"), choices=AllocationStage.choices)
    date = forms.DateField(label=_("Date issued"), initial=_today)
    method = forms.ChoiceField(label=_("Method"), choices=[
        ("entered", _("Entered as issued")), ("power_benchmark", _("Power-sector benchmark method"))])
    quantity = forms.IntegerField(label=_("Allowances issued (t)"), required=False, min_value=0, max_value=10**12)
    unit_type = forms.ChoiceField(label=_("Unit type"), required=False, choices=[(u, u) for u in UNIT_TYPES])
    supply_mwh = forms.FloatField(label=_("Power supplied (MWh)"), required=False, min_value=0)
    heat_gj = forms.FloatField(label=_("Heat supplied (GJ)"), required=False, min_value=0, initial=0)
    cooling = forms.ChoiceField(label=_("Cooling"), required=False,
                                choices=[("water", _("Water-cooled")), ("air", _("Air-cooled"))])
    heat_ratio = forms.FloatField(label=_("Heat-supply ratio (0-1)"), required=False, min_value=0, max_value=0.99,
                                  initial=0)
    load_factor = forms.FloatField(label=_("Load factor (0-1, pure-condensing coal units)"), required=False,
                                   min_value=0.01, max_value=1)
    share = forms.FloatField(label=_("Share of the computed amount (0.7 for a pre-allocation)"), initial=1,
                             min_value=0.01, max_value=1)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.for_user(user, "allocate")

    def clean(self):
        data = super().clean()
        if data.get("method") == "entered" and data.get("quantity") is None:
            self.add_error("quantity", _("Give the allowances issued."))
        if data.get("method") == "power_benchmark":
            if data.get("year") not in benchmark_years():
                self.add_error("year", _("A cited benchmark exists for %(years)s only; enter other years as issued.")
                               % {"years": ", ".join(map(str, benchmark_years()))})
            if data.get("supply_mwh") is None or not data.get("unit_type"):
                self.add_error("supply_mwh", _("Give the unit type and the power supplied."))
            if data.get("cooling") not in COOLING:
                data["cooling"] = "water"
        return data


class PriceForm(forms.Form):
    park = forms.ModelChoiceField(Park.objects.none(), label=_("Park"))
    instrument = forms.ChoiceField(label=_("Instrument"), choices=Instrument.choices)
    market = forms.ChoiceField(label=_("Market"), choices=Market.choices)
    date = forms.DateField(label=_("Date"), initial=_today)
    price = forms.DecimalField(label=_("Price (yuan/t)"), min_value=0.01, max_digits=12, decimal_places=2)
    source = forms.CharField(label=_("Source"), max_length=200, required=False)

    def __init__(self, *args, parks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = parks
        if len(parks) == 1:
            self.fields["park"].initial = parks[0].pk


class StatementForm(forms.Form):
    file = forms.FileField(label=_("Statement file (.xlsx or .csv)"))


class ReverseForm(forms.Form):
    date = forms.DateField(label=_("Date"), initial=_today)
    note = forms.CharField(label=_("Reason"), max_length=500)
