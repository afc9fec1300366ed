"""Carbon Assets pages: positions (per enterprise and park-wide, valued, with charts), compliance with traffic lights,
the ledger with filters, and the forms that record movements, surrenders, allocations, accounts, prices and
statement files. Every list comes from ``for_user``; every write goes through the services."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parkcarbon.assets import allocation as alloc
from parkcarbon.assets import ledger, services, statements
from parkcarbon.assets.exports import xlsx_response
from parkcarbon.assets.forms import (
    AccountForm,
    AllocationForm,
    PriceForm,
    RecordForm,
    ReverseForm,
    StatementForm,
    SurrenderForm,
)
from parkcarbon.assets.models import (
    Account,
    AccountKind,
    Entry,
    Instrument,
    Kind,
    Market,
    OffsetProject,
    Price,
    SerialBlock,
    Transaction,
)
from parkcarbon.common.policy import has_role_for
from parkcarbon.common.views import member_required, object_for
from parkcarbon.parks.models import Enterprise, Park

LIGHTS = {"green": gettext_lazy("Fulfilled"), "amber": gettext_lazy("Covered, not yet surrendered"),
          "red": gettext_lazy("Gap or overdue"), "grey": gettext_lazy("Awaiting verified emissions")}


def _date_param(request, name: str, default=None):
    try:
        return date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return default


def _enterprise_filter(request):
    enterprises = Enterprise.objects.for_user(request.user).filter(asset_accounts__isnull=False).distinct()
    chosen = request.GET.get("enterprise", "")
    selected = enterprises.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    return enterprises, selected


def _actions(user) -> dict:
    return {"can_record": has_role_for(user, "asset_account", "record")
            and Account.objects.for_user(user, "record").exists(),
            "can_surrender": has_role_for(user, "asset_account", "surrender"),
            "can_allocate": Enterprise.objects.for_user(user, "allocate").exists(),
            "can_add_account": Enterprise.objects.for_user(user, "add_asset_account").exists(),
            "can_add_price": Park.objects.for_user(user, "add_price").exists()}


@member_required
def index(request):
    on = _date_param(request, "on", timezone.localdate())
    enterprises, selected = _enterprise_filter(request)
    accounts = Account.objects.for_user(request.user)
    if selected:
        accounts = accounts.filter(enterprise=selected)
    rows = services.positions(accounts, on)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"carbon-positions-{on}.xlsx", _("Positions"), [
            _("Enterprise"), _("Account"), _("Instrument"), _("Market"), _("Vintage"), _("Project"),
            _("Balance (t)"), _("Price (yuan/t)"), _("Value (yuan)"), _("Average cost (yuan/t)"),
            _("Realised P/L (yuan)"), _("Unrealised P/L (yuan)")],
            [(p.account.enterprise or "", p.account.code, p.account.get_instrument_display(),
              p.account.get_market_display(), p.account.vintage, p.account.project or "", p.balance, p.price,
              p.value, p.average_cost, p.realised, p.unrealised) for p in rows])
    by_enterprise: dict = defaultdict(lambda: defaultdict(int))
    totals: dict = defaultdict(lambda: {"balance": 0, "value": 0})
    for p in rows:
        name = str(p.account.enterprise or _("Park"))
        by_enterprise[name][p.account.instrument] += p.balance
        totals[p.account.get_instrument_display()]["balance"] += p.balance
        totals[p.account.get_instrument_display()]["value"] += float(p.value or 0)
    names = sorted(by_enterprise)
    prices = Price.objects.for_user(request.user).order_by("date")
    series: dict = defaultdict(list)
    for price in prices.filter(date__lte=on):
        series[f"{price.get_instrument_display()} · {price.get_market_display()}"].append(
            [price.date.isoformat(), float(price.price)])
    charts = {"unit": "t", "names": names,
              "allowances": [by_enterprise[n][Instrument.ALLOWANCE] for n in names],
              "offsets": [by_enterprise[n][Instrument.CCER] for n in names],
              "labels": {"allowance": str(Instrument.ALLOWANCE.label), "ccer": str(Instrument.CCER.label),
                         "price": _("Price (yuan/t)")},
              "prices": [{"name": k, "data": v} for k, v in series.items()]}
    return render(request, "assets/index.html", {
        "positions": rows, "on": on, "enterprises": enterprises, "selected": selected, "totals": dict(totals),
        "charts": charts, **_actions(request.user)})


@member_required
def compliance(request):
    years = sorted({y for _m, y in alloc.market_rules()}, reverse=True)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = _default_year(request.user, years)
    market = request.GET.get("market") if request.GET.get("market") in Market.values else Market.NATIONAL
    rows = services.compliance(Enterprise.objects.for_user(request.user).order_by("name"), year, market)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"compliance-{market}-{year}.xlsx", _("Compliance"), [
            _("Enterprise"), _("Compliance year"), _("Verified emissions (t CO2e)"), _("Obligation (t)"),
            _("Allocated (t)"), _("Allowances held (t)"), _("Offsets held (t)"), _("Offset cap (t)"),
            _("Surrendered allowances (t)"), _("Surrendered offsets (t)"), _("Remaining (t)"),
            _("Surplus (+) / gap (-) (t)"), _("Deadline"), _("Status")],
            [(r.enterprise, r.year, r.verified, r.obligation, r.allocated, r.allowances_held, r.offsets_held,
              r.offset_cap, r.surrendered_allowances, r.surrendered_offsets, r.remaining, r.position, r.deadline,
              LIGHTS[r.light]) for r in rows])
    rule = alloc.market_rules().get((market, year))
    return render(request, "assets/compliance.html", {
        "rows": rows, "year": year, "years": years, "market": market, "markets": Market.choices, "rule": rule,
        "cap_pct": f"{rule.offset_cap_share:.0%}" if rule else "", "lights": LIGHTS,
        "due_soon": reminders(rows), **_actions(request.user)})


def reminders(rows) -> list[dict]:
    """Deadline reminders: unfulfilled obligations within 90 days of the deadline, or past it."""
    return [{"name": str(r.enterprise), "days": abs(r.days_left), "overdue": r.days_left < 0, "remaining": r.remaining}
            for r in rows if r.remaining and r.days_left is not None and r.days_left <= 90]


def _default_year(user, years: list[int]) -> int:
    """The latest year that has verified emissions for the user's enterprises, else the latest with a rule."""
    from parkcarbon.inventory.models import Inventory

    verified = Inventory.objects.for_user(user).filter(status="verified", enterprise__isnull=False)
    latest = verified.order_by("-year").values_list("year", flat=True).first()
    return latest or (years[0] if years else timezone.localdate().year - 1)


