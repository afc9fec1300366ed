"""What users do with carbon assets, each a checked call into the ledger: record a movement, surrender for
compliance (offsets within the market's cap), allocate, and read positions, compliance and valuation."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date as Date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from parkcarbon.assets import allocation as alloc
from parkcarbon.assets.ledger import external_account, post
from parkcarbon.assets.models import (
    Account,
    AccountKind,
    Allocation,
    Entry,
    Instrument,
    Kind,
    Market,
    Price,
)
from parkcarbon.common.policy import can

# Movement type -> (external account on the other side, direction into the holding account)
MOVEMENTS = {
    Kind.ALLOCATION: (AccountKind.REGISTRY, +1),
    Kind.ISSUANCE: (AccountKind.REGISTRY, +1),
    Kind.BUY: (AccountKind.MARKET, +1),
    Kind.SELL: (AccountKind.MARKET, -1),
}
PRICED = (Kind.BUY, Kind.SELL)


def _require(user, action: str, account: Account) -> None:
    if user is not None and not can(user, action, account):
        raise PermissionDenied


@transaction.atomic  # the counter account created on first use goes too when the posting is refused
def record(user, account: Account, kind: str, on: Date, quantity: int, *, to_account: Account | None = None,
           price: Decimal | None = None, counterparty: str = "", reference: str = "", note: str = "",
           serials=()):
    """Allocation / issuance / buy / sell of ``quantity`` t on ``account``, or a transfer to ``to_account``."""
    if account.kind != AccountKind.HOLDING:
        raise ValidationError(_("Record movements on holding accounts."))
    _require(user, "record", account)
    if kind in PRICED and (price is None or price <= 0):
        raise ValidationError(_("A purchase or sale needs its price (yuan per tonne)."))
    if price is not None and price < 0:
        raise ValidationError(_("A price cannot be negative."))
    if kind == Kind.TRANSFER:
        if to_account is None or to_account.pk == account.pk or to_account.kind != AccountKind.HOLDING:
            raise ValidationError(_("A transfer needs another holding account to receive it."))
        _require(user, "record", to_account)
        legs = [(account, -quantity), (to_account, quantity)]
    elif kind in MOVEMENTS:
        other_kind, sign = MOVEMENTS[kind]
        legs = [(account, sign * quantity), (external_account(account, other_kind), -sign * quantity)]
    else:
        raise ValidationError(_("Unknown transaction type."))
    if serials and (kind not in (Kind.ISSUANCE, Kind.BUY) or account.instrument != Instrument.CCER):
        raise ValidationError(_("Serial ranges are recorded for offsets issued or bought."))
    if kind == Kind.ALLOCATION and account.instrument != Instrument.ALLOWANCE:
        raise ValidationError(_("Only allowances are allocated; offsets are issued or bought."))
    return post(account.park, kind, on, legs, user=user, price=price, counterparty=counterparty,
                reference=reference, note=note, serials=[(account, first, last) for first, last in serials])


# ---------------------------------------------------------------------------------------------- compliance


def verified_emissions(enterprise_ids, year: int) -> dict[int, float]:
    """Verified t CO2e of each enterprise's verified inventory of ``year``: the verifier's conclusion on the
    current version (its verified total), else the inventory's computed total."""
    from parkcarbon.inventory.models import Inventory
    from parkcarbon.verification.models import Conclusion

    inventories = list(Inventory.objects.filter(enterprise__in=enterprise_ids, year=year, status="verified")
                       .values("pk", "enterprise_id", "version_number", "snapshot__total_co2e"))
    concluded = {(c["inventory_id"], c["version_number"]): c["verified_co2e"] for c in Conclusion.objects.filter(
        inventory__in=[i["pk"] for i in inventories]).values("inventory_id", "version_number", "verified_co2e")}
    out = {}
    for i in inventories:
        value = concluded.get((i["pk"], i["version_number"]))
        value = value if value is not None else i["snapshot__total_co2e"]
        if value is not None:
            out[i["enterprise_id"]] = value
    return out


def whole_tonnes(value: float) -> int:
    """Verified emissions are surrendered in whole tonnes, rounded half up."""
    return int(math.floor(value + 0.5))


@dataclass
class ComplianceRow:
    enterprise: object
    year: int
    market: str
    verified: float | None
    obligation: int | None
    allocated: int
    allowances_held: int
    offsets_held: int
    surrendered_allowances: int
    surrendered_offsets: int
    offset_cap: int | None
    deadline: Date | None
    source: str

    @property
    def surrendered(self) -> int:
        return self.surrendered_allowances + self.surrendered_offsets

    @property
    def remaining(self) -> int | None:
        return None if self.obligation is None else max(self.obligation - self.surrendered, 0)

    @property
    def offsets_usable(self) -> int:
        if self.offset_cap is None:
            return 0
        return max(0, min(self.offsets_held, self.offset_cap - self.surrendered_offsets, self.remaining or 0))

    @property
    def position(self) -> int | None:
        """Surplus (+) or gap (-): what can still be surrendered against what remains to surrender."""
        if self.obligation is None:
            return None
        return self.allowances_held + self.offsets_usable - self.remaining

    @property
    def days_left(self) -> int | None:
        return None if self.deadline is None else (self.deadline - timezone.localdate()).days

    @property
    def light(self) -> str:
        """green: obligation met; amber: covered by holdings but not surrendered yet; red: a gap, or overdue;
        grey: no verified emissions yet."""
        if self.obligation is None:
            return "grey"
        if self.remaining == 0:
            return "green"
        if self.position < 0 or (self.days_left is not None and self.days_left < 0):
            return "red"
        return "amber"


