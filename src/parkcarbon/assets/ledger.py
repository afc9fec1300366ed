"""The double-entry ledger: ``post`` is the one function that writes entries. It runs in a transaction, locks the
accounts it moves (in primary-key order, so two postings never wait on each other in a cycle), checks that every
holding account stays at or above zero at every date from the posting's date on, and only then writes the immutable
rows. A refused posting raises ValidationError and writes nothing."""

from __future__ import annotations

from collections import defaultdict
from datetime import date as Date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from parkcarbon.assets.models import Account, AccountKind, Entry, OffsetProject, SerialBlock, Transaction

MAX_QUANTITY = 10**12  # t; far above any enterprise's holding, well inside a 64-bit column


def external_account(like: Account, kind: str) -> Account:
    """The park's registry / market / retired account for the unit ``like`` holds (created on first use)."""
    code = f"{kind}:{like.instrument}:{like.market}:{like.vintage}:{like.project_id or ''}"
    account, _created = Account.objects.get_or_create(
        park_id=like.park_id, code=code,
        defaults={"kind": kind, "instrument": like.instrument, "market": like.market, "vintage": like.vintage,
                  "project_id": like.project_id})
    return account


def _lowest_from(account_id: int, on: Date) -> int:
    """The lowest balance of the account at any date from ``on`` on (entries so far)."""
    before = Entry.objects.filter(account_id=account_id, date__lte=on).aggregate(s=Sum("quantity"))["s"] or 0
    lowest = running = before
    later = (Entry.objects.filter(account_id=account_id, date__gt=on).values("date").order_by("date")
             .annotate(s=Sum("quantity")).values_list("s", flat=True))
    for step in later:
        running += step
        lowest = min(lowest, running)
    return lowest


def _check_legs(legs, on) -> dict[int, int]:
    if on is None or on > timezone.localdate():
        raise ValidationError(_("Give the transaction's date; it cannot be in the future."))
    deltas: dict[int, int] = defaultdict(int)
    for account, quantity in legs:
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity == 0 or abs(quantity) > MAX_QUANTITY:
            raise ValidationError(_("Quantities are whole tonnes, not zero, at most %(max)s.") % {"max": MAX_QUANTITY})
        deltas[account.pk] += quantity
    if sum(q for _a, q in legs) != 0:
        raise ValidationError(_("The entries of a transaction must add up to zero."))
    if len({a.unit_key for a, _q in legs}) != 1:
        raise ValidationError(_("A transaction moves one unit: the accounts must be of the same park, instrument, "
                                "market, vintage and project."))
    return {pk: d for pk, d in deltas.items() if d}


@transaction.atomic
def post(park, kind: str, on: Date, legs: list[tuple[Account, int]], *, user=None, serials=(), **fields) -> Transaction:
    """Write one transaction of ``legs`` [(account, signed whole tonnes)] dated ``on``. ``serials``: [(account,
    first, last)] ranges of offsets received. ``fields``: price, counterparty, reference, note, compliance_year,
    reverses."""
    deltas = _check_legs(legs, on)
    if not deltas:
        raise ValidationError(_("The transaction moves nothing."))
    locked = {a.pk: a for a in Account.objects.select_for_update().filter(pk__in=deltas).order_by("pk")}
    if any(a.park_id != park.pk for a in locked.values()):
        raise ValidationError(_("Every account must belong to the park."))
    for pk, delta in sorted(deltas.items()):
        account = locked[pk]
        if account.kind != AccountKind.HOLDING or delta > 0:
            continue
        lowest = _lowest_from(pk, on)
        if lowest + delta < 0:
            raise ValidationError(
                _("Account %(account)s would go below zero: it holds %(held)s t from %(date)s on, %(asked)s t are "
                  "asked for. Nothing was recorded.") % {"account": account.code, "held": f"{max(lowest, 0):,}",
                                                        "date": on.isoformat(), "asked": f"{-delta:,}"})
    _check_serials(locked, deltas, serials)
    txn = Transaction.objects.create(park=park, kind=kind, date=on, by=user, **fields)
    Entry.objects.bulk_create([Entry(transaction=txn, account_id=pk, date=on, quantity=d)
                               for pk, d in sorted(deltas.items())])
    for pk, delta in deltas.items():
        Account.objects.filter(pk=pk).update(balance=F("balance") + delta)
    SerialBlock.objects.bulk_create([SerialBlock(project_id=a.project_id, transaction=txn, account=a, first=first,
                                                 last=last) for a, first, last in serials])
    return txn


def _check_serials(locked: dict[int, Account], deltas: dict[int, int], serials) -> None:
    """Ranges received must be well formed, add up to the quantity received, and overlap no live range of the
    project (a range of a reversed receipt is free again). The project row is locked so two receipts of overlapping
    ranges cannot both pass."""
    if not serials:
        return
    received: dict[int, int] = defaultdict(int)
    ranges = sorted((first, last) for _a, first, last in serials)
    for account, first, last in serials:
        if account.pk not in locked or account.project_id is None or deltas.get(account.pk, 0) <= 0:
            raise ValidationError(_("Serial ranges belong to offsets received by an account of the transaction."))
        if first < 0 or last < first:
            raise ValidationError(_("A serial range runs from its first to its last number (first <= last)."))
        received[account.pk] += last - first + 1
    for (_f1, l1), (f2, _l2) in zip(ranges, ranges[1:], strict=False):
        if f2 <= l1:
            raise ValidationError(_("The serial ranges overlap each other."))
    if any(received[pk] != deltas[pk] for pk in received):
        raise ValidationError(_("The serial ranges must add up to the quantity received."))
    project_id = next(iter(serials))[0].project_id
    OffsetProject.objects.select_for_update().filter(pk=project_id).first()
    live = SerialBlock.objects.filter(project_id=project_id, transaction__reversed_by__isnull=True)
    for first, last in ranges:
        clash = live.filter(first__lte=last, last__gte=first).first()
        if clash:
            raise ValidationError(_("Serial numbers %(first)s-%(last)s are already held (range %(a)s-%(b)s); "
                                    "nothing was recorded.") % {"first": first, "last": last, "a": clash.first,
                                                                "b": clash.last})


@transaction.atomic
def reverse(txn: Transaction, on: Date, *, user=None, note: str = "") -> Transaction:
    """Undo ``txn`` with a new transaction of the opposite entries (the original stays as it was)."""
    txn = Transaction.objects.select_for_update().get(pk=txn.pk)
    if txn.kind == "reversal" or Transaction.objects.filter(reverses=txn).exists():
        raise ValidationError(_("This transaction is a reversal or has been reversed already."))
    if on < txn.date:
        raise ValidationError(_("A reversal cannot be dated before the transaction it reverses."))
    legs = [(e.account, -e.quantity) for e in txn.entries.select_related("account")]
    return post(txn.park, "reversal", on, legs, user=user, reverses=txn, compliance_year=txn.compliance_year,
                price=txn.price, counterparty=txn.counterparty, note=note or _("Reversal"))


def balances_at(accounts, on: Date) -> dict[int, int]:
    """Balance of each account at the end of ``on``: the sum of its entries up to that date."""
    rows = (Entry.objects.filter(account__in=accounts, date__lte=on).values("account")
            .annotate(s=Sum("quantity")).values_list("account", "s"))
    return dict(rows)