@member_required
def ledger_view(request):
    enterprises, selected = _enterprise_filter(request)
    entries = (Entry.objects.for_user(request.user).filter(account__kind=AccountKind.HOLDING)
               .select_related("account__enterprise", "transaction").order_by("-date", "-pk"))
    if selected:
        entries = entries.filter(account__enterprise=selected)
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        entries = entries.filter(transaction__kind=kind)
    account = request.GET.get("account", "").strip()
    if account:
        entries = entries.filter(account__code=account)
    start, end = _date_param(request, "start"), _date_param(request, "end")
    if start:
        entries = entries.filter(date__gte=start)
    if end:
        entries = entries.filter(date__lte=end)
    if request.GET.get("format") == "xlsx":
        return xlsx_response("carbon-ledger.xlsx", _("Ledger"), [
            _("Date"), _("Type"), _("Enterprise"), _("Account"), _("Quantity (t)"), _("Price (yuan/t)"),
            _("Counterparty"), _("Reference"), _("Compliance year"), _("Note"), _("Transaction")],
            [(e.date, e.transaction.get_kind_display(), e.account.enterprise or "", e.account.code, e.quantity,
              e.transaction.price, e.transaction.counterparty, e.transaction.reference,
              e.transaction.compliance_year, e.transaction.note, e.transaction_id) for e in entries[:100_000]])
    count = entries.count()
    shown = list(entries[:500])
    reversed_ids = set(Transaction.objects.filter(reverses__in={e.transaction_id for e in shown})
                       .values_list("reverses", flat=True))
    recordable = set(Account.objects.for_user(request.user, "record").values_list("pk", flat=True))
    return render(request, "assets/ledger.html", {
        "entries": shown, "count": count, "enterprises": enterprises, "selected": selected, "kind": kind,
        "kinds": Kind.choices, "account": account, "start": start, "end": end, "reversed_ids": reversed_ids,
        "recordable": recordable, **_actions(request.user)})