def _sums(queryset, key: str) -> dict:
    out: dict = defaultdict(int)
    for row in queryset.values(key, "account__instrument").annotate(s=Sum("quantity")):
        out[(row[key], row["account__instrument"])] += row["s"]
    return out


def compliance(enterprises, year: int, market: str = Market.NATIONAL) -> list[ComplianceRow]:
    """One row per enterprise that holds or was allocated allowances of ``market`` (a constant number of queries)."""
    enterprises = list(enterprises)
    ids = [e.pk for e in enterprises]
    rule = alloc.market_rules().get((market, year))
    holding = Account.objects.filter(enterprise__in=ids, kind=AccountKind.HOLDING)
    covered = set(holding.filter(instrument=Instrument.ALLOWANCE, market=market).values_list("enterprise", flat=True))
    covered |= set(Allocation.objects.filter(enterprise__in=ids, market=market, year=year)
                   .values_list("enterprise", flat=True))
    held: dict = defaultdict(int)  # current holdings: the running balances kept by ledger.post (no entry scan)
    for r in (holding.filter(market=market).exclude(instrument=Instrument.ALLOWANCE, vintage__gt=year)
              .values("enterprise", "instrument").annotate(s=Sum("balance"))):
        held[(r["enterprise"], r["instrument"])] += r["s"]
    surrendered = _sums(Entry.objects.filter(account__in=holding, transaction__compliance_year=year,
                                             transaction__kind__in=(Kind.SURRENDER, Kind.REVERSAL),
                                             account__market=market), "account__enterprise")
    allocated = dict(Entry.objects.filter(account__in=holding.filter(market=market, vintage=year),
                                          transaction__allocation__isnull=False).values("account__enterprise")
                     .annotate(s=Sum("quantity")).values_list("account__enterprise", "s"))
    verified = verified_emissions(ids, year)
    rows = []
    for e in enterprises:
        if e.pk not in covered:
            continue
        v = verified.get(e.pk)
        obligation = whole_tonnes(v) if v is not None else None
        rows.append(ComplianceRow(
            enterprise=e, year=year, market=market, verified=v, obligation=obligation,
            allocated=allocated.get(e.pk, 0),
            allowances_held=held.get((e.pk, Instrument.ALLOWANCE), 0), offsets_held=held.get((e.pk, Instrument.CCER), 0),
            surrendered_allowances=-surrendered.get((e.pk, Instrument.ALLOWANCE), 0),
            surrendered_offsets=-surrendered.get((e.pk, Instrument.CCER), 0),
            offset_cap=int(math.floor(rule.offset_cap_share * obligation)) if rule and obligation is not None else None,
            deadline=rule.deadline if rule else None, source=rule.source if rule else ""))
    return rows


@transaction.atomic
def surrender(user, account: Account, quantity: int, year: int, on: Date, market: str = Market.NATIONAL):
    """Surrender ``quantity`` t from ``account`` for the enterprise's obligation of ``year``. Allowances of a later
    vintage, more than remains to surrender, and offsets above the market's cap are refused."""
    _require(user, "surrender", account)
    if account.kind != AccountKind.HOLDING or account.enterprise_id is None:
        raise ValidationError(_("Surrender from an enterprise's holding account."))
    # Lock every holding account of the enterprise first (pk order): two surrenders for the same obligation queue
    # here, so together they can never pass the offset cap or the obligation.
    list(Account.objects.select_for_update().filter(enterprise=account.enterprise_id, kind=AccountKind.HOLDING)
         .order_by("pk").values_list("pk", flat=True))
    row = next(iter(compliance([account.enterprise], year, market)), None)
    if row is None or row.obligation is None:
        raise ValidationError(_("There are no verified emissions of %(year)s for this enterprise yet: the obligation "
                                "is not known.") % {"year": year})
    if not isinstance(quantity, int) or quantity <= 0:
        raise ValidationError(_("Surrender a positive whole number of tonnes."))
    if quantity > row.remaining:
        raise ValidationError(_("Only %(remaining)s t remain to surrender for %(year)s; %(asked)s t asked for.")
                              % {"remaining": f"{row.remaining:,}", "year": year, "asked": f"{quantity:,}"})
    if account.instrument == Instrument.ALLOWANCE:
        if account.market != market or account.vintage > year:
            raise ValidationError(_("Allowances of vintage %(vintage)s cannot be surrendered for %(year)s.")
                                  % {"vintage": account.vintage, "year": year})
    else:
        if row.offset_cap is None:
            raise ValidationError(_("No offset rule is recorded for this market and year: offsets cannot be "
                                    "surrendered."))
        room = row.offset_cap - row.surrendered_offsets
        if quantity > room:
            raise ValidationError(
                _("Offsets may cover at most %(cap)s t (%(share)s of verified emissions); %(done)s t already "
                  "surrendered, so at most %(room)s t more. Nothing was recorded.")
                % {"cap": f"{row.offset_cap:,}", "share": f"{alloc.market_rules()[(market, year)].offset_cap_share:.0%}",
                   "done": f"{row.surrendered_offsets:,}", "room": f"{max(room, 0):,}"})
    return post(account.park, Kind.SURRENDER, on, [(account, -quantity),
                                                  (external_account(account, AccountKind.RETIRED), quantity)],
                user=user, compliance_year=year, note=_("Surrender for %(year)s") % {"year": year})


