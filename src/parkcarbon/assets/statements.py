"""Statement import: rows of an .xlsx or .csv file (one movement per row) validated row by row, then recorded in one
transaction: every row or none. A workbook passes the hostile-file guard (``engine.xlsx_guard``) before any reader
sees it. Accounts are named by their code; an account the user cannot record on is as unknown as a missing one."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parkcarbon.assets import services
from parkcarbon.assets.models import Account, AccountKind, Kind
from parkcarbon.engine.errors import InputError
from parkcarbon.engine.xlsx_guard import check_size, measure

COLUMNS = ("date", "type", "account", "quantity", "price", "counterparty", "to_account", "reference",
           "serial_first", "serial_last", "note")
REQUIRED = ("date", "type", "account", "quantity")
TYPES = (Kind.ALLOCATION, Kind.ISSUANCE, Kind.BUY, Kind.SELL, Kind.TRANSFER)
MAX_ROWS = 10_000


@dataclass
class Problem:
    row: int
    column: str
    message: str


class StatementError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def read_rows(name: str, data: bytes, columns=COLUMNS, required=REQUIRED) -> list[dict]:
    """Rows as {column: text-or-value} with the file's row number under ``_row``."""
    try:
        check_size(len(data))
        if name.lower().endswith(".csv"):
            text = data.decode("utf-8-sig")
            table = list(csv.reader(io.StringIO(text)))
        else:
            measure(data)
            from python_calamine import CalamineWorkbook

            wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
            table = wb.get_sheet_by_index(0).to_python()
    except InputError as exc:
        raise StatementError([Problem(0, "file", exc.problems[0].text(get_language()))]) from exc
    except (UnicodeDecodeError, csv.Error, ValueError, KeyError, IndexError, TypeError, OSError) as exc:
        raise StatementError([Problem(0, "file", _("The file could not be read: save it as .xlsx or UTF-8 .csv."))]) \
            from exc
    if not table:
        raise StatementError([Problem(0, "file", _("The file is empty."))])
    header = [str(h).strip().lower() for h in table[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise StatementError([Problem(1, c, _("This column is missing.")) for c in missing])
    if len(table) - 1 > MAX_ROWS:
        raise StatementError([Problem(0, "file", _("At most %(n)s rows per file.") % {"n": MAX_ROWS})])
    rows = []
    for n, values in enumerate(table[1:], start=2):
        row = {h: v for h, v in zip(header, values, strict=False) if h in columns}
        if all(v in ("", None) for v in row.values()):
            continue
        row["_row"] = n
        rows.append(row)
    return rows


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(_text(value)[:10])


def _whole(value) -> int:
    number = Decimal(_text(value).replace(",", ""))
    if number != number.to_integral_value() or number <= 0:
        raise ValueError
    return int(number)


def parse(rows: list[dict], accounts: dict[str, Account]) -> tuple[list[dict], list[Problem]]:
    """Check every row; return the parsed rows and every problem found (not only the first)."""
    parsed, problems = [], []
    for row in rows:
        n, out, bad = row["_row"], {"_row": row["_row"]}, False

        def problem(column, message, n=n):
            nonlocal bad
            bad = True
            problems.append(Problem(n, column, message))

        try:
            out["date"] = _date(row.get("date"))
        except (ValueError, TypeError):
            problem("date", _("Give a date as YYYY-MM-DD."))
        out["type"] = _text(row.get("type")).lower()
        if out["type"] not in TYPES:
            problem("type", _("Unknown type; use one of: %(types)s.") % {"types": ", ".join(TYPES)})
        for column in ("account", "to_account"):
            code = _text(row.get(column))
            if code or column == "account":
                out[column] = accounts.get(code)
                if out[column] is None:
                    problem(column, _("Unknown account %(code)s.") % {"code": code or "-"})
        if out.get("type") == Kind.TRANSFER and "to_account" not in out:
            problem("to_account", _("A transfer needs the receiving account."))
        try:
            out["quantity"] = _whole(row.get("quantity"))
        except (InvalidOperation, ValueError):
            problem("quantity", _("Give a positive whole number of tonnes."))
        price = _text(row.get("price"))
        try:
            out["price"] = Decimal(price.replace(",", "")) if price else None
            if out["price"] is not None and out["price"] < 0:
                raise ValueError
        except (InvalidOperation, ValueError):
            problem("price", _("Give the price in yuan per tonne."))
        if out.get("type") in (Kind.BUY, Kind.SELL) and out.get("price") is None:
            problem("price", _("A purchase or sale needs its price."))
        first, last = _text(row.get("serial_first")), _text(row.get("serial_last"))
        if first or last:
            try:
                out["serials"] = [(int(Decimal(first)), int(Decimal(last)))]
            except (InvalidOperation, ValueError):
                problem("serial_first", _("Serial numbers are whole numbers."))
        for column in ("counterparty", "reference", "note"):
            out[column] = _text(row.get(column))[:200]
        if not bad:
            parsed.append(out)
    return parsed, problems


def recordable_accounts(user, park) -> dict[str, Account]:
    return {a.code: a for a in Account.objects.for_user(user, "record").filter(park=park, kind=AccountKind.HOLDING)}


def import_statement(user, park, name: str, data: bytes) -> int:
    """Record every row of the file, or nothing (StatementError with every problem). Returns rows recorded."""
    rows = read_rows(name, data)
    parsed, problems = parse(rows, recordable_accounts(user, park))
    if problems:
        raise StatementError(problems)
    if not parsed:
        raise StatementError([Problem(0, "file", _("The file has no rows."))])
    with transaction.atomic():
        for row in parsed:
            try:
                services.record(user, row["account"], row["type"], row["date"], row["quantity"],
                                to_account=row.get("to_account"), price=row["price"],
                                counterparty=row["counterparty"], reference=row["reference"], note=row["note"],
                                serials=row.get("serials", ()))
            except (ValidationError, PermissionDenied) as exc:
                messages = getattr(exc, "messages", None) or [_("Not allowed.")]
                # One refused row undoes the rows before it: nothing of the file is recorded.
                raise StatementError([Problem(row["_row"], "-", m) for m in messages]) from exc
    return len(parsed)


PRICE_COLUMNS = ("date", "instrument", "market", "price", "source")


def import_prices(parks, name: str, data: bytes) -> int:
    """A price series file (date, instrument, market, price, source): every row checked, then all saved for each
    of ``parks`` (a day's price replaces the one stored), or none."""
    from parkcarbon.assets.models import Instrument, Market, Price

    problems, parsed = [], []
    for row in read_rows(name, data, PRICE_COLUMNS, ("date", "instrument", "price")):
        n, bad = row["_row"], False
        try:
            on = _date(row.get("date"))
        except (ValueError, TypeError):
            problems.append(Problem(n, "date", _("Give a date as YYYY-MM-DD.")))
            bad = True
        instrument = _text(row.get("instrument")).lower()
        market = _text(row.get("market")).lower() or Market.NATIONAL
        if instrument not in Instrument.values:
            problems.append(Problem(n, "instrument", _("Use allowance or ccer.")))
            bad = True
        if market not in Market.values:
            problems.append(Problem(n, "market", _("Unknown market.")))
            bad = True
        try:
            price = Decimal(_text(row.get("price")).replace(",", ""))
            if not price > 0 or price >= Decimal(10) ** 10:
                raise ValueError
        except (InvalidOperation, ValueError):
            problems.append(Problem(n, "price", _("Give the price in yuan per tonne.")))
            bad = True
        if not bad:
            parsed.append((on, instrument, market, price.quantize(Decimal("0.01")), _text(row.get("source"))[:200]))
    if problems or not parsed:
        raise StatementError(problems or [Problem(0, "file", _("The file has no rows."))])
    with transaction.atomic():
        for park in parks:
            for on, instrument, market, price, source in parsed:
                Price.objects.update_or_create(park=park, instrument=instrument, market=market, date=on,
                                               defaults={"price": price, "source": source})
    return len(parsed)