def _form_page(request, form, title: str, submit: str, status: int = 200):
    return render(request, "common/form_page.html", {"form": form, "title": title, "submit_label": submit,
                                                     "cancel_url": reverse("assets:index")}, status=status)


def _write(request, form, call, done: str, title: str, submit: str, back: str = "assets:ledger"):
    """Validate, call the service; a refused value comes back on the form with its message (400)."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                call(form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, done)
            return redirect(back)
    return _form_page(request, form, title, submit, status=400 if request.method == "POST" else 200)


def _need(user, object_type: str, action: str):
    if not has_role_for(user, object_type, action):
        raise PermissionDenied


@member_required
def record(request):
    _need(request.user, "asset_account", "record")
    form = RecordForm(request.POST or None, user=request.user)

    def call(d):
        serials = [(d["serial_first"], d["serial_last"])] if d.get("serial_first") is not None else []
        services.record(request.user, d["account"], d["kind"], d["date"], d["quantity"], to_account=d["to_account"],
                        price=d["price"], counterparty=d["counterparty"], reference=d["reference"], note=d["note"],
                        serials=serials)

    return _write(request, form, call, _("Transaction recorded."), _("Record a transaction"), _("Record"))


@member_required
def surrender(request):
    _need(request.user, "asset_account", "surrender")
    form = SurrenderForm(request.POST or None, user=request.user,
                         initial={"year": request.GET.get("year") or timezone.localdate().year - 1})

    def call(d):
        services.surrender(request.user, d["account"], d["quantity"], d["year"], d["date"], d["account"].market)

    return _write(request, form, call, _("Surrender recorded."), _("Surrender for compliance"), _("Surrender"),
                  back="assets:compliance")


@member_required
def allocate(request):
    _need(request.user, "enterprise", "allocate")
    form = AllocationForm(request.POST or None, user=request.user)

    def call(d):
        inputs, quantity = {}, d.get("quantity")
        if d["method"] == "power_benchmark":
            unit = alloc.UnitInput(d["unit_type"], d["supply_mwh"], d.get("heat_gj") or 0.0, d.get("cooling") or
                                   "water", d.get("heat_ratio") or 0.0, d.get("load_factor"))
            try:
                quantity, parts = alloc.power_allocation(d["year"], [unit], d["share"])
            except alloc.AllocationError as exc:
                raise ValidationError(str(exc)) from exc
            inputs = {"units": parts, "share": d["share"]}
        services.allocate(request.user, d["enterprise"], d["year"], d["stage"], quantity, d["date"],
                          method=d["method"], inputs=inputs)

    return _write(request, form, call, _("Allocation recorded."), _("Record an allocation"), _("Save"),
                  back="assets:compliance")


@member_required
def account_create(request):
    _need(request.user, "enterprise", "add_asset_account")
    form = AccountForm(request.POST or None, user=request.user)

    def call(d):
        enterprise = d["enterprise"]
        project = d.get("project")
        if d["instrument"] == Instrument.CCER and not project:
            project, _created = OffsetProject.objects.get_or_create(
                park=enterprise.park, registry_id=d["new_project_id"],
                defaults={"name": d["new_project_name"], "methodology": d["new_project_methodology"]})
        if Account.objects.filter(park=enterprise.park, code=d["code"]).exists():
            raise ValidationError(_("An account with this code exists already."))
        Account.objects.create(park=enterprise.park, enterprise=enterprise, code=d["code"],
                               instrument=d["instrument"], market=d["market"], vintage=d["vintage"],
                               project=project if d["instrument"] == Instrument.CCER else None)

    return _write(request, form, call, _("Account opened."), _("Open an account"), _("Save"), back="assets:index")


@member_required
def prices(request):
    """The price series; park administrators add a day's price or import a file of them (all rows or none)."""
    parks = Park.objects.for_user(request.user, "add_price")
    may_add = parks.exists()
    form, upload, problems = (PriceForm(parks=parks), StatementForm(), []) if may_add else (None, None, [])
    if request.method == "POST":
        if not may_add:
            raise PermissionDenied
        if request.FILES or getattr(request, "upload_refused", False):
            upload = StatementForm(request.POST, request.FILES)
            if getattr(request, "upload_refused", False):
                upload.add_error("file", _("The file is too large."))
            elif upload.is_valid():
                file = upload.cleaned_data["file"]
                try:
                    n = statements.import_prices(list(parks), file.name, file.read())
                except statements.StatementError as exc:
                    problems = exc.problems
                else:
                    messages.success(request, _("%(n)s rows recorded.") % {"n": n})
                    return redirect("assets:prices")
        else:
            form = PriceForm(request.POST, parks=parks)
            if form.is_valid():
                d = form.cleaned_data
                Price.objects.update_or_create(park=d["park"], instrument=d["instrument"], market=d["market"],
                                               date=d["date"], defaults={"price": d["price"], "source": d["source"]})
                messages.success(request, _("Price saved."))
                return redirect("assets:prices")
    rows = Price.objects.for_user(request.user).order_by("-date", "instrument")[:500]
    return render(request, "assets/prices.html", {"prices": rows, "form": form, "upload": upload, "problems": problems,
                                                  "columns": statements.PRICE_COLUMNS},
                  status=400 if request.method == "POST" else 200)