def allowance_account(enterprise, year: int, market: str = Market.NATIONAL) -> Account:
    code = f"{enterprise.credit_code}-{market}-A{year}"
    account, _created = Account.objects.get_or_create(
        park_id=enterprise.park_id, code=code,
        defaults={"enterprise": enterprise, "instrument": Instrument.ALLOWANCE, "market": market, "vintage": year})
    return account


@transaction.atomic
def allocate(user, enterprise, year: int, stage: str, quantity: int, on: Date, *, method: str = "entered",
             inputs: dict | None = None, market: str = Market.NATIONAL) -> Allocation:
    """Record an allocation and post the difference to what was allocated for the year before (a final true-up
    below the pre-allocation takes the rest back, refused when the allowances are no longer held)."""
    if user is not None and not can(user, "allocate", enterprise):
        raise PermissionDenied
    if not isinstance(quantity, int) or quantity < 0:
        raise ValidationError(_("Allowances allocated are a whole number of tonnes, zero or more."))
    account = allowance_account(enterprise, year, market)
    before = Allocation.objects.filter(enterprise=enterprise, year=year, market=market).order_by("-pk").first()
    delta = quantity - (before.quantity if before else 0)
    txn = None
    if delta:
        registry = external_account(account, AccountKind.REGISTRY)
        txn = post(account.park, Kind.ALLOCATION, on, [(account, delta), (registry, -delta)], user=user,
                   note=_("%(stage)s %(year)s") % {"stage": stage, "year": year})
    return Allocation.objects.create(park_id=enterprise.park_id, enterprise=enterprise, market=market, year=year,
                                     stage=stage, method=method, inputs=inputs or {}, quantity=quantity,
                                     transaction=txn, by=user)


# ---------------------------------------------------------------------------------------------- valuation


def latest_prices(park_ids, on: Date) -> dict[tuple[str, str], Decimal]:
    """The last price on or before ``on`` of each (instrument, market)."""
    out = {}
    for p in Price.objects.filter(park__in=park_ids, date__lte=on).order_by("date"):
        out[(p.instrument, p.market)] = p.price
    return out


@dataclass
class Position:
    account: Account
    balance: int
    price: Decimal | None
    average_cost: Decimal
    realised: Decimal

    @property
    def value(self) -> Decimal | None:
        return None if self.price is None else self.price * self.balance

    @property
    def unrealised(self) -> Decimal | None:
        return None if self.price is None else (self.price - self.average_cost) * self.balance


def trade_results(account_ids) -> dict[int, tuple[Decimal, Decimal]]:
    """(average cost, realised P/L) per account by the moving-average method: purchases at their price, allocations,
    issuances and transfers in at zero cost; a sale realises (price - average cost) x quantity."""
    state: dict[int, list] = defaultdict(lambda: [0, Decimal(0), Decimal(0)])  # quantity, cost, realised
    entries = (Entry.objects.filter(account__in=account_ids).order_by("date", "pk")
               .values_list("account", "quantity", "transaction__kind", "transaction__price"))
    for account, quantity, kind, price in entries:
        q, cost, realised = state[account]
        avg = cost / q if q else Decimal(0)
        if quantity > 0:
            cost += (price or Decimal(0)) * quantity if kind in (Kind.BUY, Kind.REVERSAL) else Decimal(0)
        else:
            if kind == Kind.SELL and price is not None:
                realised += (price - avg) * -quantity
            cost += avg * quantity
        state[account] = [q + quantity, cost, realised]
    return {a: ((c / q if q else Decimal(0)).quantize(Decimal("0.01")), r.quantize(Decimal("0.01")))
            for a, (q, c, r) in state.items()}


def positions(accounts, on: Date | None = None) -> list[Position]:
    from parkcarbon.assets.ledger import balances_at

    on = on or timezone.localdate()
    accounts = list(accounts.filter(kind=AccountKind.HOLDING).select_related("enterprise", "project"))
    balances = balances_at([a.pk for a in accounts], on)
    prices = latest_prices({a.park_id for a in accounts}, on)
    results = trade_results([a.pk for a in accounts])
    return [Position(a, balances.get(a.pk, 0), prices.get((a.instrument, a.market)),
                     *results.get(a.pk, (Decimal(0), Decimal(0)))) for a in accounts]
