"""Carbon assets in the REST API (/api/v1/assets/...): accounts, entries, positions, compliance, prices; recording,
surrendering and reversing go through the same services (and the same policy) as the web pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja import Status as Reply

from parkcarbon.api.common import ID_MAX, TEXT, Paging, get_for, page
from parkcarbon.api.errors import ApiError
from parkcarbon.assets import ledger, services
from parkcarbon.assets.models import Account, AccountKind, Entry, Kind, Market, Price, Transaction
from parkcarbon.common.policy import can
from parkcarbon.parks.models import Enterprise, Park

router = Router(tags=["carbon assets"])
RECORD_KINDS = (Kind.ALLOCATION, Kind.ISSUANCE, Kind.BUY, Kind.SELL, Kind.TRANSFER)


def _refused(exc: DjangoValidationError):
    return ApiError(" ".join(exc.messages), [{"field": "", "message": m} for m in exc.messages])


def account_dict(a: Account) -> dict:
    return {"id": a.pk, "code": a.code, "enterprise": a.enterprise_id, "park": a.park_id, "instrument": a.instrument,
            "market": a.market, "vintage": a.vintage, "project": a.project_id, "balance": a.balance}


class AccountFilter(Paging):
    enterprise: int | None = Field(None, ge=1, le=ID_MAX)


@router.get("/assets/accounts", url_name="asset_accounts")
def accounts(request, filters: Query[AccountFilter]):
    qs = Account.objects.for_user(request.user).filter(kind=AccountKind.HOLDING).order_by("pk")
    if filters.enterprise is not None:
        qs = qs.filter(enterprise=filters.enterprise)
    return page(qs, filters.offset, filters.limit, account_dict)


def entry_dict(e: Entry) -> dict:
    t = e.transaction
    return {"id": e.pk, "transaction": t.pk, "date": e.date.isoformat(), "kind": t.kind, "quantity": e.quantity,
            "price": str(t.price) if t.price is not None else None, "counterparty": t.counterparty,
            "reference": t.reference, "compliance_year": t.compliance_year, "reverses": t.reverses_id}


@router.get("/assets/accounts/{account_id}/entries", url_name="asset_account_entries")
def entries(request, account_id: int, paging: Query[Paging]):
    account = get_for(request, Account, account_id)
    qs = account.entries.select_related("transaction").order_by("date", "pk")
    return page(qs, paging.offset, paging.limit, entry_dict)


class PositionFilter(Schema):
    on: date | None = None
    enterprise: int | None = Field(None, ge=1, le=ID_MAX)


@router.get("/assets/positions", url_name="asset_positions")
def positions(request, filters: Query[PositionFilter]):
    qs = Account.objects.for_user(request.user)
    if filters.enterprise is not None:
        qs = qs.filter(enterprise=filters.enterprise)
    on = filters.on or timezone.localdate()
    return {"date": on.isoformat(), "items": [
        {**account_dict(p.account), "balance": p.balance, "price": _num(p.price), "value": _num(p.value),
         "average_cost": _num(p.average_cost), "realised": _num(p.realised), "unrealised": _num(p.unrealised)}
        for p in services.positions(qs, on)]}


def _num(value):
    return None if value is None else str(value)


class ComplianceFilter(Schema):
    year: int = Field(ge=2005, le=2100)
    market: str = Field(Market.NATIONAL, pattern="^(" + "|".join(Market.values) + ")$")


@router.get("/assets/compliance", url_name="asset_compliance")
def compliance(request, filters: Query[ComplianceFilter]):
    rows = services.compliance(Enterprise.objects.for_user(request.user).order_by("name"), filters.year,
                               filters.market)
    return {"year": filters.year, "market": filters.market, "items": [
        {"enterprise": r.enterprise.pk, "verified_co2e": r.verified, "obligation": r.obligation,
         "allocated": r.allocated, "allowances_held": r.allowances_held, "offsets_held": r.offsets_held,
         "offset_cap": r.offset_cap, "surrendered_allowances": r.surrendered_allowances,
         "surrendered_offsets": r.surrendered_offsets, "remaining": r.remaining, "position": r.position,
         "deadline": r.deadline.isoformat() if r.deadline else None, "status": r.light} for r in rows]}


class TransactionIn(Schema):
    account: int = Field(ge=1, le=ID_MAX)
    kind: str = Field(pattern="^(" + "|".join(RECORD_KINDS) + ")$")
    date: date
    quantity: int = Field(ge=1, le=ledger.MAX_QUANTITY)
    price: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    to_account: int | None = Field(None, ge=1, le=ID_MAX)
    counterparty: str = Field("", max_length=200, pattern=TEXT)
    reference: str = Field("", max_length=100, pattern=TEXT)
    serial_first: int | None = Field(None, ge=0, le=ID_MAX)
    serial_last: int | None = Field(None, ge=0, le=ID_MAX)


def transaction_dict(t: Transaction) -> dict:
    return {"id": t.pk, "kind": t.kind, "date": t.date.isoformat(), "compliance_year": t.compliance_year,
            "entries": [{"account": e.account_id, "quantity": e.quantity} for e in t.entries.all()]}


@router.post("/assets/transactions", url_name="asset_transaction_create", response={201: dict})
def record(request, data: TransactionIn):
    account = get_for(request, Account, data.account, "record")
    to_account = get_for(request, Account, data.to_account, "record") if data.to_account else None
    serials = [(data.serial_first, data.serial_last)] if data.serial_first is not None else []
    try:
        txn = services.record(request.user, account, data.kind, data.date, data.quantity, to_account=to_account,
                              price=data.price, counterparty=data.counterparty, reference=data.reference,
                              serials=serials)
    except DjangoValidationError as exc:
        raise _refused(exc) from exc
    return Reply(201, transaction_dict(txn))


class SurrenderIn(Schema):
    account: int = Field(ge=1, le=ID_MAX)
    year: int = Field(ge=2005, le=2100)
    quantity: int = Field(ge=1, le=ledger.MAX_QUANTITY)
    date: date


@router.post("/assets/surrenders", url_name="asset_surrender", response={201: dict})
def surrender(request, data: SurrenderIn):
    account = get_for(request, Account, data.account, "surrender")
    try:
        txn = services.surrender(request.user, account, data.quantity, data.year, data.date, account.market)
    except DjangoValidationError as exc:
        raise _refused(exc) from exc
    return Reply(201, transaction_dict(txn))


class ReverseIn(Schema):
    date: date
    note: str = Field(min_length=1, max_length=500, pattern=TEXT)


@router.post("/assets/transactions/{transaction_id}/reverse", url_name="asset_transaction_reverse",
             response={201: dict})
def reverse(request, transaction_id: int, data: ReverseIn):
    txn = get_for(request, Transaction, transaction_id)
    held = [e.account for e in txn.entries.select_related("account") if e.account.kind == AccountKind.HOLDING]
    if not held or not all(can(request.user, "record", a) for a in held):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    try:
        reversal = ledger.reverse(txn, data.date, user=request.user, note=data.note)
    except DjangoValidationError as exc:
        raise _refused(exc) from exc
    return Reply(201, transaction_dict(reversal))


def price_dict(p: Price) -> dict:
    return {"id": p.pk, "park": p.park_id, "instrument": p.instrument, "market": p.market, "date": p.date.isoformat(),
            "price": str(p.price), "source": p.source}


@router.get("/assets/prices", url_name="asset_prices")
def prices(request, paging: Query[Paging]):
    return page(Price.objects.for_user(request.user).order_by("-date", "pk"), paging.offset, paging.limit, price_dict)


class PriceIn(Schema):
    park: int = Field(ge=1, le=ID_MAX)
    instrument: str = Field(pattern="^(allowance|ccer)$")
    market: str = Field(Market.NATIONAL, pattern="^(" + "|".join(Market.values) + ")$")
    date: date
    price: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    source: str = Field("", max_length=200, pattern=TEXT)


@router.post("/assets/prices", url_name="asset_price_create", response={201: dict})
def price_create(request, data: PriceIn):
    park = get_for(request, Park, data.park, "add_price")
    price, _created = Price.objects.update_or_create(park=park, instrument=data.instrument, market=data.market,
                                                     date=data.date,
                                                     defaults={"price": data.price, "source": data.source})
    return Reply(201, price_dict(price))