@member_required
def offsets(request):
    blocks = (SerialBlock.objects.for_user(request.user).filter(transaction__reversed_by__isnull=True)
              .select_related("project", "account__enterprise", "transaction"))
    return render(request, "assets/offsets.html", {"blocks": blocks[:1000]})


@member_required
def import_statement(request):
    _need(request.user, "asset_account", "record")
    form = StatementForm(request.POST or None, request.FILES or None)
    problems, status = [], 200
    if request.method == "POST":
        status = 400
        if getattr(request, "upload_refused", False):
            form.add_error("file", _("The file is too large."))
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            parks = {a.park for a in Account.objects.for_user(request.user, "record").select_related("park")}
            try:
                if len(parks) != 1:
                    raise statements.StatementError([statements.Problem(0, "file", _(
                        "You record for several parks: import from an account of one park."))])
                n = statements.import_statement(request.user, parks.pop(), upload.name, upload.read())
            except statements.StatementError as exc:
                problems = exc.problems
            else:
                messages.success(request, _("%(n)s rows recorded.") % {"n": n})
                return redirect("assets:ledger")
    return render(request, "assets/import.html", {"form": form, "problems": problems,
                                                  "columns": statements.COLUMNS}, status=status)


@member_required
@require_POST
def reverse_transaction(request, pk):
    txn = object_for(request, Transaction, pk=pk)
    accounts = [e.account for e in txn.entries.select_related("account") if e.account.kind == AccountKind.HOLDING]
    if not accounts or not all(Account.objects.for_user(request.user, "record").filter(pk=a.pk).exists()
                               for a in accounts):
        raise PermissionDenied
    form = ReverseForm(request.POST)
    if form.is_valid():
        try:
            ledger.reverse(txn, form.cleaned_data["date"], user=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Transaction reversed."))
    else:
        messages.error(request, _("Give the date and the reason of the reversal."))
    return redirect("assets:ledger")
